"""CSV exports of the aggregated results and of the action plan, for spreadsheets.

Format choices, for French spreadsheet users:
- UTF-8 with a byte-order mark: Excel then reads the accents right when the file is double-clicked;
- ";" as separator and a decimal comma: French Excel uses "," as its decimal separator, so it
  opens a ";" file in columns and reads "2,7" as a number; LibreOffice asks and accepts both;
- a cell that starts with = + - @ (or a tab / carriage return) gets a leading apostrophe, so a
  title typed by a user can never run as a formula when the file is opened (CSV injection).
Results are aggregated per theme and per statement: no row is ever about one respondent. On a
theme row, Oui / ? / Non count the answers to its five statements, and the percentages are over
those answers (so "% ?" is the theme's share of "?" shown on the results page).
"""

import csv
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from diagnostics.models import Answer

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def decimal(value, places=1):
    return f"{value:.{places}f}".replace(".", ",")


def to_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return BOM + buffer.getvalue()


def results_rows(analysis):
    labels = dict(Answer.Value.choices)
    yield [
        _("Niveau"),
        _("Code"),
        _("Thème"),
        _("Affirmation"),
        _("Répondant·es"),
        _("Oui"),
        _("?"),
        _("Non"),
        _("% Oui"),
        _("% ?"),
        _("% Non"),
        _("Désaccord (%)"),
        _("Moyenne des réponses (sur 5)"),
        _("Réponse de l’équipe (sur 5)"),
        _("Réponse de l’équipe"),
        _("Note de l’équipe"),
        # The split as people and the one rule (diagnostics.scoring.is_split), issue 14.
        _("Contre la majorité (personnes)"),
        _("Avis partagés"),
    ]
    for t in analysis.themes:
        yes, unsure, no = t.result.counts
        yield [
            _("Thème"),
            t.theme.code,
            t.theme.title,
            "",
            analysis.respondents,
            yes,
            unsure,
            no,
            decimal(t.result.yes_share),
            decimal(t.result.unsure_share),
            decimal(t.result.no_share),
            "",
            decimal(t.score),
            "" if t.consolidated_score is None else t.consolidated_score,
            "",
            "",
            "",
            t.split_count,
        ]
        for s in t.statements:
            r, agreed = s.result, s.consolidated
            yield [
                _("Affirmation"),
                s.statement.code,
                t.theme.title,
                s.statement.text,
                r.total,
                r.yes,
                r.unsure,
                r.no,
                decimal(r.yes_share),
                decimal(r.unsure_share),
                decimal(r.no_share),
                decimal(s.disagreement),
                "",
                "",
                labels[agreed.value] if agreed else "",
                agreed.note if agreed else "",
                s.split.minority,
                _("oui") if s.is_split else _("non"),
            ]


def plan_rows(actions):
    yield [
        _("Thème"),
        _("Étape"),
        _("Ordre"),
        _("Action"),
        _("Description"),
        _("Responsable"),
        _("Échéance"),
        _("État"),
        _("Indicateur de suivi"),
    ]
    rank = {}
    for a in actions:
        # The rank within the theme, not the stored position (which may have gaps).
        rank[a.theme_id] = rank.get(a.theme_id, 0) + 1
        yield [
            a.theme.title,
            a.get_step_display(),
            rank[a.theme_id],
            a.title,
            a.description,
            a.owner,
            date_format(a.due_date, "SHORT_DATE_FORMAT") if a.due_date else "",
            a.get_status_display(),
            a.indicator,
        ]
