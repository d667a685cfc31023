"""The team's answer pages: reached by the session's join link, no password needed.

The browser keeps the respondent's raw token in a cookie; the database only has its hash. That
cookie is the only way to a sheet: a login never leads to one (the facilitator can log in as a
member, or hold their printed invitation). Closing cuts every token; the member's own answers
then live on only in a signed cookie of their device (`set_own_answers`).
"""

import re
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import throttle
from accounts.signed import new_token, split_signed
from cooperatives.models import Membership
from diagnostics import quiz, scoring, services
from diagnostics.forms import ThemeAnswersForm
from diagnostics.models import DiagnosticSession
from diagnostics.radar import MINE_STYLE, Series, chart_style

COOKIE_MAX_AGE = 120 * 24 * 3600
COOKIE_PATH = "/repondre/"
FORM_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
LETTERS = {"yes": "Y", "unsure": "U", "no": "N"}
VALUES = {letter: value for value, letter in LETTERS.items()}


def cookie_name(session):
    return f"qvt_r{session.pk}"


def own_answers_cookie_name(session):
    return f"qvt_m{session.pk}"


def voter_pass_cookie_name(session):
    return f"qvt_v{session.pk}"


# Pages of higher layers reached from the join link (plans' voting pad while a meeting vote is
# open): each registers a callable (session, token) -> [(text, url)] in its AppConfig.ready(),
# so that this layer names none of them.
JOIN_LINK_NOTICES = []


def join_link_notices(session, token):
    return [notice for hook in JOIN_LINK_NOTICES for notice in hook(session, token)]


# Pages of higher layers that whoever holds the join link may read, listed as plain links on the
# thanks page and the team's results (exercises' charter of the tools' usage): each registers a
# callable (request, session, token) -> [(text, url)], which decides who may read it.
JOIN_LINK_PAGES = []


def join_link_pages(request, session, token):
    return [page for hook in JOIN_LINK_PAGES for page in hook(request, session, token)]


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


def _cookie_options():
    return {"path": COOKIE_PATH, "secure": settings.HTTPS, "httponly": True, "samesite": "Lax"}


def set_respondent_cookie(response, session, token):
    response.set_cookie(cookie_name(session), token, max_age=COOKIE_MAX_AGE, **_cookie_options())


def set_own_answers(response, session, respondent):
    """At submit: the member's answers (values only, in questionnaire order; no sheet id) in a
    signed cookie of their device, for `my_answers` after close, when no token reaches the
    sheet any more. The answers cannot change after submit, so this copy stays true."""
    mine = dict(respondent.answers.values_list("statement_id", "value"))
    letters = "".join(
        LETTERS.get(mine.get(s.pk), "-") for s in quiz.statements_of(session.questionnaire_id)
    )
    response.set_signed_cookie(
        own_answers_cookie_name(session),
        letters,
        salt=f"qvt.own-answers.{session.pk}",
        max_age=COOKIE_MAX_AGE,
        **_cookie_options(),
    )


def set_voter_pass(response, session, token):
    """At submit: this device's pass for the meeting's votes (`plans.vote_models` says why),
    an HMAC of the sheet's raw token — which is never stored — so one sheet always gives the
    same pass, and the pass names no sheet. Signed: only the server issues one."""
    value = salted_hmac(f"qvt.voter-pass.{session.pk}", token, algorithm="sha256").hexdigest()
    response.set_signed_cookie(
        voter_pass_cookie_name(session),
        value,
        salt=f"qvt.voter.{session.pk}",
        max_age=COOKIE_MAX_AGE,
        **_cookie_options(),
    )


def voter_pass(request, session):
    """This device's vote pass for the session, or None (no sheet sent from here)."""
    return request.get_signed_cookie(
        voter_pass_cookie_name(session), default=None, salt=f"qvt.voter.{session.pk}"
    )


def own_answers(request, session):
    """{statement_id: value} from this device's signed cookie, or None."""
    letters = request.get_signed_cookie(
        own_answers_cookie_name(session), default=None, salt=f"qvt.own-answers.{session.pk}"
    )
    statements = quiz.statements_of(session.questionnaire_id)
    if not letters or len(letters) != len(statements):
        return None
    return {s.pk: VALUES[c] for s, c in zip(statements, letters, strict=True) if c in VALUES}


def forget_cookies(response, session):
    names = (
        cookie_name(session),
        own_answers_cookie_name(session),
        voter_pass_cookie_name(session),
    )
    for name in names:
        response.delete_cookie(name, path=COOKIE_PATH, samesite="Lax")


def current_respondent(request, session):
    """This device's sheet, through its token only."""
    return services.find_respondent(session, request.COOKIES.get(cookie_name(session)))


def unavailable(request, session, posted=False, frozen=False):
    """Draft or closed session, or a sent sheet: say so plainly, and say what happened to what
    they posted."""
    context = {
        "session": session,
        "posted": posted,
        "frozen": frozen,
        "token": session.join_token,
        "has_own_answers": session.is_closed and own_answers(request, session) is not None,
        "join_notices": join_link_notices(session, session.join_token),
    }
    return render(
        request, "answers/unavailable.html", context, status=409 if posted or frozen else 200
    )


REFUSED_STATUS = {
    services.SheetRefused.MEMBERS_ONLY: 403,
    services.SheetRefused.ELSEWHERE: 409,
    services.SheetRefused.SUBMITTED_ELSEWHERE: 409,
    services.SheetRefused.FULL: 409,
    services.SheetRefused.BUSY: 429,
}


def _start_page(request, session, token, *, respondent=None, refused=None, membership=None):
    if refused is None and respondent is None:
        if session.members_only and membership is None:
            refused = services.SheetRefused.MEMBERS_ONLY
        else:
            refused = {
                "unsent": services.SheetRefused.ELSEWHERE,
                "submitted": services.SheetRefused.SUBMITTED_ELSEWHERE,
            }.get(services.sheet_elsewhere(session, membership))
    context = {
        "session": session,
        "token": token,
        "respondent": respondent,
        "refused": refused,
        # The next sheet's token travels in the form: a second post of it is the same click.
        "form_token": new_token(),
        "join_notices": join_link_notices(session, token),
    }
    status = REFUSED_STATUS[refused] if refused and request.method == "POST" else 200
    response = render(request, "answers/start.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(int(services.LINK_WINDOW.total_seconds()))
    return response


def _resume(token, respondent):
    if respondent.is_submitted:
        return redirect("answers:mine", token)
    return redirect("answers:theme", token, respondent.current_theme)


@join_link
def start(request, session, token):
    if not session.is_open:
        return unavailable(request, session, posted=request.method == "POST")
    respondent = current_respondent(request, session)
    if respondent is not None:
        if request.method == "POST":
            return _resume(token, respondent)
        return _start_page(request, session, token, respondent=respondent)
    membership = member_of(request, session)
    if request.method != "POST":
        return _start_page(request, session, token, membership=membership)
    form_token = request.POST.get("sheet", "")
    arguments = {
        "membership": membership,
        "token": form_token if FORM_TOKEN.fullmatch(form_token) else None,
        "address": throttle.client_ip(request),
        "restart": request.POST.get("restart") == "1",
    }
    try:
        try:
            respondent, new = services.open_sheet(session, **arguments)
        except IntegrityError:
            # Two posts at once where rows are not locked (SQLite): the other one's sheet now
            # exists, and the retry finds it by the form's token.
            respondent, new = services.open_sheet(session, **arguments)
    except IntegrityError:
        return redirect("answers:start", token)
    except services.SheetRefused as refused:
        return _start_page(request, session, token, refused=refused.reason, membership=membership)
    except services.SessionStateError:
        return unavailable(request, session, posted=True)
    response = redirect("answers:theme", token, respondent.current_theme)
    set_respondent_cookie(response, session, new)
    return response


@require_POST
@join_link
def forget(request, session, token):
    """« Ce n'est pas moi » / « Oublier mes réponses sur cet appareil »: this device lets go
    of its sheet. An unsent one is deleted (nobody can reach it any more); a sent one stays
    counted, unchanged."""
    respondent = current_respondent(request, session)
    if respondent is not None:
        services.discard_unsent(respondent)
    if request.POST.get("not_me") == "1" and request.user.is_authenticated:
        # On a shared device the previous person may still be logged in: the next one must not
        # start a sheet in their name (nor open their account's pages).
        logout(request)
    response = redirect("answers:start", token)
    forget_cookies(response, session)
    messages.success(request, _("Cet appareil a oublié les réponses précédentes."))
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
    themes = quiz.questionnaire_themes(session.questionnaire_id)
    if not 1 <= number <= len(themes):
        raise Http404
    if not session.is_open:
        return unavailable(request, session, posted=request.method == "POST")
    respondent = current_respondent(request, session)
    if respondent is None:
        return redirect("answers:start", token)
    if respondent.is_submitted:
        # Frozen: a changed answer after publication would show by difference.
        if request.method == "POST":
            return unavailable(request, session, frozen=True)
        return redirect("answers:mine", token)
    current = themes[number - 1]
    statements = current.statement_list
    form = ThemeAnswersForm(
        request.POST if request.method == "POST" else None, statements=statements
    )
    status, ask_skip = 200, False
    if request.method == "POST":
        if form.unknown_keys():
            form.add_error(
                None, _("Ce formulaire ne correspond pas à ce thème. Rechargez la page.")
            )
            status = 400
        elif form.is_valid():
            direction = request.POST.get("direction")
            going_back = direction == "previous"
            # Moving on from a theme with blanks asks first (« Passer ce thème ? »); what was
            # answered is saved either way, and the sheet resumes here until it is confirmed.
            ask_skip = direction == "next" and len(form.answered_values()) < len(statements)
            next_number = number - 1 if going_back else number + 1
            # Resume at the furthest theme reached, even after going back to edit.
            reached = number if ask_skip else min(number + 1, len(themes))
            resume_at = max(respondent.current_theme, reached)
            if not services.save_answers(respondent, form.answered_values(), resume_at):
                return unavailable(request, session, frozen=True)
            if going_back and next_number >= 1:
                return redirect("answers:theme", token, next_number)
            if not ask_skip:
                if next_number > len(themes):
                    return redirect("answers:review", token)
                return redirect("answers:theme", token, next_number)
        else:
            status = 400
    # One query gives both the page's current choices and the progress count.
    existing = dict(respondent.answers.values_list("statement_id", "value"))
    form.initial = {ThemeAnswersForm.field_name(s): existing.get(s.pk) for s in statements}
    return render(
        request,
        "answers/theme.html",
        {
            "session": session,
            "token": token,
            "theme": current,
            "form": form,
            "respondent": respondent,
            "ask_skip": ask_skip,
            "blank_count": sum(1 for s in statements if s.pk not in existing),
            "first_blank": next(
                (ThemeAnswersForm.field_name(s) for s in statements if s.pk not in existing), ""
            ),
            **_progress(themes, number, len(existing)),
        },
        status=status,
    )


@join_link
def review(request, session, token):
    if not session.is_open:
        return unavailable(request, session, posted=request.method == "POST")
    respondent = current_respondent(request, session)
    if respondent is None:
        return redirect("answers:start", token)
    if request.method == "POST" and respondent.is_submitted:
        return redirect("answers:thanks", token)
    themes = quiz.questionnaire_themes(session.questionnaire_id)
    answered_ids = set(respondent.answers.values_list("statement_id", flat=True))
    rows = [
        (t, sum(1 for s in t.statement_list if s.pk in answered_ids), len(t.statement_list))
        for t in themes
    ]
    total = sum(r[2] for r in rows)
    incomplete = request.method == "POST" and len(answered_ids) < total
    if request.method == "POST" and not incomplete:
        if not services.submit(respondent, total):
            return unavailable(request, session, posted=True)  # closed meanwhile
        response = redirect("answers:thanks", token)
        set_own_answers(response, session, respondent)
        set_voter_pass(response, session, request.COOKIES[cookie_name(session)])
        return response
    return render(
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


# The thanks page and « m'envoyer ce lien » are in diagnostics/thanks.py.


@join_link
def my_answers(request, session, token):
    """A respondent's own answers, on the device they answered from; beside the collective
    radar once results are visible. Nobody else can reach this page for them: while the
    session is open through the sheet's token, after close through the signed copy written
    at submit (no token reaches a sheet then)."""
    if session.is_open:
        respondent = current_respondent(request, session)
        if respondent is None:
            return redirect("answers:start", token)
        mine = dict(respondent.answers.values_list("statement_id", "value"))
        submitted = respondent.is_submitted
    else:
        mine = own_answers(request, session) if session.is_closed else None
        if mine is None:
            return redirect("answers:start", token)
        submitted = True
    statements = quiz.statements_of(session.questionnaire_id)
    context = {"session": session, "token": token, "submitted": submitted}
    context["rows"] = [(s, mine.get(s.pk)) for s in statements]
    state = scoring.results_state(session) if submitted else None
    if state is not None and state.results is not None:
        results = state.results
        own = [
            scoring.member_score(mine.get(s.statement.pk) for s in t.statements)
            for t in results.themes
        ]
        context["results"] = results
        context["own_scores"] = list(zip(results.themes, own, strict=True))
        context["radar_svg"] = services.radar_for(
            results,
            [Series(_("Mes réponses"), tuple(own), **MINE_STYLE)],
        )
        chart = results.chart_data
        chart["datasets"].append(
            {"label": _("Mes réponses"), "data": own, "style": chart_style(MINE_STYLE)}
        )
        context["chart_data"] = chart
    return render(request, "answers/my_answers.html", context)
