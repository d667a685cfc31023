"""The questionnaire as data: the guide's quiz, its themes and statements, read once per process.

The quiz is loaded by migrations and read-only in the admin; every answer page and results page
needs it. It sits below both `scoring` (which scores over its themes) and `services` (the life
cycle and answering), so that neither has to import the other to know the statements.
"""

import functools

from diagnostics.models import Questionnaire, Statement, Theme

GUIDE_QUESTIONNAIRE = "qvt-numerique-2018"


def guide_questionnaire():
    return Questionnaire.objects.get(code=GUIDE_QUESTIONNAIRE)


@functools.lru_cache(maxsize=8)
def questionnaire_themes(questionnaire_id):
    """The questionnaire's themes in order, each with its `statement_list`, cached per process:
    reading it once saves two queries a page."""
    themes = list(Theme.objects.filter(questionnaire_id=questionnaire_id).order_by("order"))
    by_pk = {theme.pk: theme for theme in themes}
    for theme in themes:
        theme.statement_list = []
    for statement in Statement.objects.filter(theme__questionnaire_id=questionnaire_id).order_by(
        "theme__order", "order"
    ):
        statement.theme = by_pk[statement.theme_id]
        statement.theme.statement_list.append(statement)
    return tuple(themes)


def forget_questionnaires(**kwargs):
    questionnaire_themes.cache_clear()


def statements_of(questionnaire_id):
    return [s for theme in questionnaire_themes(questionnaire_id) for s in theme.statement_list]
