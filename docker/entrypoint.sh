#!/bin/sh
# Migrations run at start (compose starts this container only once the database is healthy).
# With several web replicas, set MIGRATE_ON_START=0 on all but one: migrations take no lock.
set -eu
if [ "${MIGRATE_ON_START:-1}" = "1" ]; then
  python manage.py migrate --no-input
fi
exec "$@"
