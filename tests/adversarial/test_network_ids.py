"""An outsider with a throwaway account makes a cooperative of their own (so they are a
facilitator, behind their own door) and posts the numbers of the victim's rows through it:
the victim's network membership (to leave or accept for it), its grant (to revoke it), its
closed session (to share or un-share it, or its plan), and the victim's network's adviser (to
grant them their own results and learn who they are). Every row is fetched through the
poster's own cooperative: the same 404 as a missing one, nothing changed."""

import pytest
from django.urls import reverse

from networks import services
from networks.models import AdviserGrant, NetworkMembership, SharedPlan, SharedSession
from tests.exercises.test_time import visible_session
from tests.factories import CooperativeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def throwaway(db):
    user = UserFactory(email="jetable@exemple.org")
    own = CooperativeFactory(name="Coquille vide", slug="coquille-vide")
    MembershipFactory(cooperative=own, user=user, role="facilitator")
    return user, own


def test_the_victims_numbers_posted_through_ones_own_cooperative_change_nothing(
    client_as, throwaway, cooperative, network, adviser, facilitator
):
    user, own = throwaway
    membership = NetworkMembership.objects.get(network=network, cooperative=cooperative)
    grant = AdviserGrant.objects.create(
        cooperative=cooperative, adviser=adviser.adviser_roles.get()
    )
    shared = visible_session(cooperative)
    services.share_session(shared, facilitator)
    unshared = visible_session(cooperative)
    client = client_as(user)
    posts = [
        (reverse("networks:leave", args=[own.slug, membership.pk]), {}),
        (reverse("networks:answer", args=[own.slug, membership.pk]), {"decision": "refuse"}),
        (reverse("networks:revoke_grant", args=[own.slug, grant.pk]), {}),
        (reverse("networks:share", args=[own.slug, shared.pk]), {"share": "off"}),
        (reverse("networks:share", args=[own.slug, unshared.pk]), {"share": "on"}),
        (reverse("plans:share_plan", args=[own.slug, unshared.pk]), {"share": "on"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    # The adviser of a network the throwaway cooperative is not in: refused, with no name.
    response = client.post(
        reverse("networks:grant", args=[own.slug]),
        {"adviser": str(grant.adviser_id)},
        follow=True,
    )
    assert adviser.email not in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == "accepted"
    assert AdviserGrant.objects.filter(pk=grant.pk).exists()
    assert AdviserGrant.objects.count() == 1
    assert SharedSession.objects.filter(session=shared).exists()
    assert not SharedSession.objects.filter(session=unshared).exists()
    assert not SharedPlan.objects.exists()
