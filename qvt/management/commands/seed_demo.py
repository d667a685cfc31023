import random
import secrets
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cooperatives.models import Cooperative, Membership
from cooperatives.services import create_cooperative
from diagnostics import quiz, scoring, services
from diagnostics.models import Answer, DiagnosticSession
from networks import services as networks
from networks.models import Adviser, AdviserGrant, Network, NetworkMembership
from plans import services as plans
from plans.models import Action
from plans.network_views import plan_summary

DEMO_SLUG = "scop-demo"
DEMO_EMAIL = "animation@demo.coop"
# The demo network (issue 16): a regional union, its adviser, and five neighbours that shared a
# session each, so that its dashboard has the 5 cooperatives a figure needs.
DEMO_NETWORK_SLUG = "urscop-demo"
ADVISER_EMAIL = "accompagnement@demo.coop"
NEIGHBOURS = [
    ("Scop des Garrigues", "scop", "34", 6),
    ("Scic du Littoral", "scic", "30", 25),
    ("CAE Entreprendre Ensemble", "cae", "34", 60),
    ("Scop Atelier Bois", "scop", "11", 9),
    ("Scop Les Typographes", "scop", "66", 12),
]
# Likelihood of "Oui" per theme, so the demo radar has a shape worth discussing.
YES_LIKELIHOOD = [0.8, 0.5, 0.25, 0.65, 0.15, 0.45]
# A year earlier, before the first action plan: weaker on the themes the plan then worked on.
EARLIER_YES_LIKELIHOOD = [0.75, 0.35, 0.2, 0.65, 0.05, 0.3]


class Command(BaseCommand):
    help = (
        "Create (or recreate) the demo cooperative: a closed session with its action plan, its "
        "closed follow-up a year later, and an open session; a regional union with its adviser "
        "and five neighbouring cooperatives that shared a session each."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Facilitator password (default: a random one).")

    @transaction.atomic
    def handle(self, *args, **options):
        Cooperative.objects.filter(slug=DEMO_SLUG).delete()
        password = options["password"] or secrets.token_urlsafe(9)
        user, _ = User.objects.get_or_create(email=DEMO_EMAIL, defaults={"first_name": "Camille"})
        user.set_password(password)
        user.email_verified_at = user.email_verified_at or timezone.now()  # the demo logs in
        user.is_active = True
        user.save()
        cooperative = create_cooperative(
            user, name="Scop Démo", legal_form="scop", departement="34", headcount=14
        )
        cooperative.slug = DEMO_SLUG
        cooperative.save(update_fields=["slug"])
        for n in range(1, 14):
            Membership.objects.create(cooperative=cooperative, email=f"membre{n}@demo.coop")

        questionnaire = quiz.guide_questionnaire()
        statements = quiz.statements_of(questionnaire.pk)
        rng = random.Random(2026)  # fixed seed: the same demo every time

        earlier = self._closed_session(
            cooperative, questionnaire, user, statements, rng,
            title="Diagnostic d’automne 2025", respondents=10,
            likelihood=EARLIER_YES_LIKELIHOOD, days_ago=400,
        )  # fmt: skip
        self._consolidate(earlier, statements, user)
        self._earlier_plan(earlier, user)
        closed = self._closed_session(
            cooperative, questionnaire, user, statements, rng,
            title="Diagnostic d’automne 2026", respondents=12,
            likelihood=YES_LIKELIHOOD, days_ago=30, previous=earlier,
        )  # fmt: skip
        self._consolidate(closed, statements, user)
        self._current_plan(closed)

        current = DiagnosticSession.objects.create(
            cooperative=cooperative,
            questionnaire=questionnaire,
            title="Diagnostic de printemps 2027",
            created_by=user,
            previous=closed,
        )
        services.open_session(current)
        for _n in range(2):
            self._respond(current, statements, rng, submitted=True)

        self._network(cooperative, closed, user, password, questionnaire, statements, rng)

        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"  Facilitator login: {DEMO_EMAIL}")
        self.stdout.write(f"  Adviser login:     {ADVISER_EMAIL}")
        self.stdout.write(f"  Password:          {password}")

    def _network(self, cooperative, closed, user, password, questionnaire, statements, rng):
        Network.objects.filter(slug=DEMO_NETWORK_SLUG).delete()
        Cooperative.objects.filter(slug__startswith="scop-demo-voisine-").delete()
        network = Network.objects.create(
            name="Union régionale des Scop (démo)", slug=DEMO_NETWORK_SLUG, kind="union_regionale"
        )
        adviser_user, _ = User.objects.get_or_create(
            email=ADVISER_EMAIL, defaults={"first_name": "Dominique"}
        )
        adviser_user.set_password(password)
        adviser_user.email_verified_at = adviser_user.email_verified_at or timezone.now()
        adviser_user.is_active = True
        adviser_user.save()
        adviser = Adviser.objects.create(network=network, user=adviser_user)
        NetworkMembership.objects.create(
            network=network, cooperative=cooperative, status="accepted", invited_by=adviser_user
        )
        networks.share_session(closed, user)
        networks.share_plan(closed, *plan_summary(closed))
        AdviserGrant.objects.create(cooperative=cooperative, adviser=adviser, granted_by=user)
        for n, (name, legal_form, departement, headcount) in enumerate(NEIGHBOURS, start=1):
            neighbour = Cooperative.objects.create(
                name=name,
                slug=f"scop-demo-voisine-{n}",
                legal_form=legal_form,
                departement=departement,
                headcount=headcount,
            )
            likelihood = [min(0.95, max(0.05, p + rng.uniform(-0.2, 0.2))) for p in YES_LIKELIHOOD]
            session = self._closed_session(
                neighbour, questionnaire, user, statements, rng,
                title="Diagnostic 2026", respondents=min(headcount, 3 + n),
                likelihood=likelihood, days_ago=20 + 15 * n,
            )  # fmt: skip
            NetworkMembership.objects.create(
                network=network, cooperative=neighbour, status="accepted", invited_by=adviser_user
            )
            networks.share_session(session, None)

    def _closed_session(
        self, cooperative, questionnaire, user, statements, rng, *, title, respondents,
        likelihood, days_ago, previous=None,
    ):  # fmt: skip
        session = DiagnosticSession.objects.create(
            cooperative=cooperative,
            questionnaire=questionnaire,
            title=title,
            created_by=user,
            previous=previous,
        )
        services.open_session(session)
        for _n in range(respondents):
            self._respond(session, statements, rng, submitted=True, likelihood=likelihood)
        services.close_session(session)
        # Dated in the past, so the history reads in order on the cooperative page.
        closed_at = timezone.now() - timedelta(days=days_ago)
        DiagnosticSession.objects.filter(pk=session.pk).update(
            created_at=closed_at - timedelta(days=20),
            opened_at=closed_at - timedelta(days=14),
            closed_at=closed_at,
        )
        session.refresh_from_db()
        return session

    def _consolidate(self, session, statements, user):
        """The team's agreed answers: the most frequent answer of each statement."""
        submitted = scoring.participation(session).submitted
        analysis = plans.analyse(session, scoring.compute_results(session, submitted))
        plans.save_consolidation(session, plans.consolidation_initial(analysis), user)

    def _earlier_plan(self, session, user):
        themes = {t.order: t for t in session.questionnaire.themes.all()}
        owner = session.cooperative.memberships.get(email=DEMO_EMAIL)
        today = timezone.localdate()
        for theme, step, title, status, due in [
            (5, "realisation", "Former l’équipe aux outils partagés", "done", -200),
            (2, "preparation", "Écrire une charte du droit à la déconnexion", "doing", -20),
            (3, "avant-projet", "Recenser les outils utilisés par chaque équipe", "todo", 5),
            (6, "validation", "Tester un outil de planning partagé", "dropped", -120),
        ]:
            plans.save_action(
                Action(
                    session=session,
                    theme=themes[theme],
                    step=step,
                    title=title,
                    status=status,
                    due_date=today + timedelta(days=due),
                    owner_membership=owner if status != "todo" else None,
                    owner_name="" if status != "todo" else "Le CSE",
                )
            )

    def _current_plan(self, session):
        themes = {t.order: t for t in session.questionnaire.themes.all()}
        today = timezone.localdate()
        for theme, title, due in [
            (5, "Binômes d’entraide sur les outils numériques", 60),
            (3, "Réunion d’équipe sur la charge de messages", 3),
        ]:
            plans.save_action(
                Action(
                    session=session,
                    theme=themes[theme],
                    title=title,
                    due_date=today + timedelta(days=due),
                    owner_name="Le bureau",
                )
            )

    def _respond(self, session, statements, rng, submitted, likelihood=YES_LIKELIHOOD):
        respondent, _token = services.start_respondent(session)
        Answer.objects.bulk_create(
            Answer(respondent=respondent, statement=s, value=self._value(s, rng, likelihood))
            for s in statements
        )
        if submitted:
            respondent.submitted_at = timezone.now()
            respondent.current_theme = 6
            respondent.save(update_fields=["submitted_at", "current_theme"])

    @staticmethod
    def _value(statement, rng, likelihood=YES_LIKELIHOOD):
        draw = rng.random()
        yes = likelihood[statement.theme.order - 1]
        if draw < yes:
            return Answer.Value.YES
        return Answer.Value.UNSURE if draw < yes + 0.15 else Answer.Value.NO
