"""The guide's public pages: its home, the framing pages and one page per fiche (no login)."""

from django.http import Http404
from django.shortcuts import render

from fiches.content_loader import load_fiche, load_fiches, load_guide


def _guide_page(request, template, **context):
    return render(request, template, {"guide": load_guide(), **context})


def home(request):
    return _guide_page(request, "fiches/home.html", fiches=load_fiches())


def foreword(request):
    return _guide_page(request, "fiches/foreword.html")


def qvt_framework(request):
    return _guide_page(request, "fiches/qvt_framework.html")


def digital_stakes(request):
    return _guide_page(request, "fiches/digital_stakes.html")


def partners(request):
    return _guide_page(request, "fiches/partners.html")


def fiche_context(number):
    """The context of a fiche's page (404 for an unknown number). Also used by plans' page of a
    fiche read from a session, which adds the session around the same content."""
    try:
        current = load_fiche(number)
    except KeyError:
        raise Http404 from None
    # The quiz statement beside each question: the fiche asks, the quiz states.
    questions = [(q, q.statement_text) for q in current.questions]
    fiches = load_fiches()
    return {
        "guide": load_guide(),
        "fiche": current,
        "questions": questions,
        # Numbered anchors: the priorities link to "the first step" of a method by its id.
        "method": [(f"methode-{i}", block) for i, block in enumerate(current.method, start=1)],
        "previous": fiches[number - 2] if number > 1 else None,
        "next": fiches[number] if number < len(fiches) else None,
    }


def fiche(request, number):
    return render(request, "fiches/fiche.html", fiche_context(number))
