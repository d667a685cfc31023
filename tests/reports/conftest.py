"""The files are built from the plans' sessions: their fixtures, and the URLs of the files."""

from django.urls import reverse

from tests.plans.conftest import action, themes, visible_session  # noqa: F401  (fixtures)


def report_url(name, session):
    return reverse(f"reports:{name}", args=[session.cooperative.slug, session.pk])
