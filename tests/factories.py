import factory
from django.utils import timezone

from accounts.models import User
from accounts.signed import hash_token, new_token
from cooperatives.models import Cooperative, Membership
from diagnostics import quiz
from diagnostics.models import Answer, DiagnosticSession, Respondent

PASSWORD = "Un-mot-de-passe-solide-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.coop")
    email_verified_at = factory.LazyFunction(timezone.now)  # UserFactory(email_verified_at=None)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CooperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperative

    name = factory.Sequence(lambda n: f"Scop n°{n}")
    slug = factory.Sequence(lambda n: f"scop-{n}")
    legal_form = Cooperative.LegalForm.SCOP
    departement = "34"
    headcount = 12


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    cooperative = factory.SubFactory(CooperativeFactory)
    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda m: m.user.email if m.user else "invite@exemple.coop")
    role = Membership.Role.MEMBER


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosticSession

    cooperative = factory.SubFactory(CooperativeFactory)
    questionnaire = factory.LazyFunction(quiz.guide_questionnaire)
    title = factory.Sequence(lambda n: f"Diagnostic {n}")
    status = DiagnosticSession.Status.DRAFT


def make_respondent(session, answers=None, submitted=True, membership=None):
    """A respondent with answers given as {statement_code: value} or a one-letter string per
    statement in questionnaire order (Y = Oui, U = ?, N = Non), e.g. "YYNNU" * 6."""
    token = new_token()
    respondent = Respondent.objects.create(
        session=session,
        token_hash=hash_token(token),
        membership=membership,
        submitted_at=timezone.now() if submitted else None,
    )
    statements = quiz.statements_of(session.questionnaire_id)
    if isinstance(answers, str):
        letters = answers.replace(" ", "")
        assert len(letters) == len(statements), len(letters)
        values = {"Y": "yes", "U": "unsure", "N": "no"}
        rows = [
            Answer(respondent=respondent, statement=s, value=values[c])
            for s, c in zip(statements, letters, strict=True)
        ]
    else:
        by_code = {s.code: s for s in statements}
        rows = [
            Answer(respondent=respondent, statement=by_code[c], value=v)
            for c, v in (answers or {}).items()
        ]
    Answer.objects.bulk_create(rows)
    respondent.raw_token = token
    return respondent
