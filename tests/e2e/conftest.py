"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

- `/usr/bin/chromium` is launched directly (Playwright's own browser downloads are not used);
  without it every browser test is skipped with a message saying so (visible with -rs).
- Contexts speak French by default (`locale="fr-FR"`, as a French phone would): without it
  Chromium sends `Accept-Language: en-US` and LocaleMiddleware answers in English.
- axe-core (vendored in tests/e2e/vendor, MPL-2.0) is injected as an init script: that path is
  not subject to the app's Content-Security-Policy, which stays enforced for the app itself.
- Screenshots of each journey's last page go to test-artifacts/ (ignored by git).
"""

import json
import os
import re
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": LAUNCH_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {
        **browser_context_args,
        "locale": "fr-FR",
        "base_url": live_server.url,
        "viewport": DESKTOP,
    }


@pytest.fixture
def browser_context_args_for(browser_context_args):
    """Context options with some replaced (pytest-playwright refuses duplicate keywords)."""

    def build(**overrides):
        return {**browser_context_args, **overrides}

    return build


@pytest.fixture
def open_context(browser, browser_context_args_for):
    """open_context(**options) → a new context with axe injected; all closed after the test,
    each even when closing another fails (closing one twice is harmless).

    Tests end a visit by closing its context, never a page halfway through a flow (see
    test_journeys.leave_and_come_back). Every wait is bounded: actions and navigations by the
    default timeout below, `expect` by its own 5 s, the rest by pytest-timeout."""
    with ExitStack() as closing:

        def open_(**overrides):
            context = browser.new_context(**browser_context_args_for(**overrides))
            closing.callback(context.close)
            context.set_default_timeout(10_000)
            if overrides.get("java_script_enabled", True):
                context.add_init_script(path=str(AXE_SCRIPT))
            return context

        yield open_


@pytest.fixture
def context(open_context):
    return open_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# -- Accessibility -----------------------------------------------------------------------------

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html,
                                summary: n.failureSummary})),
  }));
}"""


def axe_violations(page):
    """WCAG 2.1 A/AA violations of impact serious or critical on the current page."""
    violations = page.evaluate(AXE_RUN, WCAG_TAGS)
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def format_violations(url, violations):
    lines = [f"axe-core: {len(violations)} serious/critical WCAG 2.1 AA violation(s) on {url}"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    at {node['target']}")
            lines.append(f"       {node['html'][:200]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"       {detail}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


# Headings that people can reach (display: none and [hidden] ones have no box).
HEADINGS = """() => Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
  .filter((h) => h.getClientRects().length > 0)
  .map((h) => [Number(h.tagName[1]), h.textContent.trim().replace(/\\s+/g, " ").slice(0, 60)])"""


def heading_problems(headings):
    """One h1, and no level skipped on the way down (h2 → h4); going back up is fine."""
    problems = []
    if [level for level, _text in headings].count(1) != 1:
        problems.append(f"{[level for level, _ in headings].count(1)} h1 instead of one")
    previous = 0
    for level, text in headings:
        if level > previous + 1:
            problems.append(f"h{level} « {text} » follows h{previous}")
        previous = level
    return problems


class A11yAudit:
    """Audits every distinct page of a journey: axe-core (WCAG 2.1 A/AA, serious and critical),
    the page's language and its heading outline. The same page for the next member is not audited
    again (same template, same content). Problems of all pages are collected, so that one run
    lists every page to fix."""

    TOKEN = re.compile(r"/(repondre|invitation)/[^/]+/")

    def __init__(self, lang="fr"):
        self.lang = lang
        self.seen = set()
        self.problems = []
        self.audited = []

    def key(self, page):
        path = page.url.split("?")[0].split("#")[0]
        path = self.TOKEN.sub(r"/\1/<token>/", path)
        return re.sub(r"/\d+/", "/<n>/", path) if "/repondre/" not in path else path

    def check(self, page, state=""):
        """Audit the page unless already done; `state` tells apart two states of one URL."""
        key = f"{self.key(page)} {state}".strip()
        if key in self.seen:
            return
        self.seen.add(key)
        self.audited.append(key)
        page.wait_for_load_state("load")
        problems = []
        lang = page.evaluate("document.documentElement.lang")
        if lang != self.lang:
            problems.append(f"<html lang={lang!r}>, expected {self.lang!r}")
        problems += heading_problems(page.evaluate(HEADINGS))
        violations = axe_violations(page)
        if violations:
            problems.append(format_violations(page.url, violations))
        if problems:
            self.problems.append(f"{page.url}:\n" + "\n".join(problems))

    def assert_clean(self):
        assert self.audited, "no page was audited"
        assert not self.problems, "\n\n".join(self.problems)


@pytest.fixture
def a11y():
    return A11yAudit()


def radar_data(page):
    return json.loads(page.locator("#radar-data").text_content())
