"""The guide's home and framing pages: public, credited, with the guide's own words."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from fiches.content_loader import load_fiches, load_guide

GUIDE_PAGES = ["home", "foreword", "qvt_framework", "digital_stakes", "partners"]
CREDIT = "Union régionale des Scop Occitanie – Pôle Méditerranée, avec l’Aract Occitanie"


def get(client, name, *args):
    response = client.get(reverse(f"fiches:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", GUIDE_PAGES)
def test_every_guide_page_credits_the_publishers_in_its_content(client, db, name):
    html = get(client, name)
    main = html[html.index("<main") : html.index("</main>")]  # printed: the footer is not
    assert CREDIT in main
    assert html.count("<h1") == 1


def test_every_fiche_page_credits_the_publishers(client, db):
    for fiche in load_fiches():
        html = get(client, "fiche", fiche.number)
        assert CREDIT in html[html.index("<main") : html.index("</main>")]


def test_the_home_gives_the_three_steps_the_six_fiches_and_the_framing_pages(client, db):
    html = get(client, "home")
    guide = load_guide()
    assert len(guide.how_to_use) == 3
    for step in guide.how_to_use:
        assert escape(step.title) in html
    for fiche in load_fiches():
        assert f'href="{reverse("fiches:fiche", args=[fiche.number])}"' in html
        assert escape(fiche.title) in html
    for name in GUIDE_PAGES[1:]:
        assert f'href="{reverse(f"fiches:{name}")}"' in html


def test_the_qvt_page_gives_the_framework_and_its_determinants(client, db):
    html = get(client, "qvt_framework")
    framework = load_guide().qvt_framework
    for group in framework.determinants.groups:
        assert escape(group.title) in html
        for item in group.items:
            assert escape(item) in html
    for item in framework.perception.items:
        assert escape(item) in html
    assert escape(framework.viewpoint.author) in html
    assert escape(load_guide().case_study.title) in html


def test_the_digital_page_gives_the_technologies_table_with_headers(client, db):
    html = get(client, "digital_stakes")
    table = load_guide().digital_stakes.table
    for header in table.headers:
        assert f'<th scope="col">{escape(header)}</th>' in html
    assert escape(table.rows[0][0]) in html


def test_the_partner_page_lists_the_six_cooperatives(client, db):
    html = get(client, "partners")
    for partner in load_guide().partners:
        assert escape(partner.name) in html
        assert escape(partner.issue) in html


def test_the_foreword_is_signed(client, db):
    html = get(client, "foreword")
    assert escape(load_guide().introduction.author) in html


def test_the_main_navigation_links_to_the_guide(client, db):
    assert f'href="{reverse("fiches:home")}"' in client.get(reverse("home")).content.decode()
