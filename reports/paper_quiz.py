"""The paper quiz (issue 15): the guide's 30 statements on A4, three boxes each, for the people
who answer on paper. The facilitator prints it, collects the sheets folded, and types each one in
on the tally page (diagnostics.paper_sheets).

It carries the session's title and short code (so a sheet is entered in the right session) and,
for those who would rather answer on a phone, the join link as a QR code and the address where
the short code is typed. No name, no number per sheet: every printed sheet is the same, so a
sheet handed in says nothing of who filled it.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cooperatives.qr import qr_svg, short_code
from diagnostics import quiz


@dataclass(frozen=True)
class PaperQuiz:
    """What the printed quiz is made of: the session and the addresses of its answer pages."""

    session: object
    join_url: str
    code_url: str


def paper_context(subject):
    session = subject.session
    return {
        "session": session,
        "cooperative": session.cooperative,
        "themes": quiz.questionnaire_themes(session.questionnaire_id),
        "short_code": short_code(session.join_key),
        "join_url": subject.join_url,
        "code_url": subject.code_url,
        "qr": qr_svg(subject.join_url, _("Lien de la session")),
    }


def paper_quiz_pdf(subject, fetcher=None):
    from reports import pdf  # WeasyPrint: imported only when a PDF is asked for

    html = render_to_string("reports/pdf/paper_quiz.html", paper_context(subject))
    return pdf.render_pdf(html, fetcher)
