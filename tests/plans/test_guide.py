"""What the PDF takes from the guide's fiches (through the guarded imports of plans.guide)."""

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


def test_without_the_fiches_app_the_pdf_falls_back_on_its_own_labels(monkeypatch):
    monkeypatch.setattr(guide, "content_loader", None)
    monkeypatch.setattr(guide, "fiche_priorities", None)
    assert guide.fiche_guide(1) is None
    assert [s.title for s in guide.five_steps()] == [
        "Avant-projet",
        "Préparation",
        "Validation des solutions",
        "Réalisation",
        "Suivi",
    ]
    assert guide.ranked_theme_ids(object()) is None


def test_the_five_steps_come_from_fiche_1_when_available():
    steps = guide.five_steps()
    assert len(steps) == 5 and all(step.points for step in steps)


def test_priorities_rank_the_same_with_or_without_the_fiches_app(monkeypatch, visible_session):
    from diagnostics import services as diagnostics
    from plans import services

    analysis = services.analyse(visible_session, diagnostics.compute_results(visible_session, 3))
    with_fiches = [t.theme.code for t in analysis.priorities()]
    monkeypatch.setattr(guide, "fiche_priorities", None)
    without = [t.theme.code for t in analysis.priorities()]
    assert with_fiches == without == ["management", "competences", "espaces"]
