"""FICHE 6's « espaces de discussion sur le travail »: a recurring meeting, each one dated, with
its theme, the fiches' questions put to the team and a short record. Members read them all; the
facilitator writes them down. The follow-up dashboard shows the latest over time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cooperatives.access import get_cooperative_for
from exercises.access import get_discussion_for
from exercises.forms import DiscussionForm, question_choices
from fiches.content_loader import load_exercises


def _context(cooperative, membership, **extra):
    return {
        "cooperative": cooperative,
        "membership": membership,
        "content": load_exercises().discussion,
        "question_texts": dict(question_choices()),
        **extra,
    }


@login_required
def discussions(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    return render(
        request,
        "exercises/discussions.html",
        _context(cooperative, membership, discussions=list(cooperative.discussions.all())),
    )


@login_required
def discussion(request, slug, pk):
    discussion, membership = get_discussion_for(request, slug, pk)
    return render(
        request,
        "exercises/discussion.html",
        _context(discussion.cooperative, membership, discussion=discussion),
    )


def _form_page(request, cooperative, membership, instance=None):
    form = DiscussionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        discussion = form.save(commit=False)
        discussion.cooperative = cooperative
        if instance is None:
            discussion.created_by = request.user
        discussion.save()
        messages.success(request, _("L’espace de discussion est enregistré."))
        return redirect("exercises:discussion", cooperative.slug, discussion.pk)
    return render(
        request,
        "exercises/discussion_form.html",
        _context(cooperative, membership, form=form, discussion=instance),
        status=400 if form.errors else 200,
    )


@login_required
def discussion_new(request, slug):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    return _form_page(request, cooperative, membership)


@login_required
def discussion_edit(request, slug, pk):
    discussion, membership = get_discussion_for(request, slug, pk, facilitator=True)
    return _form_page(request, discussion.cooperative, membership, discussion)
