"""What the PDF takes from the guide's fiches (plans.guide), and the one ranking of priorities."""

from plans import guide


def test_a_fiche_excerpt_has_its_five_questions_and_its_method():
    fiche = guide.fiche_guide(1)
    assert fiche.title == "Conduite d’un projet de transformation"
    assert len(fiche.questions) == 5
    assert [part.title for part in fiche.method][1] == "Avant-projet"
    assert all(part.points for part in fiche.method)


def test_a_method_written_as_a_list_keeps_its_items_as_plain_text():
    [part] = guide.fiche_guide(5).method
    assert part.points[0] == "La conception des outils selon les utilisateurs"
    assert not any("**" in p or "](" in p for p in part.points)


def test_an_unknown_fiche_gives_no_excerpt():
    assert guide.fiche_guide(7) is None


def test_when_the_guides_content_fails_to_load_the_pdf_falls_back_on_its_own_labels(monkeypatch):
    def broken(*args):
        raise OSError("content missing")

    monkeypatch.setattr(guide.content_loader, "load_fiche", broken)
    monkeypatch.setattr(guide.content_loader, "five_steps", broken)
    assert guide.fiche_guide(1) is None
    assert [s.title for s in guide.five_steps()] == [
        "Avant-projet",
        "Préparation",
        "Validation des solutions",
        "Réalisation",
        "Suivi",
    ]


def test_the_five_steps_come_from_fiche_1_when_available():
    steps = guide.five_steps()
    assert len(steps) == 5 and all(step.points for step in steps)


def test_the_analysis_ranks_priorities_like_the_priorities_page(visible_session):
    from diagnostics import scoring
    from plans import services
    from plans.priorities import rank_priorities

    results = scoring.compute_results(visible_session, 3)
    analysis = services.analyse(visible_session, results)
    page = [p.theme.code for p in rank_priorities(results)][:3]
    assert [t.theme.code for t in analysis.priorities()] == page
    assert page == ["management", "competences", "espaces"]


def test_the_analysis_ranks_priorities_even_when_the_guides_content_fails(
    monkeypatch, visible_session
):
    from diagnostics import scoring
    from plans import priorities, services

    def broken(*args):
        raise OSError("content missing")

    monkeypatch.setattr(priorities, "load_fiche", broken)
    analysis = services.analyse(visible_session, scoring.compute_results(visible_session, 3))
    assert [t.theme.code for t in analysis.priorities()] == ["management", "competences", "espaces"]
