"""Throttling of guesses: the 11th failure within a minute from one address gets 429."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from accounts.models import FailedAttempt

MAX_FAILURES = 10
WINDOW = timedelta(minutes=1)
LOGIN, TOKEN = "login", "token"


def client_ip(request):
    header = settings.CLIENT_IP_HEADER
    if header:
        # The reverse proxy appends the real client last; earlier entries can be forged.
        forwarded = request.META.get(header, "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key, not a bind


def is_blocked(request, scope):
    since = timezone.now() - WINDOW
    return (
        FailedAttempt.objects.filter(
            scope=scope, ip_address=client_ip(request), created_at__gte=since
        ).count()
        >= MAX_FAILURES
    )


def record_failure(request, scope):
    ip = client_ip(request)
    FailedAttempt.objects.filter(
        scope=scope, ip_address=ip, created_at__lt=timezone.now() - WINDOW
    ).delete()
    FailedAttempt.objects.create(scope=scope, ip_address=ip)


def too_many_attempts(request):
    response = render(request, "accounts/too_many_attempts.html", status=429)
    response["Retry-After"] = str(int(WINDOW.total_seconds()))
    return response
