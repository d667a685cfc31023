#!/bin/sh
# Migrations run at start; compose starts this container only once the database is healthy.
set -eu
python manage.py migrate --no-input
exec "$@"
