"""Throttling of guesses.

Logins (the site's and /admin/'s) are counted by django-axes, per address and per account
(settings.AXES_*). Invitation tokens and join links are counted here: the 11th failure within
a minute from one address gets 429. Both key on `client_ip`, the one place that decides which
address a request comes from.
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from accounts.models import FailedAttempt

MAX_FAILURES = 10
WINDOW = timedelta(minutes=1)
LOGIN, TOKEN = "login", "token"
# Each sign-up or reset request may send an email: counted as attempts, per address.
SIGNUP, PASSWORD_RESET = "signup", "reset"
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a throttle key, never a bind address


def parse_address(text):
    """The address in `text` (an X-Forwarded-For entry or REMOTE_ADDR), port stripped;
    None when it is not an IP address, so nothing malformed reaches an `inet` column."""
    text = (text or "").strip()
    if text.startswith("["):  # [2001:db8::1]:443 or [2001:db8::1]
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # 192.0.2.1:5678; a bare IPv6 address has several colons
        text = text.partition(":")[0]
    if "%" in text:  # a zone (fe80::1%eth0) is local to the proxy, and PostgreSQL refuses it
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped  # ::ffff:192.0.2.1 is 192.0.2.1, not a second key
    return address


def is_trusted_proxy(address):
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_ip(request):
    """The client's address: REMOTE_ADDR, unless REMOTE_ADDR is one of our reverse proxies
    (DJANGO_TRUSTED_PROXIES); then the right-most X-Forwarded-For entry that is not itself
    one of them. Entries further left were written by the client and can be forged, and so
    can the whole header when the request did not come through our proxy."""
    remote = parse_address(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return UNKNOWN_ADDRESS
    if not is_trusted_proxy(remote):
        return str(remote)
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed(entries):
        address = parse_address(entry)
        if address is None:
            return str(remote)  # our proxy wrote something we cannot read: count the proxy
        if not is_trusted_proxy(address):
            return str(address)
    return str(remote)  # only proxies on the way: the request started inside


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


def too_many_attempts(request, retry_after=WINDOW):
    minutes = max(1, int(retry_after.total_seconds()) // 60)
    response = render(request, "accounts/too_many_attempts.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(retry_after.total_seconds()))
    return response


def login_username(request, credentials):
    """The account axes counts failures against: the typed address, trimmed and lower-cased
    (like the login form), so `Lea@Exemple.org` and `lea@exemple.org` share one counter."""
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None:
        username = request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else None


def login_lockout(request, original_response=None, credentials=None):
    """Axes' answer to a locked-out login: our 429 page, the same whether the address
    has an account or not."""
    return too_many_attempts(request, retry_after=settings.AXES_COOLOFF_TIME)
