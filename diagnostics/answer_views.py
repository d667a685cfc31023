"""The team's answer pages: reached by the session's join link, no password needed.

The browser keeps the respondent's raw token in a cookie; the database only has its hash.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import throttle
from cooperatives.models import Membership
from diagnostics import services
from diagnostics.forms import ThemeAnswersForm
from diagnostics.models import DiagnosticSession
from diagnostics.radar import SECOND_STYLE
from diagnostics.tokens import split_signed

COOKIE_MAX_AGE = 120 * 24 * 3600


def cookie_name(session):
    return f"qvt_r{session.pk}"


def join_link(view):
    """Resolve the session of a join link; guesses are throttled like failed logins."""

    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        key = split_signed(token, "join")
        session = (
            DiagnosticSession.objects.select_related("cooperative", "questionnaire")
            .filter(join_key=key)
            .first()
            if key
            else None
        )
        if session is None:
            # Only a wrong link can be a guess: valid links never pay for the throttle.
            if throttle.is_blocked(request, throttle.TOKEN):
                return throttle.too_many_attempts(request)
            throttle.record_failure(request, throttle.TOKEN)
            raise Http404
        return view(request, session, token, *args, **kwargs)

    return wrapper


def member_of(request, session):
    if not request.user.is_authenticated:
        return None
    return Membership.objects.filter(user=request.user, cooperative=session.cooperative).first()


def set_respondent_cookie(response, session, token):
    response.set_cookie(
        cookie_name(session),
        token,
        max_age=COOKIE_MAX_AGE,
        path="/repondre/",
        secure=settings.HTTPS,
        httponly=True,
        samesite="Lax",
    )


def current_respondent(request, session):
    """(respondent or None, new token to store or None)."""
    membership = member_of(request, session)
    respondent = services.find_respondent(
        session, request.COOKIES.get(cookie_name(session)), membership
    )
    if respondent and request.COOKIES.get(cookie_name(session)) is None:
        return respondent, services.reissue_token(respondent)
    return respondent, None


def unavailable(request, session, posted=False):
    """Draft or closed session: say so plainly, and say that nothing was saved if they posted."""
    return render(
        request,
        "answers/unavailable.html",
        {"session": session, "posted": posted},
        status=409 if posted else 200,
    )


@join_link
def start(request, session, token):
    if not session.is_open:
        return unavailable(request, session, posted=request.method == "POST")
    respondent, new_token = current_respondent(request, session)
    if request.method == "POST":
        if respondent is None:
            respondent, new_token = services.start_respondent(session, member_of(request, session))
        response = redirect("answers:theme", token, respondent.current_theme)
        if new_token:
            set_respondent_cookie(response, session, new_token)
        return response
    response = render(
        request,
        "answers/start.html",
        {"session": session, "token": token, "respondent": respondent},
    )
    if new_token:
        set_respondent_cookie(response, session, new_token)
    return response


def _progress(themes, number, answered):
    return {
        "theme_number": number,
        "theme_count": len(themes),
        "answered": answered,
        "statement_count": sum(len(t.statement_list) for t in themes),
    }


@join_link
def theme(request, session, token, number):
    themes = services.questionnaire_themes(session.questionnaire_id)
    if not 1 <= number <= len(themes):
        raise Http404
    if not session.is_open:
        return unavailable(request, session, posted=request.method == "POST")
    respondent, new_token = current_respondent(request, session)
    if respondent is None:
        return redirect("answers:start", token)
    current = themes[number - 1]
    statements = current.statement_list
    form = ThemeAnswersForm(
        request.POST if request.method == "POST" else None, statements=statements
    )
    status = 200
    if request.method == "POST":
        if form.unknown_keys():
            form.add_error(
                None, _("Ce formulaire ne correspond pas à ce thème. Rechargez la page.")
            )
            status = 400
        elif form.is_valid():
            going_back = request.POST.get("direction") == "previous"
            next_number = number - 1 if going_back else number + 1
            # Resume at the furthest theme reached, even after going back to edit.
            resume_at = max(respondent.current_theme, min(number + 1, len(themes)))
            services.save_answers(respondent, form.answered_values(), resume_at)
            if going_back and next_number >= 1:
                return redirect("answers:theme", token, next_number)
            if next_number > len(themes):
                return redirect("answers:review", token)
            return redirect("answers:theme", token, next_number)
        else:
            status = 400
    # One query gives both the page's current choices and the progress count.
    existing = dict(respondent.answers.values_list("statement_id", "value"))
    form.initial = {ThemeAnswersForm.field_name(s): existing.get(s.pk) for s in statements}
    response = render(
        request,
        "answers/theme.html",
        {
            "session": session,
            "token": token,
            "theme": current,
            "form": form,
            "respondent": respondent,
            **_progress(themes, number, len(existing)),
        },
        status=status,
    )
    if new_token:
        set_respondent_cookie(response, session, new_token)
    return response


@join_link
def review(request, session, token):
    if not session.is_open:
        return unavailable(request, session, posted=request.method == "POST")
    respondent, new_token = current_respondent(request, session)
    if respondent is None:
        return redirect("answers:start", token)
    themes = services.questionnaire_themes(session.questionnaire_id)
    answered_ids = set(respondent.answers.values_list("statement_id", flat=True))
    rows = [
        (t, sum(1 for s in t.statement_list if s.pk in answered_ids), len(t.statement_list))
        for t in themes
    ]
    total = sum(r[2] for r in rows)
    incomplete = False
    if request.method == "POST":
        if services.submit(respondent, total):
            return redirect("answers:thanks", token)
        incomplete = True
    response = render(
        request,
        "answers/review.html",
        {
            "session": session,
            "token": token,
            "respondent": respondent,
            "rows": rows,
            "answered": len(answered_ids),
            "statement_count": total,
            "incomplete": incomplete,
        },
        status=400 if incomplete else 200,
    )
    if new_token:
        set_respondent_cookie(response, session, new_token)
    return response


@join_link
def thanks(request, session, token):
    respondent, _new = current_respondent(request, session)
    if respondent is None or not respondent.is_submitted:
        return redirect("answers:start", token)
    return render(request, "answers/thanks.html", {"session": session, "token": token})


@join_link
def my_answers(request, session, token):
    """A respondent's own answers, on the device they answered from; beside the collective
    radar once results are visible. Nobody else can reach this page for them."""
    respondent, _new = current_respondent(request, session)
    if respondent is None:
        return redirect("answers:start", token)
    mine = dict(respondent.answers.values_list("statement_id", "value"))
    statements = services.statements_of(session.questionnaire_id)
    context = {"session": session, "token": token, "respondent": respondent}
    context["rows"] = [(s, mine.get(s.pk)) for s in statements]
    state = services.results_state(session) if respondent.is_submitted else None
    if state is not None and state.results is not None:
        results = state.results
        own = [
            sum(1 for s in t.statements if mine.get(s.statement.pk) == "yes")
            for t in results.themes
        ]
        context["results"] = results
        context["own_scores"] = list(zip(results.themes, own, strict=True))
        context["radar_svg"] = services.radar_for(
            results,
            [services.Series(_("Mes réponses"), tuple(own), **SECOND_STYLE)],
        )
        chart = results.chart_data
        chart["datasets"].append({"label": _("Mes réponses"), "data": own})
        context["chart_data"] = chart
    return render(request, "answers/my_answers.html", context)
