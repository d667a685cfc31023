"""`send_action_digest`: each cooperative's facilitators get the actions due soon, on a fixed
clock (--today), once a day."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from cooperatives.models import Membership
from followup.models import ActionDigest
from plans.models import Action
from tests.factories import MembershipFactory, SessionFactory

TODAY = date(2026, 3, 10)


@pytest.fixture
def plan(cooperative, facilitator, member, themes, before):
    MembershipFactory(cooperative=cooperative, role=Membership.Role.FACILITATOR, user=None,
                      email="co-animation@exemple.coop")  # fmt: skip
    rows = [
        ("Charte du droit à la déconnexion", "doing", -2),  # overdue
        ("Recenser les outils", "todo", 0),  # due today
        ("Former l’équipe", "todo", 7),  # the last day of the window
        ("Réunion bilan", "todo", 8),  # too late for this digest
        ("Ancienne action faite", "done", -1),
        ("Action abandonnée", "dropped", 3),
    ]
    for n, (title, status, days) in enumerate(rows):
        Action.objects.create(
            session=before, theme=themes[n % 6], title=title, status=status,
            due_date=TODAY + timedelta(days=days), owner_name="Le CSE",
        )  # fmt: skip
    Action.objects.create(session=before, theme=themes[0], title="Sans échéance")
    return before


def run(*args):
    call_command("send_action_digest", *args)


def test_facilitators_get_the_actions_due_within_7_days_and_the_overdue_ones(
    plan, cooperative, facilitator, member
):
    run("--today", "2026-03-10", "--base-url", "https://diagnostic.example.coop")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [facilitator.email, "co-animation@exemple.coop"]
    )
    message = mail.outbox[0]
    assert message.subject == "Scop des Oliviers : 3 actions à suivre"
    body = message.body
    assert "d’ici le 17 mars 2026" in body
    overdue, soon = body.split("EN RETARD")[1].split("DANS LES PROCHAINS JOURS")
    assert "Charte du droit à la déconnexion" in overdue and "échéance : 08/03/2026" in overdue
    assert "état : En cours" in overdue
    assert soon.index("Recenser les outils") < soon.index("Former l’équipe")
    assert "responsable : Le CSE" in soon
    for absent in ("Réunion bilan", "Ancienne action faite", "Action abandonnée", "Sans échéance"):
        assert absent not in body
    plan_url = f"https://diagnostic.example.coop/c/{cooperative.slug}/sessions/{plan.pk}/plan/"
    assert plan_url in body
    assert "&amp;" not in body and "&#x27;" not in body  # plain text, not HTML


def test_members_never_get_the_digest(plan, member):
    run("--today", "2026-03-10")
    assert member.email not in [m.to[0] for m in mail.outbox]


def test_the_digest_is_sent_once_a_day(plan, capsys):
    run("--today", "2026-03-10")
    run("--today", "2026-03-10")
    assert len(mail.outbox) == 2  # two facilitators, once
    assert "already sent on 2026-03-10, skipped" in capsys.readouterr().out
    assert ActionDigest.objects.get().actions == 3
    run("--today", "2026-03-11")
    assert len(mail.outbox) == 4
    run("--today", "2026-03-11", "--force")
    assert len(mail.outbox) == 6


def test_days_widens_the_window(plan):
    run("--today", "2026-03-10", "--days", "8")
    assert "Réunion bilan" in mail.outbox[0].body


def test_a_dry_run_prints_and_sends_nothing(plan, capsys):
    run("--today", "2026-03-10", "--dry-run")
    assert mail.outbox == []
    assert not ActionDigest.objects.exists()
    assert "Charte du droit à la déconnexion" in capsys.readouterr().out


def test_nothing_due_sends_nothing(plan, capsys):
    run("--today", "2025-01-01", "--days", "0")
    assert mail.outbox == []
    assert "No action due" in capsys.readouterr().out


def test_each_cooperative_gets_only_its_own_actions(
    plan, other_cooperative, other_facilitator, themes
):
    foreign = SessionFactory(cooperative=other_cooperative, status="closed")
    Action.objects.create(session=foreign, theme=themes[0], title="Action d’ailleurs",
                          due_date=TODAY)  # fmt: skip
    run("--today", "2026-03-10")
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert "Action d’ailleurs" in by_recipient[other_facilitator.email]
    assert "Charte du droit" not in by_recipient[other_facilitator.email]
    others = [body for email, body in by_recipient.items() if email != other_facilitator.email]
    assert others and all("Action d’ailleurs" not in body for body in others)


@pytest.mark.parametrize("args", [["--today", "10/03/2026"], ["--days", "-1"], ["--days", "x"]])
def test_bad_arguments_stop_with_a_message(db, args):
    with pytest.raises(CommandError):
        run(*args)
