"""Health of one web instance, for the load balancer: database reachable, migrations applied."""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    if pending:
        return JsonResponse(
            {"status": "error", "database": "ok", "pending_migrations": len(pending)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "pending_migrations": 0})
