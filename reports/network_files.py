"""The network's files (issue 16): the dashboard's figures as a PDF and as a CSV, for the
network's advisers, for the same cell as the page (the whole network or one fixed filter).
Each holds exactly what the dashboard shows: a hidden cell gives a file that says it is hidden,
never its figures. The PDF goes through reports.pdf's renderer and its fetcher (the app's
static files and data: URIs only)."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from networks import figures
from reports import csv_exports
from reports.csv_exports import decimal


@dataclass(frozen=True)
class NetworkFile:
    network: object
    board: figures.Dashboard


def filename(suffix):
    def name(subject):
        cell = figures.key_param(subject.board.key).replace(":", "-")
        return f"{subject.network.slug}-reseau{'-' + cell if cell else ''}{suffix}"

    return name


def rows(subject):
    board = subject.board
    yield [_("Réseau"), subject.network.name]
    yield [_("Filtre"), board.label]
    yield [_("Coopératives membres"), board.members]
    yield [_("Coopératives ayant partagé une session"), board.sharing]
    yield [_("Sessions partagées"), board.sessions]
    if not board.shown:
        yield [
            _("Masqué"),
            _("moins de %(k)s coopératives, ou une différence avec un autre filtre en isolerait "
              "moins de %(k)s") % {"k": board.threshold},
        ]  # fmt: skip
        return
    yield [_("Coopératives dans ces chiffres"), board.cooperatives]
    yield []
    yield [
        _("Niveau"),
        _("Code"),
        _("Thème"),
        _("Affirmation"),
        _("Minimum"),
        _("1er quartile"),
        _("Médiane"),
        _("3e quartile"),
        _("Maximum"),
        _("Part de « Oui » (%)"),
    ]
    shares = dict(board.statements)
    for t in board.themes:
        d = t.distribution
        yield [
            _("Thème"), t.theme.code, t.theme.title, "",
            *(decimal(v) for v in (d.minimum, d.q1, d.median, d.q3, d.maximum)), "",
        ]  # fmt: skip
        for s in shares.get(t.theme, []):
            yield [
                _("Affirmation"), s.statement.code, t.theme.title, s.statement.text,
                "", "", "", "", "", decimal(s.yes_share),
            ]  # fmt: skip
    if board.plans_shown:
        yield []
        yield [_("Plans partagés"), board.plans]
        yield [_("Niveau"), _("Code"), _("Thème"), _("Action"), _("Coopératives")]
        for theme, count in board.priorities:
            yield [_("Priorité"), theme.code, theme.title, "", count]
        for title, count in board.actions:
            yield [_("Action"), "", "", title, count]


def network_csv(subject):
    return csv_exports.to_csv(rows(subject))


def network_pdf(subject, fetcher=None):
    from reports import pdf  # WeasyPrint: imported only when a PDF is asked for

    board = subject.board
    context = {"network": subject.network, "board": board, "generated_at": timezone.localtime()}
    if board.shown and board.themes:
        context["radar_svg"], context["boxplot_svg"] = board.radar_svg, board.boxplot_svg
    html = render_to_string("reports/pdf/network.html", context)
    return pdf.render_pdf(html, fetcher)
