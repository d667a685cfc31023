"""Every file of the registry leaves with the same headers: an attachment with a name every
browser reads, never stored, never sniffed."""

import json

import pytest
from django.urls import reverse

from reports.registry import (
    CHARTER_READERS,
    FORMATS,
    NETWORK_ADVISERS,
    PAPER_FACILITATORS,
    SESSION_FACILITATORS,
    content_disposition,
)
from tests.reports.conftest import report_url

CSV = "text/csv; charset=utf-8"


def url_of(name, session):
    audience = FORMATS[name].audience
    if audience in (SESSION_FACILITATORS, PAPER_FACILITATORS):
        return report_url(name, session)
    if name == "cooperative_export" or audience == CHARTER_READERS:
        return reverse(f"reports:{name}", args=[session.cooperative.slug])
    if audience == NETWORK_ADVISERS:  # tests/conftest.py's `network`
        return reverse(f"reports:{name}", args=["urscop-occitanie"])
    return reverse(f"reports:{name}")


@pytest.mark.parametrize(
    ("name", "content_type", "filename"),
    [
        ("pdf", "application/pdf", "scop-des-oliviers-diagnostic-{pk}.pdf"),
        ("results_csv", CSV, "scop-des-oliviers-diagnostic-{pk}-resultats.csv"),
        ("plan_csv", CSV, "scop-des-oliviers-diagnostic-{pk}-plan-action.csv"),
        ("cooperative_export", "application/json", "scop-des-oliviers.json"),
        ("my_data_download", "application/json", "mes-donnees-qvt.json"),
    ],
)
def test_every_file_is_an_attachment_never_stored_nor_sniffed(
    client_as, facilitator, visible_session, name, content_type, filename
):
    response = client_as(facilitator).get(url_of(name, visible_session))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    expected = filename.format(pk=visible_session.pk)
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_registry_has_one_url_per_file_at_the_paths_it_always_had(visible_session, network):
    slug, pk = visible_session.cooperative.slug, visible_session.pk
    assert {name: url_of(name, visible_session) for name in FORMATS} == {
        "pdf": f"/c/{slug}/sessions/{pk}/rapport.pdf",
        "paper_quiz": f"/c/{slug}/sessions/{pk}/questionnaire-papier.pdf",
        "results_csv": f"/c/{slug}/sessions/{pk}/export/resultats.csv",
        "plan_csv": f"/c/{slug}/sessions/{pk}/export/plan-action.csv",
        "cooperative_export": f"/c/{slug}/donnees/export/",
        "charter_pdf": f"/c/{slug}/exercices/charte.pdf",
        "my_data_download": "/comptes/mes-donnees/export/",
        "network_pdf": "/reseaux/urscop-occitanie/rapport.pdf",
        "network_csv": "/reseaux/urscop-occitanie/export/chiffres.csv",
    }


def test_the_json_exports_are_utf8_text_with_their_accents(client_as, facilitator, cooperative):
    response = client_as(facilitator).get(
        reverse("reports:cooperative_export", args=[cooperative.slug])
    )
    assert "Scop des Oliviers" in response.content.decode("utf-8")
    assert json.loads(response.content)["cooperative"]["name"] == "Scop des Oliviers"


@pytest.mark.parametrize(
    ("filename", "header"),
    [
        ("scop-demo.json", 'attachment; filename="scop-demo.json"'),
        (
            "coopérative-été.pdf",
            'attachment; filename="cooperative-ete.pdf"; '
            "filename*=UTF-8''coop%C3%A9rative-%C3%A9t%C3%A9.pdf",
        ),
        (
            'a"b\\c;d.csv',
            "attachment; filename=\"a_b_c_d.csv\"; filename*=UTF-8''a%22b%5Cc%3Bd.csv",
        ),
        ("日本.pdf", "attachment; filename=\"pdf\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf"),
    ],
)
def test_a_file_name_has_an_ascii_fallback_and_its_exact_utf8_form(filename, header):
    assert content_disposition(filename) == header
