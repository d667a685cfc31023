"""One vocabulary on every page, PDF and CSV (docs/vocabulary.md, issue 15 point 7).

The demo cooperative (seed_demo: two closed sessions with the team's answers and plans, a
follow-up, an open session) is crawled as its facilitator and as a member with a name, following
every link a page offers; every page, the PDF and the CSVs they link to are read as text, and
none may show Django's « --------- » placeholder, the email address of a person who has a
name, an ISO date, or a word that docs/vocabulary.md lists as not to be used (its French list;
the English pages, crawled as the facilitator, its English list).
"""

import ast
import io
import re
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse
from pypdf import PdfReader

from accounts.models import User
from cooperatives.models import Cooperative, Membership
from qvt.management.commands.seed_demo import DEMO_EMAIL, DEMO_SLUG

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ROOT / "docs" / "vocabulary.md"
APPS = ("accounts", "cooperatives", "diagnostics", "fiches", "plans", "networks", "exercises",
        "followup", "reports", "qvt")  # fmt: skip
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}
# A view reached through many links (30 meeting screens, 6 fiches per session…) is read a few
# times, not every time: the words come from its template, the same for every instance.
PER_VIEW = 3
# Pages whose subject is the address itself: the members' list (beside the name) and the
# person's own data.
ADDRESS_PAGES = {"cooperatives:members", "reports:my_data"}
# Views never crawled: leaving, the JSON exports (data, not wording), Django's admin.
SKIPPED = {"reports:my_data_download", "reports:cooperative_export"}
# Dates are « 1 décembre 2026 » in a sentence and 01/12/2026 in a table or a CSV, never ISO.
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def forbidden_words(language):
    """The backticked words of a « Mots à ne pas employer » list of docs/vocabulary.md: the line
    that starts with « FR: » or « EN: »."""
    text = VOCABULARY.read_text(encoding="utf-8")
    section = text.split("## Mots à ne pas employer", 1)[1].split("\n## ", 1)[0]
    line = re.search(rf"^- {language}:(.*(?:\n  .*)*)", section, re.MULTILINE).group(1)
    words = re.findall(r"`([^`]+)`", line)
    assert len(words) >= 3, words  # the list exists and names the synonyms
    return words


class TextAndLinks(HTMLParser):
    """The text a reader sees (and hears: aria-label, alt, title), and the links of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.links, self._hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._hidden += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("aria-label", "alt", "title", "placeholder"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)

    @property
    def text(self):
        return re.sub(r"\s+", " ", " ".join(self.parts))


def view_name(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


@pytest.fixture
def demo(db):
    call_command("seed_demo", password="demo-password-vocabulary")
    cooperative = Cooperative.objects.get(slug=DEMO_SLUG)
    facilitator = User.objects.get(email=DEMO_EMAIL)
    facilitator.last_name = "Martin"
    facilitator.save(update_fields=["last_name"])
    # A member with an account and a name, who also carries an action of the plan.
    member = User.objects.create_user(
        "membre1@demo.coop", "x", first_name="Awa", last_name="Diallo", is_active=True
    )
    membership = Membership.objects.get(cooperative=cooperative, email=member.email)
    membership.user = member
    membership.save(update_fields=["user"])
    closed = cooperative.sessions.filter(status="closed").order_by("-closed_at").first()
    action = closed.actions.first()
    action.owner_membership, action.owner_name = membership, ""
    action.save(update_fields=["owner_membership", "owner_name"])
    return cooperative, facilitator, member


def crawl(client, start):
    """{url: (view name, text)} of every page reachable from `start` by links (GET only)."""
    seen, read, per_view = set(), {}, Counter()
    queue = deque(start)
    while queue:
        url = urldefrag(queue.popleft())[0]
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith("/") or path in seen or path.startswith(("/admin", "/static")):
            continue
        seen.add(path)
        name = view_name(parts.path)
        if name is None or name in SKIPPED or per_view[name] >= PER_VIEW:
            continue
        per_view[name] += 1
        response = client.get(path)
        assert response.status_code < 500, (path, response.status_code)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if kind.startswith("application/pdf"):
            reader = PdfReader(io.BytesIO(response.content))
            text = " ".join(page.extract_text() or "" for page in reader.pages)
        elif kind.startswith("text/csv"):
            text = response.content.decode("utf-8-sig").replace(";", " ; ")
        elif kind.startswith("text/html"):
            parser = TextAndLinks()
            parser.feed(response.content.decode())
            text = parser.text
            queue.extend(parser.links)
        else:
            continue
        read[path] = (name, re.sub(r"\s+", " ", text))
    return read


@pytest.fixture
def pages(demo, client):
    cooperative, facilitator, member = demo
    start = ["/", f"/c/{cooperative.slug}/"]
    read = {}
    for user in (facilitator, member):
        client.force_login(user)
        read[user.email] = crawl(client, start)
        client.logout()
    # Whoever holds a session's join link (no account): its start page and the team's results.
    joins = [reverse("answers:start", args=[s.join_token]) for s in cooperative.sessions.all()]
    joins += [
        reverse("plans:team_results", args=[s.join_token]) for s in cooperative.sessions.all()
    ]
    read["anonymous"] = crawl(client, joins)
    return read


def problems_of(read, named, banned, address_pages=ADDRESS_PAGES):
    problems = []
    for path, (name, text) in read.items():
        if "---------" in text:
            problems.append((path, "« --------- »"))
        for email, full_name in named.items():
            if email in text and name not in address_pages:
                problems.append((path, f"{email} where « {full_name} » is known"))
        lowered = text.lower()
        for word in banned:
            if word.lower() in lowered:
                index = lowered.index(word.lower())
                problems.append((path, f"« {word} »: …{text[index - 40 : index + 40]}…"))
        for date in ISO_DATE.findall(text):
            problems.append((path, f"the date {date} written the ISO way"))
    return problems


@pytest.mark.timeout(300)
def test_no_page_pdf_or_csv_shows_the_placeholder_an_address_for_a_name_or_a_banned_word(
    pages, demo
):
    _cooperative, facilitator, member = demo
    named = {u.email: u.get_full_name() for u in (facilitator, member)}
    banned = forbidden_words("FR")
    problems = []
    for who, read in pages.items():
        views = {name for name, _text in read.values()}
        # The crawl reached the pages that matter, the files included.
        expected = {"plans:results", "plans:plan", "followup:dashboard", "plans:summary"}
        if who == facilitator.email:
            expected |= {
                "reports:pdf", "reports:paper_quiz", "reports:results_csv", "reports:plan_csv",
                "plans:consolidate",
                "followup:compare", "plans:action_edit", "diagnostics:session_edit",
            }  # fmt: skip
        if who == "anonymous":
            expected = {"answers:start", "plans:team_results"}
        assert expected <= views, (who, expected - views)
        problems += [(who, *problem) for problem in problems_of(read, named, banned)]
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.timeout(300)
def test_the_english_pages_use_the_english_vocabulary(demo, client):
    cooperative, facilitator, member = demo
    client.force_login(facilitator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    read = crawl(client, ["/", f"/c/{cooperative.slug}/"])
    assert "Average of the answers" in read[f"/c/{cooperative.slug}/"][1]  # English indeed
    named = {u.email: u.get_full_name() for u in (facilitator, member)}
    problems = problems_of(read, named, forbidden_words("EN"))
    assert not problems, "\n".join(map(str, problems))


def test_the_members_page_gives_the_name_beside_the_address(demo, client):
    cooperative, facilitator, member = demo
    client.force_login(facilitator)
    parser = TextAndLinks()
    parser.feed(client.get(f"/c/{cooperative.slug}/membres/").content.decode())
    assert "Awa Diallo" in parser.text and member.email in parser.text


def gettext_strings(path):
    """The literal strings given to gettext and its friends in one Python file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT:
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield arg.value


def test_no_template_or_translatable_string_uses_a_banned_word():
    """The pages the crawl cannot reach (emails, error pages, forms' error messages) too."""
    banned = [word.lower() for word in forbidden_words("FR")]
    sources = {}
    for path in (ROOT / "templates").rglob("*"):
        if path.suffix in (".html", ".txt"):
            sources[path] = path.read_text(encoding="utf-8")
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                sources[path] = "\n".join(gettext_strings(path))
    assert len(sources) > 200  # the templates and the apps were found
    found = [
        (str(path.relative_to(ROOT)), word)
        for path, text in sources.items()
        for word in banned
        if word in text.lower()
    ]
    assert not found
