"""Email sent by the worker, not in the request: the rules every queued email follows.

A request only queues (Django's Tasks framework; the database backend, see settings.TASKS);
`manage.py db_worker` sends. When the mail server fails, the task queues itself again later
(BACKOFF), at most MAX_ATTEMPTS times, then gives up: the person asking never waits on SMTP and
never sees a 500. Generic, so it sits with identity in the lowest layer (accounts' own emails use
it; cooperatives and diagnostics record each email's status in their outbox).

What goes into a task's arguments sits in the database in clear: ids, a base URL, a language,
never a link that works or a token (the task makes those when it sends).
"""

import contextlib
import logging
from datetime import timedelta

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.validators import without_control_characters

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Waits before attempts 2, 3, 4 and 5: a mail server down for a few minutes or a few hours.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)


def base_url(request):
    """Scheme and host of the request (host checked by ALLOWED_HOSTS): the worker has no
    request, so it builds the links of an email from this."""
    return f"{request.scheme}://{request.get_host()}"


def language(request=None):
    return getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or "fr"


def deliver_each(messages):
    """Send (subject, body, recipient) triples over one connection; one True or False per
    message (False: logged, without the address). Never raises: the task decides to retry."""
    messages = list(messages)
    try:
        connection = get_connection()
        connection.open()
    except Exception:  # noqa: BLE001 - SMTP, DNS, socket errors alike
        logger.warning("mail server unreachable: %d emails wait", len(messages))
        return [False] * len(messages)
    results = []
    try:
        for subject, body, recipient in messages:
            message = EmailMessage(
                without_control_characters(str(subject)), body, None, [recipient]
            )
            try:
                results.append(bool(connection.send_messages([message])))
            except Exception:  # noqa: BLE001 - a refused recipient, a dropped connection
                logger.warning("queued email not sent", exc_info=False)
                results.append(False)
    finally:
        with contextlib.suppress(Exception):  # closing a broken connection
            connection.close()
    return results


def rendered(template, context):
    """The (subject, body) of an email from `<template>_subject.txt` and `<template>.txt`; the
    subject becomes one clean line when it is sent (deliver_each)."""
    return (
        render_to_string(f"{template}_subject.txt", context),
        render_to_string(f"{template}.txt", context),
    )


def deliver(subject, body, recipient):
    return deliver_each([(subject, body, recipient)])[0]


def retry_later(task, attempt, **kwargs):
    """Queue `task` again after the backoff of this attempt; False when none is left (or the
    backend cannot wait: the tests' immediate backend), so the email is marked failed."""
    if attempt >= MAX_ATTEMPTS or not task.get_backend().supports_defer:
        return False
    wait = BACKOFF[min(attempt, len(BACKOFF)) - 1]
    task.using(run_after=timezone.now() + wait).enqueue(attempt=attempt + 1, **kwargs)
    return True
