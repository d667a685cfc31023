"""The facilitator's deliverable: the session's report as an A4 PDF, drawn by WeasyPrint.

WeasyPrint fetches every URL the HTML or CSS names (stylesheets, fonts, images, attachments).
User text is escaped by the template, and on top of that the fetcher below only serves the app's
own static files and `data:` URIs, so no text can make the server read a local file or call a
host. WeasyPrint is imported here only: the registry (reports/registry.py) imports this module
when a PDF is asked for, so ordinary pages do not pay its import time.
"""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from exercises import report as exercises_report
from plans import guide
from plans.services import actions_of, plan_by_theme
from plans.summary import summary_of
from reports import followup_chapter

# The base URL of the rendered HTML. ".invalid" is reserved (RFC 2606): the name never resolves,
# it only tells the fetcher "this is one of our static files".
PDF_HOST = "qvt-pdf.invalid"
PDF_BASE_URL = f"https://{PDF_HOST}/"


def static_prefix():
    path = urlsplit(settings.STATIC_URL).path
    return "/" + path.strip("/") + "/"


def static_file_for(url):
    """The local file of one of the app's static URLs, or None for anything else."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != PDF_HOST or parts.query or parts.fragment:
        return None
    prefix = static_prefix()
    if not parts.path.startswith(prefix):
        return None
    relative = unquote(parts.path[len(prefix) :])  # "%2e%2e/" must not slip past the checks
    if not relative or "\\" in relative or "\x00" in relative:
        return None
    normal = posixpath.normpath(relative)
    if normal.startswith(("/", "../")) or normal in (".", ".."):
        return None
    try:
        found = finders.find(normal)  # the source files (development, tests)
    except SuspiciousFileOperation:
        return None
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT).resolve()  # collected files, with hashed names in production
    candidate = (root / normal).resolve()
    if candidate.is_relative_to(root) and candidate.is_file():
        return candidate
    return None


class StaticOnlyURLFetcher(URLFetcher):
    """Serves the app's static files and `data:` URIs; refuses every other URL.

    `requested`, `served` and `refused` record every URL WeasyPrint asked for, for tests and logs.
    """

    def __init__(self):
        # The parent only ever sees `data:` URLs (see fetch), and refuses any other protocol.
        super().__init__(timeout=2, allowed_protocols=("data",), allow_redirects=False)
        self.requested, self.served, self.refused = [], [], []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        if url[:5].lower() == "data:":
            self.served.append(url)
            return super().fetch(url, headers)
        path = static_file_for(url)
        if path is None:
            self.refused.append(url)
            # WeasyPrint catches this, logs a warning and renders without the resource.
            raise ValueError(f"URL refused by the PDF fetcher: {url[:200]}")
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def report_context(session, analysis):
    actions = list(actions_of(session))
    # Page 1 is the compte rendu; the priorities chapter details the same themes, the team's
    # chosen ones (or the proposed ones while it has chosen none: plans.priorities.decide).
    summary = summary_of(session, analysis, actions)
    priorities = [(t, guide.fiche_guide(t.theme.fiche_number)) for t in summary.decision]
    return {
        "cooperative": session.cooperative,
        "session": session,
        "analysis": analysis,
        "summary": summary,
        "radar_svg": analysis.radar_svg,
        "priorities": priorities,
        "five_steps": guide.five_steps(),
        "plan": [(t, items) for t, items in plan_by_theme(analysis, actions) if items],
        "action_count": len(actions),
        "generated_at": timezone.localtime(),
        # A follow-up session: comparison with the previous one and its plan's review (issue 9).
        **followup_chapter.pdf_context(session, analysis),
        # The guide's exercises the team filled (issue 17): {} when none, then no chapter.
        **exercises_report.chapter(session.cooperative),
    }


def render_html(session, analysis):
    return render_to_string("reports/pdf/report.html", report_context(session, analysis))


def render_pdf(html, fetcher=None):
    fetcher = fetcher or StaticOnlyURLFetcher()
    # Tagged PDF: headings, tables and reading order reach screen readers (the AG document).
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(pdf_tags=True)


def report_pdf(session, analysis, fetcher=None):
    """The report of a session whose results are visible, as PDF bytes."""
    return render_pdf(render_html(session, analysis), fetcher)
