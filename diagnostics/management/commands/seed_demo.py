import random
import secrets

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cooperatives.models import Cooperative, Membership
from cooperatives.services import create_cooperative
from diagnostics import services
from diagnostics.models import Answer, DiagnosticSession

DEMO_SLUG = "scop-demo"
DEMO_EMAIL = "animation@demo.coop"
# Likelihood of "Oui" per theme, so the demo radar has a shape worth discussing.
YES_LIKELIHOOD = [0.8, 0.5, 0.25, 0.65, 0.15, 0.45]


class Command(BaseCommand):
    help = "Create (or recreate) the demo cooperative with a closed and an open session."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Facilitator password (default: a random one).")

    @transaction.atomic
    def handle(self, *args, **options):
        Cooperative.objects.filter(slug=DEMO_SLUG).delete()
        password = options["password"] or secrets.token_urlsafe(9)
        user, _ = User.objects.get_or_create(email=DEMO_EMAIL, defaults={"first_name": "Camille"})
        user.set_password(password)
        user.save()
        cooperative = create_cooperative(
            user, name="Scop Démo", legal_form="scop", departement="34", headcount=14
        )
        cooperative.slug = DEMO_SLUG
        cooperative.save(update_fields=["slug"])
        for n in range(1, 14):
            Membership.objects.create(cooperative=cooperative, email=f"membre{n}@demo.coop")

        questionnaire = services.guide_questionnaire()
        statements = services.statements_of(questionnaire.pk)
        rng = random.Random(2026)  # fixed seed: the same demo every time

        closed = DiagnosticSession.objects.create(
            cooperative=cooperative,
            questionnaire=questionnaire,
            title="Diagnostic d’automne 2026",
            created_by=user,
        )
        services.open_session(closed)
        for _n in range(12):
            self._respond(closed, statements, rng, submitted=True)
        services.close_session(closed)

        current = DiagnosticSession.objects.create(
            cooperative=cooperative,
            questionnaire=questionnaire,
            title="Diagnostic de printemps 2027",
            created_by=user,
        )
        services.open_session(current)
        for _n in range(2):
            self._respond(current, statements, rng, submitted=True)

        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"  Facilitator login: {DEMO_EMAIL}")
        self.stdout.write(f"  Password:          {password}")

    def _respond(self, session, statements, rng, submitted):
        respondent, _token = services.start_respondent(session)
        Answer.objects.bulk_create(
            Answer(respondent=respondent, statement=s, value=self._value(s, rng))
            for s in statements
        )
        if submitted:
            respondent.submitted_at = timezone.now()
            respondent.current_theme = 6
            respondent.save(update_fields=["submitted_at", "current_theme"])

    @staticmethod
    def _value(statement, rng):
        draw = rng.random()
        if draw < YES_LIKELIHOOD[statement.theme.order - 1]:
            return Answer.Value.YES
        return (
            Answer.Value.UNSURE
            if draw < YES_LIKELIHOOD[statement.theme.order - 1] + 0.15
            else Answer.Value.NO
        )
