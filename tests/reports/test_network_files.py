"""The network's PDF and CSV (issue 16): the dashboard's figures of one cell, for its advisers
only; a hidden cell's file holds no figure; the PDF fetches only the app's static files."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from networks import figures, services
from networks.models import NetworkMembership
from reports import network_files, pdf
from tests.networks.builders import shared_cooperative


def file_url(name, network, filtre=None):
    base = reverse(f"reports:{name}", args=[network.slug])
    return f"{base}?filtre={filtre}" if filtre else base


@pytest.fixture
def five(network):
    return [shared_cooperative(network, s, counts=(1, 1, 1)) for s in (4.0, 1.0, 5.0, 2.5, 2.0)]


def test_the_csv_holds_the_distribution_of_every_theme_and_the_share_of_oui(
    client_as, adviser, network, five
):
    response = client_as(adviser).get(file_url("network_csv", network))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "urscop-occitanie-reseau.csv" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    theme_rows = [line.split(";") for line in lines if line.startswith("Thème;")]
    assert len(theme_rows) == 6
    # min, Q1, median, Q3, max of 1.0 2.0 2.5 4.0 5.0, decimal comma.
    assert all(row[4:9] == ["1,0", "2,0", "2,5", "4,0", "5,0"] for row in theme_rows)
    statement_rows = [line.split(";") for line in lines if line.startswith("Affirmation;")]
    assert len(statement_rows) == 30
    assert all(row[-1] == "33,3" for row in statement_rows)  # 1 « Oui » in 3, everywhere


def test_a_hidden_cells_csv_exports_nothing_like_an_unknown_one(client_as, adviser, network, five):
    shared_cooperative(network, 3.0, legal_form="cae")
    response = client_as(adviser).get(file_url("network_csv", network, "legal_form:scop"))
    # Refused as a value no cooperative has: the answer does not tell that the cell exists.
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:dashboard", args=[network.slug])


def test_a_waiting_network_cells_csv_says_so_and_holds_no_figure(client_as, adviser, network, five):
    shared_cooperative(network, 3.0)
    client = client_as(adviser)
    assert "Thème;" in client.get(file_url("network_csv", network, "")).content.decode("utf-8-sig")
    # One of the six leaves: the five left would give its figures by difference (finding i-1).
    services.leave(
        NetworkMembership.objects.filter(cooperative__shared_sessions__isnull=False).first()
    )
    response = client.get(file_url("network_csv", network, ""))
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "Masqué" in text and "Thème;" not in text and "Affirmation;" not in text


def test_an_unknown_filter_exports_nothing_and_says_why(client_as, adviser, network, five):
    response = client_as(adviser).get(file_url("network_csv", network, "year:1800"))
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:dashboard", args=[network.slug])


@pytest.mark.parametrize("name", ["network_csv", "network_pdf"])
def test_the_files_have_the_dashboards_door(
    client_as, client, network, five, outsider, facilitator, other_adviser, name
):
    assert client_as(outsider).get(file_url(name, network)).status_code == 404
    client.logout()
    assert client_as(other_adviser).get(file_url(name, network)).status_code == 404
    client.logout()
    assert client_as(facilitator).get(file_url(name, network)).status_code == 403


def test_the_pdf_has_the_figures_and_fetches_only_static_files(network, five):
    board = figures.dashboard(network)
    fetcher = pdf.StaticOnlyURLFetcher()
    content = network_files.network_pdf(network_files.NetworkFile(network, board), fetcher)
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Union régionale des Scop" in text and "Médiane" in text and "2,5" in text
    assert fetcher.refused == []
    assert all(url.startswith("https://qvt-pdf.invalid/static/") for url in fetcher.requested)


def test_the_adviser_downloads_the_pdf(client_as, adviser, network, five):
    response = client_as(adviser).get(file_url("network_pdf", network))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
