"""Helpers for the paper sheets' tests: the facilitator's browser on the tally page."""

import re

from django.urls import reverse

from diagnostics import quiz

VALUES = {"Y": "yes", "U": "unsure", "N": "no", "-": ""}
ENTRY = re.compile(r'name="entry" value="([^"]+)"')


def tally_url(session):
    return reverse("diagnostics:paper_tally", args=[session.cooperative.slug, session.pk])


def entry_token(client, session):
    page = client.get(tally_url(session)).content.decode()
    return ENTRY.search(page).group(1)


def sheet_data(session, letters, token):
    """The tally form for one sheet: one letter per statement in quiz order (Y = Oui, U = ?,
    N = Non, - = left blank on the paper)."""
    statements = quiz.statements_of(session.questionnaire_id)
    letters = letters.replace(" ", "")
    assert len(letters) == len(statements), len(letters)
    data = {f"s_{s.pk}": VALUES[c] for s, c in zip(statements, letters, strict=True)}
    return data | {"entry": token}


def enter_sheet(client, session, letters, token=None):
    """Type one paper sheet in, as the facilitator does; returns the response (not followed)."""
    token = token or entry_token(client, session)
    return client.post(tally_url(session), sheet_data(session, letters, token))
