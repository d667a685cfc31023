"""Attacks on a member's answer sheet by someone who can log in as that member (the facilitator
after redeeming the member's QR sheet, or knowing the password), or who copied a cookie, or who
comes next on a shared device. A sheet is reached only through the device holding its token."""

import json

from django.test import Client
from django.urls import reverse

from accounts.signed import hash_token
from cooperatives.models import Membership
from diagnostics import services
from diagnostics.models import Answer, Respondent
from tests.diagnostics.test_answer_flow import answer_theme, start, url


def member_answers_two_themes(member, session):
    """The member answers on their own phone, logged in; returns that phone's client."""
    phone = Client()
    phone.force_login(member)
    start(phone, session)
    answer_theme(phone, session, 1, "YYYYY")
    answer_theme(phone, session, 2, "NNNNN")
    return phone


def test_logging_in_as_the_member_on_a_second_browser_shows_none_of_their_answers(
    open_session, member
):
    phone = member_answers_two_themes(member, open_session)
    attacker = Client()
    attacker.force_login(member)  # what redeeming the member's QR sheet gave the facilitator
    for path in (url("start", open_session), url("theme", open_session, 1)):
        page = attacker.get(path, follow=True).content.decode()
        assert " checked" not in page
        assert "Reprendre mes réponses" not in page
    mine = attacker.get(url("mine", open_session), follow=True)
    assert "mes-reponses" not in mine.redirect_chain[-1][0] if mine.redirect_chain else True
    assert "own_scores" not in (mine.context or {})
    assert b"<td>Oui</td>" not in mine.content and b"<td>Non</td>" not in mine.content
    # The start page explains; it never hands this browser a token to the sheet.
    start_page = attacker.get(url("start", open_session)).content.decode()
    assert "un autre appareil" in start_page
    assert f"qvt_r{open_session.pk}" not in attacker.cookies
    # The member's own phone still holds the only way in.
    assert phone.get(url("theme", open_session, 3)).status_code == 200


def test_the_members_personal_data_export_holds_no_answer(open_session, member):
    member_answers_two_themes(member, open_session)
    attacker = Client()
    attacker.force_login(member)
    data = json.loads(attacker.get(reverse("reports:my_data_download")).content)
    text = json.dumps(data)
    assert "projet.1" not in text
    assert '"yes"' not in text and '"no"' not in text


def test_restarting_on_a_second_device_discards_the_sheet_without_showing_it(open_session, member):
    phone = member_answers_two_themes(member, open_session)
    first = Respondent.objects.get(session=open_session)
    laptop = Client()
    laptop.force_login(member)
    response = laptop.post(url("start", open_session), {"restart": "1"})
    assert response.status_code == 302
    assert not Respondent.objects.filter(pk=first.pk).exists()
    assert not Answer.objects.filter(respondent_id=first.pk).exists()
    assert " checked" not in laptop.get(url("theme", open_session, 1)).content.decode()
    assert Respondent.objects.filter(session=open_session).count() == 1
    # The phone's token now opens nothing.
    assert phone.get(url("theme", open_session, 1))["Location"] == url("start", open_session)


def test_a_sheet_submitted_elsewhere_is_counted_and_never_reopened_here(open_session, member):
    phone = member_answers_two_themes(member, open_session)
    for n in range(3, 7):
        answer_theme(phone, open_session, n, "YYYYY")
    assert phone.post(url("review", open_session)).status_code == 302
    attacker = Client()
    attacker.force_login(member)
    page = attacker.get(url("start", open_session)).content.decode()
    assert "comptées" in page
    attacker.post(url("start", open_session), {"restart": "1"})
    sheet = Respondent.objects.get(session=open_session)
    assert sheet.is_submitted and sheet.answers.count() == 30
    assert (
        " checked" not in attacker.get(url("theme", open_session, 1), follow=True).content.decode()
    )


def test_after_close_a_copied_cookie_reaches_no_sheet(open_session):
    device = Client()
    start(device, open_session)
    for n in range(1, 7):
        answer_theme(device, open_session, n, "YYYYN")
    device.post(url("review", open_session))
    stolen = device.cookies[f"qvt_r{open_session.pk}"].value
    services.close_session(open_session)
    assert not Respondent.objects.filter(token_hash=hash_token(stolen)).exists()
    thief = Client()
    thief.cookies[f"qvt_r{open_session.pk}"] = stolen
    page = thief.get(url("mine", open_session), follow=True)
    assert b"<td>Oui</td>" not in page.content and b"<td>Non</td>" not in page.content
    # The member's own device still shows their answers after close, from its own cookie.
    own = device.get(url("mine", open_session))
    assert own.status_code == 200
    assert own.content.decode().count("<td>Oui</td>") == 24


def test_the_next_person_on_a_shared_device_starts_fresh_with_not_me(open_session):
    tablet = Client()
    first = start(tablet, open_session)
    answer_theme(tablet, open_session, 1, "YYYYY")
    assert "Ce n’est pas moi" in tablet.get(url("start", open_session)).content.decode()
    response = tablet.post(url("forget", open_session))
    assert response["Location"] == url("start", open_session)
    page = tablet.get(url("start", open_session)).content.decode()
    assert "Reprendre mes réponses" not in page
    second = start(tablet, open_session)
    assert second.pk != first.pk
    assert " checked" not in tablet.get(url("theme", open_session, 1)).content.decode()
    # The previous person's unsent sheet, unreachable now, is gone with its answers.
    assert not Respondent.objects.filter(pk=first.pk).exists()


def test_a_login_on_the_shared_device_does_not_bring_back_a_members_sheet(open_session, member):
    member_answers_two_themes(member, open_session)
    kiosk = Client()
    kiosk.force_login(member)
    kiosk.post(url("start", open_session))  # no restart asked: nothing is handed over
    assert Respondent.objects.filter(session=open_session).count() == 1
    assert Membership.objects.get(user=member).respondents.get().answers.count() == 10
    assert " checked" not in kiosk.get(url("theme", open_session, 1), follow=True).content.decode()


def redeem_printed_qr(membership, facilitator):
    """What the facilitator does with the member's printed QR code: open it in a fresh browser."""
    from cooperatives import invitations
    from cooperatives.models import Invitation

    _invitation, token = invitations.issue(
        membership, created_by=facilitator, channel=Invitation.Channel.QR
    )
    browser = Client()
    browser.get(reverse("invitation", args=[token]), follow=True)
    return browser


def test_the_facilitator_redeeming_a_members_qr_code_reaches_none_of_their_answers(
    open_session, member, facilitator
):
    member_answers_two_themes(member, open_session)
    browser = redeem_printed_qr(Membership.objects.get(user=member), facilitator)
    for path in (
        url("start", open_session),
        url("theme", open_session, 1),
        url("mine", open_session),
    ):
        page = browser.get(path, follow=True).content.decode()
        assert " checked" not in page and "<td>Oui</td>" not in page
    assert "un autre appareil" not in browser.get(url("start", open_session)).content.decode()


def test_a_qr_code_of_a_member_without_account_gives_no_way_to_their_link_sheet(
    open_session, cooperative, facilitator
):
    membership = Membership.objects.create(
        cooperative=cooperative, email="sans-compte@exemple.coop"
    )
    phone = Client()  # the member answers through the session link, without an account
    start(phone, open_session)
    answer_theme(phone, open_session, 1, "YYYYY")
    browser = redeem_printed_qr(membership, facilitator)
    page = browser.get(url("theme", open_session, 1), follow=True).content.decode()
    assert " checked" not in page
    assert phone.get(url("theme", open_session, 2)).status_code == 200


def test_forgetting_on_the_device_after_close_leaves_nothing_there(open_session):
    device = Client()
    start(device, open_session)
    for n in range(1, 7):
        answer_theme(device, open_session, n, "YYYYY")
    device.post(url("review", open_session))
    services.close_session(open_session)
    assert device.get(url("mine", open_session)).status_code == 200
    device.post(url("forget", open_session))
    assert device.get(url("mine", open_session))["Location"] == url("start", open_session)
    assert Respondent.objects.filter(session=open_session).count() == 1  # still counted


def test_not_me_on_a_shared_device_also_logs_the_previous_person_out(open_session, member):
    tablet = Client()
    tablet.force_login(member)
    start(tablet, open_session)
    for n in range(1, 7):
        answer_theme(tablet, open_session, n, "YYYYY")
    tablet.post(url("review", open_session))
    tablet.post(url("forget", open_session), {"not_me": "1"})
    assert "_auth_user_id" not in tablet.session
    page = tablet.get(url("start", open_session)).content.decode()
    assert "Commencer" in page and "depuis un autre appareil" not in page
    next_person = start(tablet, open_session)
    assert next_person.membership is None
    assert Respondent.objects.filter(session=open_session, submitted_at__isnull=False).count() == 1


def test_a_member_told_their_sheet_is_elsewhere_is_offered_to_log_out(open_session, member):
    member_answers_two_themes(member, open_session)
    kiosk = Client()
    kiosk.force_login(member)
    page = kiosk.get(url("start", open_session)).content.decode()
    assert member.email in page and "Me déconnecter" in page
    assert reverse("accounts:logout") in page


def test_after_close_no_time_ties_a_sheet_to_the_moment_someone_answered(open_session):
    from tests.factories import make_respondent

    for letters in ("Y" * 30, "N" * 30, "U" * 30):
        make_respondent(open_session, letters)
    Respondent.objects.filter(session=open_session).order_by("pk").first().answers.update(
        value="no"
    )  # one sheet edited later than the others (before sending)
    services.close_session(open_session)
    open_session.refresh_from_db()
    sheets = Respondent.objects.filter(session=open_session)
    assert set(sheets.values_list("created_at", flat=True)) == {open_session.closed_at}
    assert set(sheets.values_list("submitted_at", flat=True)) == {open_session.closed_at}
    answers = Answer.objects.filter(respondent__session=open_session)
    assert set(answers.values_list("updated_at", flat=True)) == {open_session.closed_at}
