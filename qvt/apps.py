from django.apps import AppConfig


class QvtConfig(AppConfig):
    """The top: settings, root URLs, home, health, and the demo data (``manage.py seed_demo``,
    which fills every app). It composes the apps and may import any of them; no app imports it."""

    name = "qvt"
    verbose_name = "QVT & numérique"
