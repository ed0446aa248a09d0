"""Real-browser fixtures: one Chromium per session, a fresh context (cookies, storage) per
test, axe-core for accessibility, and a record of every request and page error.

Playwright's sync API runs an asyncio loop in the test thread; Django refuses ORM calls from
a thread with a running loop unless told otherwise. The fixtures (users, reference data) run
in that thread, so allow it here, before Django is touched."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("WEERBAAR_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 10_000


def unavailable(reason: str):
    """Skip locally; in CI the browser must run, so a missing piece is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        unavailable(f"Chromium not found at {CHROMIUM}")
    if not AXE.is_file():
        unavailable(f"axe-core not found at {AXE}; run `npm install`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright Python package is not installed")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One browser context and page, with what it requested and which scripts failed."""

    def __init__(self, browser, base_url: str, **context_options):
        self.base_url = base_url
        self.context = browser.new_context(**context_options)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"
        return self.page

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base_url + "/")]

    def close(self):
        self.context.close()


@pytest.fixture
def visit_factory(browser, live_server):
    visits = []

    def make(**context_options):
        context_options.setdefault("locale", "en-US")
        context_options.setdefault("viewport", {"width": 1280, "height": 900})
        v = Visit(browser, live_server.url, **context_options)
        visits.append(v)
        return v

    yield make
    errors = [e for v in visits for e in v.errors]
    for v in visits:
        v.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def visit(visit_factory, reference_data):
    """A fresh context with the default English-US browser locale (the site ignores it)."""
    return visit_factory()


def _describe(violations) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:3]]
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


def _assert_accessible(page, label: str = ""):
    """Run axe-core (WCAG 2.0/2.1 A and AA) and fail on serious or critical violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    if bad:
        where = label or page.url
        pytest.fail(f"axe: {len(bad)} serious/critical violation(s) on {where}:\n{_describe(bad)}")


@pytest.fixture
def assert_accessible():
    """assert_accessible(page, label): axe-core finds no serious or critical violation."""
    return _assert_accessible
