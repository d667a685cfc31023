"""Personas shared by every test: a facilitator, a member and an outsider of a cooperative,
and the facilitator of another cooperative; an adviser of a network the cooperative is in, and
one of another network (issue 16)."""

import importlib
import threading

import pytest
import pytest_timeout
from django.utils import translation

from cooperatives.models import Membership
from diagnostics.models import DiagnosticSession
from networks.models import Adviser, Network, NetworkMembership
from tests.factories import CooperativeFactory, MembershipFactory, SessionFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # The real hasher costs ~0.3 s per user on this machine; tests create hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def french_after_each_test():
    """A request in English leaves English active in the thread: the next test would then read
    English pages where it expects French. Every test starts from the default language."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # Tests render pages without running collectstatic, so no manifest of hashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def guide_quiz_survives_flushes(request, django_db_blocker):
    """Transactional tests (live_server, transaction=True) end with a flush that also removes the
    guide's quiz, which a data migration loaded: put it back before a test that needs the
    database. (pytest-django tears its database fixtures down after ours, hence at setup.)"""
    marker = request.node.get_closest_marker("django_db")
    if marker or {"db", "transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("django_db_setup")  # the test database, never the real one
        from django.apps import apps

        from diagnostics.models import Questionnaire
        from diagnostics.quiz import GUIDE_QUESTIONNAIRE, forget_questionnaires

        with django_db_blocker.unblock():
            if not Questionnaire.objects.filter(code=GUIDE_QUESTIONNAIRE).exists():
                forget_questionnaires()  # the flush removed rows without signals
                for name in ("0002_guide_questionnaire", "0005_guide_questionnaire_english"):
                    importlib.import_module(f"diagnostics.migrations.{name}").load(apps, None)
    yield


# pytest-timeout (pyproject: 120 s a test, "signal") fails a hung test with its own stack, even in
# a Playwright call, and the run goes on. But its alarm fires once, and it is also cancelled as
# soon as a test fails (pytest_exception_interact), before the teardown: should a teardown or
# a call that never comes back to Python hang then, this second timer ends the run TIMEOUT_GRACE
# seconds past the limit the way pytest-timeout's "thread" method does (every thread's stack,
# exit status 1). It is cancelled only when the test's setup, call and teardown are all done.
TIMEOUT_GRACE = 60


def pytest_timeout_set_timer(item, settings):
    last_resort = threading.Timer(
        settings.timeout + TIMEOUT_GRACE, pytest_timeout.timeout_timer, (item, settings)
    )
    last_resort.name, last_resort.daemon = f"timeout last resort {item.nodeid}", True
    last_resort.start()
    item.timeout_last_resort = last_resort
    # None: pytest-timeout's own hook then arms its alarm as usual.


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item):
    try:
        return (yield)
    finally:
        if last_resort := getattr(item, "timeout_last_resort", None):
            last_resort.cancel()


@pytest.fixture
def cooperative(db):
    return CooperativeFactory(name="Scop des Oliviers", slug="scop-des-oliviers")


@pytest.fixture
def other_cooperative(db):
    return CooperativeFactory(name="Scic Voisine", slug="scic-voisine")


@pytest.fixture
def facilitator(cooperative):
    return MembershipFactory(cooperative=cooperative, role=Membership.Role.FACILITATOR).user


@pytest.fixture
def member(cooperative):
    return MembershipFactory(cooperative=cooperative, role=Membership.Role.MEMBER).user


@pytest.fixture
def outsider(db):
    return UserFactory(email="dehors@exemple.org")


@pytest.fixture
def other_facilitator(other_cooperative):
    return MembershipFactory(cooperative=other_cooperative, role=Membership.Role.FACILITATOR).user


@pytest.fixture
def network(cooperative):
    """A regional union with the cooperative among its members (issue 16)."""
    union = Network.objects.create(
        name="Union régionale des Scop d’Occitanie", slug="urscop-occitanie", kind="union_regionale"
    )
    NetworkMembership.objects.create(network=union, cooperative=cooperative, status="accepted")
    return union


@pytest.fixture
def adviser(network):
    """An adviser (« accompagnateur·rice ») of that union: no membership of any cooperative."""
    return Adviser.objects.create(
        network=network, user=UserFactory(email="accompagnement@urscop.example")
    ).user


@pytest.fixture
def other_network(db):
    return Network.objects.create(name="Fédération voisine", slug="federation-voisine")


@pytest.fixture
def other_adviser(other_network):
    """An adviser of another network, which the cooperative is not in."""
    return Adviser.objects.create(
        network=other_network, user=UserFactory(email="ailleurs@federation.example")
    ).user


@pytest.fixture
def draft_session(cooperative):
    return SessionFactory(cooperative=cooperative, title="Diagnostic de printemps")


@pytest.fixture
def open_session(cooperative):
    return SessionFactory(
        cooperative=cooperative, title="Diagnostic ouvert", status=DiagnosticSession.Status.OPEN
    )


@pytest.fixture
def closed_session(cooperative):
    return SessionFactory(
        cooperative=cooperative, title="Diagnostic clos", status=DiagnosticSession.Status.CLOSED
    )


@pytest.fixture
def client_as(client):
    """client_as(user) logs the test client in as that user (None stays anonymous)."""

    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login
