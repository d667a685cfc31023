"""FICHE 6's charter of the tools' usage: members read the version in force and its history, the
facilitator writes the draft with the team (prefilled with the guide's table), adopts it on a
date, and revises it later as a new version. Who answers by the session's join link, without an
account, reads the version in force there too (``charter_by_link``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperatives.access import get_cooperative_for
from diagnostics.answer_views import join_link
from exercises import services
from exercises.access import get_charter_for
from exercises.forms import AdoptForm, RuleFormSet
from fiches.content_loader import load_exercises


def _context(cooperative, membership, **extra):
    return {
        "cooperative": cooperative,
        "membership": membership,
        "content": load_exercises().charter,
        **extra,
    }


@login_required
def charter(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    current = services.current_charter(cooperative)
    versions = list(cooperative.charters.adopted())
    return render(
        request,
        "exercises/charter.html",
        _context(
            cooperative,
            membership,
            charter=current,
            rules=services.rules_by_purpose(current) if current else [],
            versions=versions,
            draft=services.draft_of(cooperative) if membership.is_facilitator else None,
        ),
    )


@login_required
def version(request, slug, version):
    charter, membership = get_charter_for(request, slug, version)
    previous = services.previous_version(charter)
    return render(
        request,
        "exercises/charter_version.html",
        _context(
            charter.cooperative,
            membership,
            charter=charter,
            rules=services.rules_by_purpose(charter),
            previous=previous,
            changes=services.differences(previous, charter) if previous else None,
        ),
    )


@require_POST
@login_required
def start(request, slug):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    services.start_draft(cooperative, request.user)
    return redirect("exercises:charter_draft", cooperative.slug)


@login_required
def draft(request, slug):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    draft = services.draft_of(cooperative)
    if draft is None:  # nothing to edit yet: the charter page offers to start
        return redirect("exercises:charter", cooperative.slug)
    formset = RuleFormSet(request.POST or None, queryset=draft.rules.all(), prefix="regles")
    status = 200
    if request.method == "POST":
        if formset.is_valid():
            rules = formset.save(commit=False)
            for position, rule in enumerate(rules, start=draft.rules.count()):
                if rule.pk is None:
                    rule.charter, rule.position = draft, position
                rule.save()
            for rule in formset.deleted_objects:
                rule.delete()
            messages.success(request, _("Le projet de charte est enregistré."))
            return redirect("exercises:charter_draft", cooperative.slug)
        status = 400
    return render(
        request,
        "exercises/charter_draft.html",
        _context(
            cooperative,
            membership,
            draft=draft,
            formset=formset,
            adopt_form=AdoptForm(initial={"adopted_on": services.today()}),
        ),
        status=status,
    )


@require_POST
@login_required
def adopt(request, slug):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    draft = services.draft_of(cooperative)
    form = AdoptForm(request.POST)
    if draft is None:
        messages.error(request, _("Il n’y a pas de projet de charte à adopter."))
        return redirect("exercises:charter", cooperative.slug)
    if not draft.rules.exists():
        messages.error(request, _("Le projet de charte ne contient aucun outil : rien à adopter."))
        return redirect("exercises:charter_draft", cooperative.slug)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("adopted_on", [])))
        return redirect("exercises:charter_draft", cooperative.slug)
    previous = services.current_charter(cooperative)
    if previous and form.cleaned_data["adopted_on"] < previous.adopted_on:
        messages.error(
            request,
            _("Une révision ne peut pas être adoptée avant la version en vigueur (%(date)s).")
            % {"date": date_format(previous.adopted_on, "j F Y")},
        )
        return redirect("exercises:charter_draft", cooperative.slug)
    services.adopt(draft, form.cleaned_data["adopted_on"])
    messages.success(
        request, _("La charte est adoptée (version %(version)s).") % {"version": draft.version}
    )
    return redirect("exercises:charter", cooperative.slug)


@join_link
def charter_by_link(request, session, token):
    """The charter in force, for whoever holds a join link of one of the cooperative's sessions
    (docs/threat-model.md: the charter is the team's notice board, meant for everyone the link
    reached). Only the adopted version in force and what changed since the previous one: no
    draft, no older version, no author, no other exercise and no link into the cooperative's
    space. A members-only session keeps it to the cooperative's logged-in members."""
    if not services.link_may_read(request, session):
        raise PermissionDenied
    charter = services.current_charter(session.cooperative)
    if charter is None:
        raise Http404
    previous = services.previous_version(charter)
    return render(
        request,
        "exercises/charter_link.html",
        {
            "session": session,
            "token": token,
            "charter": charter,
            "rules": services.rules_by_purpose(charter),
            "previous": previous,
            "changes": services.differences(previous, charter) if previous else None,
            "content": load_exercises().charter,
        },
    )
