"""``{% load stepper %}{% session_stepper "results" %}``: the session's path on a session page,
read from the page's own context (session, membership, request), so no view has to know it."""

from django import template

from plans.stepper import stepper_for

register = template.Library()


@register.inclusion_tag("plans/includes/stepper.html", takes_context=True)
def session_stepper(context, page="", session=None):
    """The stepper of the page's `session` (or the one given) for the page's `membership`;
    `page` is the step the page belongs to (plans.stepper.STEP_KEYS)."""
    session = session or context["session"]
    request = context.get("request")
    path = request.get_full_path() if request is not None else ""
    # The page's own count of sent sheets, when it has one for this session: one query less.
    participation = context.get("participation")
    submitted = (
        getattr(participation, "submitted", None) if session is context.get("session") else None
    )
    stepper = stepper_for(session, context.get("membership"), page, path, submitted)
    return {
        "stepper": stepper,
        "csrf_token": context.get("csrf_token"),
    }
