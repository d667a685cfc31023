"""Who may open what: every URL pattern of the project × seven personas, with the expected
status. A URL pattern without a row here fails the suite, so no new view escapes it."""

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cooperatives.models import Membership
from exercises.models import Arrangement, Charter, CharterRule, Discussion, InfoCard, TimeNote
from networks.models import AdviserGrant, AdviserInvitation, Network, NetworkMembership
from plans.models import Action
from plans.vote_models import Vote
from tests.factories import CooperativeFactory, SessionFactory, make_respondent

ANONYMOUS, OUTSIDER, OTHER_FACILITATOR, MEMBER, FACILITATOR = (
    "anonymous",
    "outsider",
    "other_facilitator",
    "member",
    "facilitator",
)
# Advisers of the cooperative's network (granted read access to it) and of another network.
ADVISER, OTHER_ADVISER = "adviser", "other_adviser"
PERSONAS = [ANONYMOUS, OUTSIDER, OTHER_FACILITATOR, MEMBER, FACILITATOR, ADVISER, OTHER_ADVISER]
LOGIN = 302  # anonymous visitors are sent to the login page


def everyone(status, anonymous=None):
    return dict.fromkeys(PERSONAS, status) | ({ANONYMOUS: anonymous} if anonymous else {})


MEMBER_PAGE = {
    ANONYMOUS: LOGIN,
    OUTSIDER: 404,
    OTHER_FACILITATOR: 404,
    MEMBER: 200,
    FACILITATOR: 200,
    # An adviser, even one the cooperative granted read access, is an outsider of its pages.
    ADVISER: 404,
    OTHER_ADVISER: 404,
}
FACILITATOR_PAGE = {**MEMBER_PAGE, MEMBER: 403}
FACILITATOR_ACTION = {**FACILITATOR_PAGE, FACILITATOR: 302}
MEMBER_ACTION = {**MEMBER_PAGE, MEMBER: 302, FACILITATOR: 302}
SIGNED_IN_PAGE = everyone(200, anonymous=LOGIN)
# A network's pages: its advisers only; the people of a cooperative in it know it exists (403).
ADVISER_PAGE = {
    **dict.fromkeys(PERSONAS, 404),
    ANONYMOUS: LOGIN,
    MEMBER: 403,
    FACILITATOR: 403,
    ADVISER: 200,
}
PUBLIC_PAGE = everyone(200)

# (URL name, what its arguments point at, method, {persona: status})
CASES = [
    ("home", "none", "get", PUBLIC_PAGE),
    ("healthz", "none", "get", PUBLIC_PAGE),
    ("privacy", "none", "get", PUBLIC_PAGE),
    ("set_language", "none", "post", everyone(302)),
    ("accounts:signup", "none", "get", everyone(302, anonymous=200)),
    ("accounts:login", "none", "get", everyone(302, anonymous=200)),
    ("accounts:logout", "none", "post", everyone(302)),
    ("accounts:password", "none", "get", SIGNED_IN_PAGE),
    ("accounts:signup_done", "none", "get", PUBLIC_PAGE),
    ("accounts:verify", "uid-token", "get", everyone(404)),  # a forged link
    ("accounts:password_reset", "none", "get", PUBLIC_PAGE),
    ("accounts:password_reset_done", "none", "get", PUBLIC_PAGE),
    ("accounts:password_reset_confirm", "uid-token", "get", PUBLIC_PAGE),  # « no longer works »
    ("accounts:password_reset_complete", "none", "get", PUBLIC_PAGE),
    ("invitation", "invitation", "get", PUBLIC_PAGE),
    ("cooperatives:new_link", "none", "get", PUBLIC_PAGE),  # same page for anyone (issue 15)
    ("answers:start", "join", "get", PUBLIC_PAGE),
    ("answers:by_code", "none", "get", PUBLIC_PAGE),  # typing the meeting's short code
    ("answers:theme", "join-theme", "get", everyone(302)),  # no answer sheet yet: to the start
    ("answers:review", "join", "get", everyone(302)),
    ("answers:thanks", "join", "get", everyone(302)),
    ("answers:send_link", "join", "post", everyone(302)),  # no sent sheet here: to the start
    ("answers:mine", "join", "get", everyone(302)),
    ("answers:forget", "join", "post", everyone(302)),  # back to the start, cookies forgotten
    ("cooperatives:create", "none", "get", SIGNED_IN_PAGE),
    ("followup:dashboard", "coop", "get", MEMBER_PAGE),
    ("cooperatives:leave", "coop", "post", MEMBER_ACTION),
    ("cooperatives:members", "coop", "get", FACILITATOR_PAGE),
    ("cooperatives:qr_sheet", "coop", "get", FACILITATOR_PAGE),
    ("cooperatives:remove_member", "member", "post", FACILITATOR_ACTION),
    ("cooperatives:change_role", "member", "post", FACILITATOR_ACTION),
    ("cooperatives:invite", "member", "post", FACILITATOR_ACTION),
    ("cooperatives:revoke", "member", "post", FACILITATOR_ACTION),
    ("diagnostics:session_create", "coop", "get", FACILITATOR_PAGE),
    ("diagnostics:session", "draft", "get", MEMBER_PAGE),
    ("diagnostics:session_edit", "draft", "get", FACILITATOR_PAGE),
    ("diagnostics:session_open", "draft", "post", FACILITATOR_ACTION),
    ("diagnostics:session_close", "open", "post", FACILITATOR_ACTION),
    ("diagnostics:session_reveal", "open", "post", FACILITATOR_ACTION),
    ("diagnostics:session_remind", "open", "post", FACILITATOR_ACTION),
    ("diagnostics:session_qr", "open", "get", FACILITATOR_PAGE),
    ("diagnostics:paper_tally", "open", "get", FACILITATOR_PAGE),  # typing paper sheets in
    ("reports:paper_quiz", "open", "get", FACILITATOR_PAGE),  # the printable paper quiz
    ("plans:results", "closed", "get", MEMBER_PAGE),
    ("plans:consolidate", "visible", "get", FACILITATOR_PAGE),
    ("plans:meeting", "visible", "get", FACILITATOR_PAGE),
    ("plans:meeting_statement", "visible-statement", "get", FACILITATOR_PAGE),
    ("plans:plan", "visible", "get", MEMBER_PAGE),
    ("plans:action_create", "visible", "get", FACILITATOR_PAGE),
    ("plans:action_edit", "action", "get", FACILITATOR_PAGE),
    ("plans:action_delete", "action", "get", FACILITATOR_PAGE),
    ("plans:action_up", "action", "post", FACILITATOR_ACTION),
    ("plans:action_down", "action", "post", FACILITATOR_ACTION),
    # The meeting's votes: the phones' pad (no vote open: « pas de vote en cours ») and its poll;
    # the facilitator's buttons (an empty form: a message, back to the meeting).
    ("plans:vote_pad", "join", "get", PUBLIC_PAGE),
    ("plans:vote_pad_status", "join", "get", PUBLIC_PAGE),
    ("plans:vote_open", "visible", "post", FACILITATOR_ACTION),
    ("plans:vote_status", "visible", "get", FACILITATOR_PAGE),
    ("plans:vote_close", "vote", "post", FACILITATOR_ACTION),
    ("plans:vote_reveal", "vote", "post", FACILITATOR_ACTION),
    ("plans:vote_retain", "vote", "post", FACILITATOR_ACTION),
    ("fiches:home", "none", "get", PUBLIC_PAGE),
    ("fiches:foreword", "none", "get", PUBLIC_PAGE),
    ("fiches:qvt_framework", "none", "get", PUBLIC_PAGE),
    ("fiches:digital_stakes", "none", "get", PUBLIC_PAGE),
    ("fiches:partners", "none", "get", PUBLIC_PAGE),
    ("fiches:fiche", "fiche:1", "get", PUBLIC_PAGE),
    ("plans:priorities", "closed", "get", MEMBER_PAGE),
    ("plans:summary", "visible", "get", MEMBER_PAGE),
    ("plans:meeting_date", "closed", "get", FACILITATOR_PAGE),
    ("plans:team_results", "join", "get", PUBLIC_PAGE),  # the join link's holders: the team
    ("plans:method", "theme:temps", "get", MEMBER_PAGE),
    ("plans:session_fiche", "session-fiche:2", "get", MEMBER_PAGE),  # a fiche read from a session
    ("followup:compare", "coop", "get", MEMBER_PAGE),
    ("followup:action_status", "coop-action", "post", FACILITATOR_ACTION),
    # The guide's exercises (issue 17): members read and add notes and cards in the meeting,
    # the facilitator writes the rest. An empty form is refused (400), nothing saved.
    ("exercises:charter", "coop", "get", MEMBER_PAGE),
    # The charter in force for whoever holds a join link (docs/threat-model.md): like the results.
    ("exercises:charter_by_link", "join-charter", "get", PUBLIC_PAGE),
    ("exercises:charter_version", "charter", "get", MEMBER_PAGE),
    ("exercises:charter_start", "coop", "post", FACILITATOR_ACTION),
    ("exercises:charter_draft", "charter-draft", "get", FACILITATOR_PAGE),
    ("exercises:charter_adopt", "charter-draft", "post", FACILITATOR_ACTION),
    ("reports:charter_pdf", "charter-coop", "get", MEMBER_PAGE),
    ("exercises:time", "coop", "get", MEMBER_PAGE),
    ("exercises:time_note_add", "coop", "post", {**MEMBER_PAGE, MEMBER: 400, FACILITATOR: 400}),
    ("exercises:time_note_delete", "time-note", "post", FACILITATOR_ACTION),
    ("exercises:arrangement_add", "coop", "post", {**FACILITATOR_PAGE, FACILITATOR: 400}),
    ("exercises:arrangement_delete", "arrangement", "post", FACILITATOR_ACTION),
    ("exercises:arrangement_send", "arrangement", "post", FACILITATOR_ACTION),
    ("exercises:discussions", "coop", "get", MEMBER_PAGE),
    ("exercises:discussion_new", "coop", "get", FACILITATOR_PAGE),
    ("exercises:discussion", "discussion", "get", MEMBER_PAGE),
    ("exercises:discussion_edit", "discussion", "get", FACILITATOR_PAGE),
    ("exercises:diagram", "coop", "get", MEMBER_PAGE),
    ("exercises:diagram_projection", "coop", "get", MEMBER_PAGE),
    ("exercises:time_projection", "coop", "get", MEMBER_PAGE),
    ("exercises:card_add", "coop", "post", {**MEMBER_PAGE, MEMBER: 400, FACILITATOR: 400}),
    ("exercises:card_place", "info-card", "post", FACILITATOR_ACTION),
    ("exercises:card_delete", "info-card", "post", FACILITATOR_ACTION),
    ("exercises:card_send", "info-card", "post", FACILITATOR_ACTION),
    ("exercises:diagram_history", "coop", "get", MEMBER_PAGE),
    ("exercises:time_history", "coop", "get", MEMBER_PAGE),
    ("exercises:diagram_snapshot", "coop", "post", FACILITATOR_ACTION),
    ("exercises:time_snapshot", "coop", "post", FACILITATOR_ACTION),
    ("reports:my_data", "none", "get", SIGNED_IN_PAGE),
    ("reports:my_data_download", "none", "get", SIGNED_IN_PAGE),
    ("reports:delete_account", "none", "post", everyone(400, anonymous=LOGIN)),
    ("reports:cooperative_data", "coop", "get", FACILITATOR_PAGE),
    ("reports:cooperative_export", "coop", "get", FACILITATOR_PAGE),
    ("reports:pdf", "visible", "get", FACILITATOR_PAGE),
    ("reports:results_csv", "visible", "get", FACILITATOR_PAGE),
    ("reports:plan_csv", "visible", "get", FACILITATOR_PAGE),
    # Networks (issue 16): the advisers' pages, and the cooperative's decisions about them.
    ("networks:dashboard", "network", "get", ADVISER_PAGE),
    ("reports:network_pdf", "network", "get", ADVISER_PAGE),
    ("reports:network_csv", "network", "get", ADVISER_PAGE),
    ("networks:cooperatives", "network", "get", ADVISER_PAGE),
    ("networks:invite", "network", "post", {**ADVISER_PAGE, ADVISER: 400}),  # nothing typed
    ("networks:withdraw", "network-invited", "post", {**ADVISER_PAGE, ADVISER: 302}),
    ("networks:invite_adviser", "network", "post", {**ADVISER_PAGE, ADVISER: 400}),  # no address
    (
        "networks:withdraw_adviser_invitation",
        "network-adviser-invitation",
        "post",
        {**ADVISER_PAGE, ADVISER: 302},
    ),
    ("networks:adviser_invitation", "invitation", "get", PUBLIC_PAGE),  # a button, nothing used
    ("networks:cooperative", "network-coop", "get", ADVISER_PAGE),
    ("plans:adviser_session", "network-visible", "get", ADVISER_PAGE),
    ("networks:answer", "network-membership", "post", FACILITATOR_ACTION),
    ("networks:leave", "network-membership", "post", FACILITATOR_ACTION),
    ("networks:grant", "coop", "post", FACILITATOR_ACTION),
    ("networks:revoke_grant", "grant", "post", FACILITATOR_ACTION),
    ("networks:share", "closed", "post", FACILITATOR_ACTION),
    ("plans:share_plan", "visible", "post", FACILITATOR_ACTION),
]

# Django's own admin has its own staff checks.
UNCHECKED_NAMESPACES = ("admin",)


def url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in UNCHECKED_NAMESPACES:
                continue
            yield from url_names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed>"


def test_every_url_pattern_has_a_permission_case():
    assert sorted(set(url_names())) == sorted(name for name, *_ in CASES)


@pytest.fixture
def personas(facilitator, member, outsider, other_facilitator, adviser, other_adviser, cooperative):
    # The adviser holds the cooperative's grant: it opens the adviser's read-only pages only.
    AdviserGrant.objects.create(cooperative=cooperative, adviser=adviser.adviser_roles.get())
    return {
        ANONYMOUS: None,
        OUTSIDER: outsider,
        OTHER_FACILITATOR: other_facilitator,
        MEMBER: member,
        FACILITATOR: facilitator,
        ADVISER: adviser,
        OTHER_ADVISER: other_adviser,
    }


def build_kwargs(kind, cooperative, member):
    if kind == "none":
        return {}
    if kind == "coop":
        return {"slug": cooperative.slug}
    if kind == "member":
        return {"slug": cooperative.slug, "pk": Membership.objects.get(user=member).pk}
    if kind == "invitation":
        return {"token": "x" * 32}
    if kind == "uid-token":
        return {"uidb64": "MQ", "token": "x-y"}
    if kind.startswith("join"):
        session = SessionFactory(cooperative=cooperative, status="open")
        if kind == "join-charter":
            Charter.objects.create(
                cooperative=cooperative, version=1, adopted_on=datetime.date(2026, 3, 1)
            )
        return {"token": session.join_token} | ({"number": 1} if kind == "join-theme" else {})
    if kind.startswith("theme:"):
        session = SessionFactory(cooperative=cooperative, status="closed")
        return {"slug": cooperative.slug, "pk": session.pk, "theme_code": kind.split(":")[1]}
    if kind in ("visible", "visible-statement", "action", "coop-action", "vote"):
        # Closed with results visible: what consolidation, the plan and exports need.
        session = SessionFactory(cooperative=cooperative, status="closed")
        for letters in ("Y" * 30, "N" * 30, "U" * 30):
            make_respondent(session, letters)
        kwargs = {"slug": cooperative.slug, "pk": session.pk}
        if kind == "visible-statement":  # the meeting's first statement screen
            kwargs["number"] = 1
        if kind == "coop-action":  # an action reached through its cooperative only
            kwargs.pop("pk")
        if kind in ("action", "coop-action"):
            action = Action.objects.create(
                session=session, theme=session.questionnaire.themes.first(), title="Charte"
            )
            kwargs["action_pk"] = action.pk
        if kind == "vote":
            kwargs["vote_pk"] = Vote.objects.create(session=session, kind="priorities").pk
        return kwargs
    if kind.startswith("network") or kind == "grant":
        network = Network.objects.get(slug="urscop-occitanie")  # the `network` fixture
        kwargs = {"slug": network.slug}
        if kind == "network-coop":
            kwargs["cooperative_slug"] = cooperative.slug
        if kind == "network-visible":
            session = SessionFactory(cooperative=cooperative, status="closed")
            for letters in ("Y" * 30, "N" * 30, "U" * 30):
                make_respondent(session, letters)
            kwargs |= {"cooperative_slug": cooperative.slug, "pk": session.pk}
        if kind == "network-membership":
            membership = network.memberships.get(cooperative=cooperative)
            kwargs = {"slug": cooperative.slug, "pk": membership.pk}
        if kind == "grant":
            kwargs = {"slug": cooperative.slug, "pk": cooperative.adviser_grants.get().pk}
        if kind == "network-invited":  # another cooperative the network invited
            invited = NetworkMembership.objects.create(
                network=network, cooperative=CooperativeFactory(), status="invited"
            )
            kwargs["pk"] = invited.pk
        if kind == "network-adviser-invitation":
            invitation = AdviserInvitation.objects.create(
                network=network, email="nouvelle@urscop.example"
            )
            kwargs["pk"] = invitation.pk
        return kwargs
    if kind.startswith("fiche:"):
        return {"number": int(kind.split(":")[1])}
    if kind.startswith("session-fiche:"):
        session = SessionFactory(cooperative=cooperative, status="closed")
        return {"slug": cooperative.slug, "pk": session.pk, "number": int(kind.split(":")[1])}
    if kind in ("charter", "charter-coop", "charter-draft"):
        charter = Charter.objects.create(
            cooperative=cooperative,
            version=1,
            adopted_on=None if kind == "charter-draft" else datetime.date(2026, 3, 1),
        )
        CharterRule.objects.create(charter=charter, purpose="echanger", tool="Téléphone")
        return {"slug": cooperative.slug} | ({"version": 1} if kind == "charter" else {})
    if kind == "time-note":
        note = TimeNote.objects.create(
            cooperative=cooperative, dimension="marche", kind="constraint", text="Clients"
        )
        return {"slug": cooperative.slug, "pk": note.pk}
    if kind == "arrangement":
        arrangement = Arrangement.objects.create(cooperative=cooperative, text="Sans téléphone")
        return {"slug": cooperative.slug, "pk": arrangement.pk}
    if kind == "info-card":
        card = InfoCard.objects.create(
            cooperative=cooperative, label="Planning", channel="mail", place="op-impose"
        )
        return {"slug": cooperative.slug, "pk": card.pk}
    if kind == "discussion":
        discussion = Discussion.objects.create(
            cooperative=cooperative, held_on=datetime.date(2026, 3, 1), theme="Charge"
        )
        return {"slug": cooperative.slug, "pk": discussion.pk}
    session = SessionFactory(cooperative=cooperative, status=kind)
    return {"slug": cooperative.slug, "pk": session.pk}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "kind", "method", "expected"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(
    client_as, personas, cooperative, member, persona, name, kind, method, expected
):
    url = reverse(name, kwargs=build_kwargs(kind, cooperative, member))
    response = getattr(client_as(personas[persona]), method)(url)
    assert response.status_code == expected[persona], (persona, name)
    if persona == ANONYMOUS and expected[ANONYMOUS] == LOGIN != expected[FACILITATOR]:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_fiche_of_the_guide_is_public(client_as, personas, persona):
    client = client_as(personas[persona])
    for number in range(1, 7):
        assert client.get(reverse("fiches:fiche", args=[number])).status_code == 200, number
    assert client.get(reverse("fiches:fiche", args=[7])).status_code == 404


def without_csrf(content):
    # The CSRF token is masked differently in every response and the language switcher echoes
    # the requested path; everything else must be identical.
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
    return re.sub(rb'name="next" value="[^"]+"', b"", content)


def test_an_outsiders_404_is_the_same_as_a_missing_cooperative(client_as, outsider, cooperative):
    client = client_as(outsider)
    existing = client.get(reverse("followup:dashboard", args=[cooperative.slug]))
    missing = client.get(reverse("followup:dashboard", args=["nexiste-pas"]))
    assert existing.status_code == missing.status_code == 404
    assert without_csrf(existing.content) == without_csrf(missing.content)


def test_a_session_of_another_cooperative_is_not_found_through_mine(
    client_as, facilitator, cooperative, other_cooperative
):
    foreign = SessionFactory(cooperative=other_cooperative, status="closed")
    client = client_as(facilitator)
    for name in ("diagnostics:session", "plans:results", "diagnostics:session_edit"):
        assert client.get(reverse(name, args=[cooperative.slug, foreign.pk])).status_code == 404
    url = reverse("diagnostics:session_close", args=[cooperative.slug, foreign.pk])
    assert client.post(url).status_code == 404
