"""The cooperative's « charte des usages numériques » (exercises, FICHE 6) as a PDF, drawn by the
same renderer and URL fetcher as the report (reports.pdf): only static files and data: URIs."""

from django.template.loader import render_to_string
from django.utils import timezone

from exercises.report import charter_context
from reports import pdf


def charter_pdf(charter):
    html = render_to_string(
        "reports/pdf/charter.html",
        {
            "cooperative": charter.cooperative,
            "generated_at": timezone.localtime(),
            **charter_context(charter),
        },
    )
    return pdf.render_pdf(html)
