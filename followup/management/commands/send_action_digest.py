"""Email each cooperative's facilitators the actions due in the next days, and the overdue ones.

Meant for a daily cron job (see README): a second run on the same day sends nothing again.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from followup.digest import send_digests


def iso_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today expects a date as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = (
        "Email each cooperative's facilitators the open actions due within --days days "
        "(and the overdue ones). Once per cooperative and day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=7, help="How many days ahead to look (default 7)."
        )
        parser.add_argument(
            "--today", type=iso_date, help="The date to act as today, YYYY-MM-DD (default: today)."
        )
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", ""),
            help="Public address of the app, e.g. https://diagnostic.example.coop, for the links.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the emails instead of sending them."
        )
        parser.add_argument(
            "--force", action="store_true", help="Send again even if already sent that day."
        )

    def handle(self, *args, days, today, base_url, dry_run, force, **options):
        if not 0 <= days <= 366:
            raise CommandError("--days must be between 0 and 366")
        today = today or timezone.localdate()
        outcome = send_digests(today, days, base_url=base_url, dry_run=dry_run, force=force)
        for digest, subject, body, sent in outcome:
            name = digest.cooperative.slug
            if dry_run:
                self.stdout.write(f"--- {name} → {', '.join(digest.recipients)}\n{subject}\n{body}")
            elif sent:
                self.stdout.write(
                    f"{name}: {len(digest.actions)} action(s) sent to "
                    f"{len(digest.recipients)} facilitator(s)"
                )
            else:
                self.stdout.write(f"{name}: already sent on {today.isoformat()}, skipped")
        if not outcome:
            self.stdout.write(f"No action due by {today.isoformat()} + {days} days.")
