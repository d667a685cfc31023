"""Every file the application hands out, one entry each, and the one way they are answered.

An entry says what the file is built from, its content type and name, who may get it and at
which path. `reports/urls.py` makes one URL per entry, served by the view of its audience
(which checks access through the usual door), and every view ends in `download()`: the same
headers for every file, so none can forget one.
"""

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.http import HttpResponse

from diagnostics import scoring
from plans import services as plans
from reports import cooperative_data, csv_exports, network_files, personal_data

# Who may get a file, each checked by its own view in reports/views.py.
SESSION_FACILITATORS = "the facilitators of the session's cooperative, once results are visible"
PAPER_FACILITATORS = "the facilitators of the session's cooperative, before the close"
COOPERATIVE_FACILITATORS = "the facilitators of the cooperative"
THE_PERSON = "the signed-in person, about themself"
CHARTER_READERS = "the members of the cooperative, once it has adopted a charter"
NETWORK_ADVISERS = "the advisers of the network, for one cell of its dashboard"

SESSION_PREFIX = "c/<slug:slug>/sessions/<int:pk>/"


@dataclass(frozen=True)
class SessionFile:
    """What a session's files are built from: the session, and its number of sent sheets."""

    session: object
    submitted: int

    def analysis(self):
        return plans.analyse(self.session, scoring.compute_results(self.session, self.submitted))


@dataclass(frozen=True)
class Format:
    name: str  # also the URL name: reports:<name>
    path: str
    audience: str
    content_type: str
    build: Callable  # subject -> str or bytes
    filename: Callable  # subject -> str


def _pdf(subject):
    from reports import pdf  # WeasyPrint takes ~1 s to import: only when a PDF is asked for

    return pdf.report_pdf(subject.session, subject.analysis())


def _paper_quiz(subject):
    from reports import paper_quiz

    return paper_quiz.paper_quiz_pdf(subject)


def _charter_pdf(charter):
    from reports import charter_pdf  # WeasyPrint, as for the report

    return charter_pdf.charter_pdf(charter)


def _session_filename(suffix):
    def filename(subject):
        session = subject.session
        return f"{session.cooperative.slug}-diagnostic-{session.pk}{suffix}"

    return filename


def _json(data):
    return json.dumps(data, ensure_ascii=False, indent=2)


FORMATS = {
    f.name: f
    for f in [
        Format(
            name="pdf",
            path=f"{SESSION_PREFIX}rapport.pdf",
            audience=SESSION_FACILITATORS,
            content_type="application/pdf",
            build=_pdf,
            filename=_session_filename(".pdf"),
        ),
        Format(
            name="paper_quiz",
            path=f"{SESSION_PREFIX}questionnaire-papier.pdf",
            audience=PAPER_FACILITATORS,
            content_type="application/pdf",
            build=_paper_quiz,
            filename=_session_filename("-questionnaire-papier.pdf"),
        ),
        Format(
            name="results_csv",
            path=f"{SESSION_PREFIX}export/resultats.csv",
            audience=SESSION_FACILITATORS,
            content_type="text/csv; charset=utf-8",
            build=lambda s: csv_exports.to_csv(csv_exports.results_rows(s.analysis())),
            filename=_session_filename("-resultats.csv"),
        ),
        Format(
            name="plan_csv",
            path=f"{SESSION_PREFIX}export/plan-action.csv",
            audience=SESSION_FACILITATORS,
            content_type="text/csv; charset=utf-8",
            build=lambda s: csv_exports.to_csv(csv_exports.plan_rows(plans.actions_of(s.session))),
            filename=_session_filename("-plan-action.csv"),
        ),
        Format(
            name="charter_pdf",
            path="c/<slug:slug>/exercices/charte.pdf",
            audience=CHARTER_READERS,
            content_type="application/pdf",
            build=_charter_pdf,
            filename=lambda charter: f"{charter.cooperative.slug}-charte-v{charter.version}.pdf",
        ),
        Format(
            name="cooperative_export",
            path="c/<slug:slug>/donnees/export/",
            audience=COOPERATIVE_FACILITATORS,
            content_type="application/json",
            build=lambda cooperative: _json(cooperative_data.export(cooperative)),
            filename=lambda cooperative: f"{cooperative.slug}.json",
        ),
        Format(
            name="my_data_download",
            path="comptes/mes-donnees/export/",
            audience=THE_PERSON,
            content_type="application/json",
            build=lambda user: _json(personal_data.personal_data(user)),
            filename=lambda user: "mes-donnees-qvt.json",
        ),
        # The network dashboard's figures (issue 16): the same cell as the page (?filtre=).
        Format(
            name="network_pdf",
            path="reseaux/<slug:slug>/rapport.pdf",
            audience=NETWORK_ADVISERS,
            content_type="application/pdf",
            build=network_files.network_pdf,
            filename=network_files.filename(".pdf"),
        ),
        Format(
            name="network_csv",
            path="reseaux/<slug:slug>/export/chiffres.csv",
            audience=NETWORK_ADVISERS,
            content_type="text/csv; charset=utf-8",
            build=network_files.network_csv,
            filename=network_files.filename(".csv"),
        ),
    ]
}


def content_disposition(filename):
    """`attachment` with the file's name (RFC 6266): an ASCII `filename` every client reads,
    and the exact name as `filename*` (RFC 5987) when it is not plain ASCII."""
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "_", fallback).strip("._") or "fichier"
    value = f'attachment; filename="{fallback}"'
    if fallback != filename:
        value += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return value


def download(name, subject):
    """The response carrying one file of the registry, built for `subject`."""
    fmt = FORMATS[name]
    response = HttpResponse(fmt.build(subject), content_type=fmt.content_type)
    response["Content-Disposition"] = content_disposition(fmt.filename(subject))
    # Results and personal data: no cache or browser history keeps a copy on a shared device.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"  # a browser opens it as what it says it is
    return response
