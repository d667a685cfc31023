"""Issue 15, point 2: the participation block (« 4 sur 6 », the bar) and the reminders.

The facilitator watches the session page while members answer, logged in or by the link, to
learn who has answered. The page gives counts only; a reminder goes to every member without a
sent sheet and names nobody. (New block: seen failing with a member's address put in it.)"""

import re

from django.urls import reverse

from cooperatives.models import Membership
from tests.factories import MembershipFactory, SessionFactory, UserFactory, make_respondent


def test_watching_the_session_page_while_members_answer_shows_counts_and_no_one(
    client_as, facilitator, cooperative
):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=6)
    people = [
        MembershipFactory(cooperative=cooperative, user=UserFactory(email=f"lea{n}@exemple.coop"))
        for n in range(4)
    ]
    client = client_as(facilitator)
    seen = []
    for person in people[:3]:
        make_respondent(session, "Y" * 30, membership=person)
        seen.append(client.get(session.get_absolute_url()).text)
    for page in seen:
        block = re.search(r'id="participation">(.*?)</dd>', page, re.S).group(1)
        assert (
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block))
            .strip()
            .startswith(("1 sur 6", "2 sur 6", "3 sur 6"))
        )
        assert not any(p.email in page or p.email.split("@")[0] in page for p in people)


def test_a_reminder_names_nobody_and_reaches_only_who_has_not_sent(
    client_as, facilitator, cooperative, mailoutbox
):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=6)
    answered = MembershipFactory(cooperative=cooperative, user=UserFactory(email="a@exemple.coop"))
    MembershipFactory(cooperative=cooperative, user=UserFactory(email="b@exemple.coop"))
    make_respondent(session, "Y" * 30, membership=answered)
    client_as(facilitator).post(
        reverse("diagnostics:session_remind", args=[cooperative.slug, session.pk])
    )
    facilitator_email = Membership.objects.get(user=facilitator).email
    assert sorted(m.to[0] for m in mailoutbox) == sorted(["b@exemple.coop", facilitator_email])
    assert all("@" not in m.body and "@" not in m.subject for m in mailoutbox)
