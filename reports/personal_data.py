"""Personal data: what a person can download about themself, and erasing their account.

Here, not in accounts: both read the person's memberships and sheets (cooperatives,
diagnostics), which the identity layer must not import."""

from django.db import transaction
from django.utils.translation import gettext as _

from cooperatives.models import Membership
from cooperatives.services import other_facilitators_exist
from diagnostics.models import Respondent
from networks.models import Adviser


class LastFacilitatorOfError(Exception):
    def __init__(self, cooperatives):
        super().__init__()
        self.cooperatives = cooperatives


def personal_data(user):
    """Everything stored about this person. No answers: an answer sheet is reached only from
    the device that holds its token, never through an account (whoever can log in as this
    person, the facilitator holding their printed invitation included, must not read them),
    and closing a session cuts the sheet's link to the person anyway."""
    memberships = list(Membership.objects.filter(user=user).select_related("cooperative"))
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "has_password": user.has_usable_password(),
        },
        "memberships": [
            {
                "cooperative": m.cooperative.name,
                "role": m.role,
                "added_on": m.created_at.isoformat(),
            }
            for m in memberships
        ],
        # Issue 16: the networks this person accompanies, and what each cooperative let them read.
        "adviser_roles": [
            {
                "network": a.network.name,
                "since": a.created_at.isoformat(),
                "granted_by_cooperatives": [g.cooperative.name for g in a.grants.all()],
            }
            for a in Adviser.objects.filter(user=user)
            .select_related("network")
            .prefetch_related("grants__cooperative")
        ],
        "answers": _(
            "Vos réponses aux questionnaires ne sont pas dans cet export : elles ne s’affichent "
            "que sur l’appareil où vous avez répondu (page « Mes réponses »)."
        ),
    }


@transaction.atomic
def delete_account(user):
    memberships = Membership.objects.filter(user=user)
    # The same rule (and row locks) as leaving or being demoted: a cooperative keeps a facilitator.
    sole = [
        m.cooperative
        for m in memberships.select_related("cooperative")
        if m.is_facilitator and not other_facilitators_exist(m)
    ]
    if sole:
        raise LastFacilitatorOfError(sole)
    # A sheet not yet sent is the person's own unfinished data: erased with the account. A sent
    # sheet stays, unlinked (the membership goes, Respondent.membership is SET_NULL): deleting
    # it would change the results by one sheet, and results published before and after the
    # deletion would then tell that sheet's answers by difference.
    Respondent.objects.filter(membership__in=memberships, submitted_at__isnull=True).delete()
    # Their adviser roles go with the account (Adviser.user CASCADE), and with each role the
    # read access cooperatives granted it (AdviserGrant.adviser CASCADE).
    user.delete()
