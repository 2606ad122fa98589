"""End-to-end tests of the HTML report in headless Chromium (Debian's ``chromium``, driven by
Playwright): the page loads from disk with no errors and no network request, every marker opens its
notes, the keyboard works, the entity panel filters mentions, printing hides the controls, and the
hostile fixture runs nothing. A screenshot of the sample report is saved as a test artifact.

Skipped, with the reason, where Playwright or Chromium is missing. ``.ci/run`` installs both and
sets ``CTC_REQUIRE_BROWSER=1``, which turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pipeline.engine.doc_records import pipeline_info, records_for
from pipeline.ingest.read import read_document
from pipeline.report.page import render_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ARTICLE = ROOT / "corpus" / "ctc-sentinel-2013-flood-mali-serval.txt"
ARTIFACTS = Path(os.environ.get("CTC_TEST_ARTIFACTS", ROOT / "test-artifacts"))
CHROMIUM = os.environ.get("CTC_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
# Flags that keep Chromium from phoning home (a closed network refuses it, noisily).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM:
        return "no Chromium executable (install Debian's chromium package, or set CTC_CHROMIUM)"
    return None


if (reason := _missing()) is not None:
    if os.environ.get("CTC_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"browser tests are required here but cannot run: {reason}")
    pytest.skip(reason, allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _write(records: dict, folder: Path, name: str) -> str:
    path = folder / name
    path.write_text(render_report(records), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def sample_url(sample_records, tmp_path_factory) -> str:
    return _write(sample_records, tmp_path_factory.mktemp("report"), "sample.html")


class Watched:
    """A page with everything it logged, threw, requested or popped up."""

    def __init__(self, page: Page):
        self.page, self.errors, self.requests, self.dialogs = page, [], [], []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_(url: str) -> Watched:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        watched = Watched(context.new_page())
        watched.page.goto(url)
        watched.page.wait_for_load_state("load")
        return watched

    yield open_
    for context in contexts:
        context.close()


def test_page_loads_from_disk_with_no_errors_and_no_request(open_page, sample_url):
    watched = open_page(sample_url)
    assert watched.errors == [] and watched.dialogs == []
    assert watched.requests == [sample_url]
    assert watched.page.locator("article .marker").count() == 39


def test_marker_1_shows_its_source_outlet_and_date(open_page, sample_url, sample_records):
    page = open_page(sample_url).page
    source = next(f for f in sample_records["footnote"] if f["n"] == 1)["sources"][0]
    page.locator("article .marker", has_text="[1]").first.click()
    dialog = page.locator("#note-dialog")
    assert dialog.is_visible()
    assert dialog.locator("dd.outlet").first.inner_text() == source["outlet_canonical"]
    assert source["date"] in dialog.locator("dd.date").first.inner_text()


def test_every_marker_opens_the_notes_it_cites(open_page, sample_url, sample_records):
    page = open_page(sample_url).page
    notes = {f["id"].split(":")[1]: f for f in sample_records["footnote"]}
    by_number = {f["n"]: f for f in sample_records["footnote"]}
    markers = sample_records["document"][0]["markers"]
    buttons = page.locator("article .marker")
    assert buttons.count() == len(markers)
    for i, marker in enumerate(markers):
        buttons.nth(i).click()
        shown = [int(n) for n in page.locator("#note-dialog li.note").evaluate_all("els => els.map(e => e.dataset.n)")]
        expected = []
        for n in marker["numbers"]:
            expected.append(n)
            if by_number[n]["refers_to"]:
                expected.append(notes[by_number[n]["refers_to"].split(":")[1]]["n"])
        assert shown == expected, marker
        page.keyboard.press("Escape")
        assert not page.locator("#note-dialog").is_visible()


def test_keyboard_tab_enter_escape(open_page, sample_url):
    page = open_page(sample_url).page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "[1]"
    page.keyboard.press("Enter")
    assert page.locator("#note-dialog").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#note-dialog").is_visible()
    assert page.evaluate("document.activeElement.textContent") == "[1]"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('marker')")


def test_entity_panel_highlights_and_filters_mentions(open_page, sample_url, sample_records):
    page = open_page(sample_url).page
    top = max(sample_records["entity"], key=lambda e: len(e["mentions"]))
    button = page.locator("#entity-list button.entity").first
    assert button.locator(".name").inner_text() == top["canonical"]
    button.click()
    hits = page.locator(".ent.hit")
    assert hits.count() == len(top["mentions"])
    assert page.locator("#entity-status").inner_text().startswith(f"{len(top['mentions'])} mentions of")
    other = page.locator(f".ent[data-entity]:not([data-entity='{top['id'].split(':')[1]}'])").first
    assert other.evaluate("el => getComputedStyle(el).borderBottomColor") == "rgba(0, 0, 0, 0)"
    button.click()
    assert page.locator(".ent.hit").count() == 0

    rare = min(sample_records["entity"], key=lambda e: (len(e["mentions"]), e["canonical"]))
    page.locator("#entity-filter").fill(rare["canonical"])
    visible = page.locator("#entity-list li:visible")
    assert 1 <= visible.count() < len(sample_records["entity"])
    assert rare["canonical"] in visible.all_inner_texts()[0] or any(rare["canonical"] in t for t in visible.all_inner_texts())
    page.locator("#entity-filter").fill("")

    label = top["label"]
    page.locator(f".label-filter[value='{label}']").uncheck()
    assert page.locator(f"#entity-list li[data-label='{label}']:visible").count() == 0
    assert page.locator(f"article .ent-{label}:not(.off)").count() == 0
    assert page.locator("#entity-list li:visible").count() == sum(e["label"] != label for e in sample_records["entity"])


def test_printing_hides_the_controls_and_keeps_the_sources(open_page, sample_url):
    page = open_page(sample_url).page
    page.emulate_media(media="print")
    assert not page.locator("aside#entities").is_visible()
    assert page.locator("article").is_visible() and page.locator("#endnotes li.note").first.is_visible()
    page.emulate_media(media="screen")
    assert page.locator("aside#entities").is_visible()


def test_hostile_article_renders_inertly(open_page, model_nlp, tmp_path):
    source = read_document(ROOT / "tests" / "fixtures" / "injection-article.txt")
    url = _write(records_for(model_nlp(source.text), source, pipeline_info(model_nlp)), tmp_path, "hostile.html")
    watched = open_page(url)
    page = watched.page
    for marker in range(page.locator("article .marker").count()):
        page.locator("article .marker").nth(marker).click()
        page.keyboard.press("Escape")
    assert page.evaluate("window.__pwned") is None
    assert watched.dialogs == [] and watched.errors == [] and watched.requests == [url]
    assert "<script>window.__pwned" in page.locator("article").inner_text()
    assert page.locator("img, iframe").count() == 0


def test_screenshot_of_the_sample_report(open_page, sample_url):
    page = open_page(sample_url).page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report-sample.png"
    page.locator("article .marker", has_text="[1]").first.click()
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_archive_page_loads_links_its_documents_and_stays_inert(open_page, model_nlp, tmp_path):
    from pipeline.engine.batch import run
    from pipeline.report.page import ARCHIVE_PAGE, write_reports

    out = tmp_path / "out"
    run(model_nlp, [ROOT / "tests" / "fixtures" / "injection-article.txt", SAMPLE_ARTICLE], out)
    written = write_reports(out, out / "html")
    url = (out / "html" / ARCHIVE_PAGE).as_uri()
    watched = open_page(url)
    page = watched.page
    assert watched.errors == [] and watched.dialogs == [] and watched.requests == [url]
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img, iframe, script").count() == 0
    links = page.locator("main section:first-of-type tbody a")
    assert links.count() == 2
    assert "<script>window.__pwned" in page.locator("main").inner_text()
    targets = {p.name for p in written[:-1]}
    assert set(links.evaluate_all("els => els.map(e => decodeURIComponent(e.getAttribute('href')))")) == targets
    links.first.click()
    page.wait_for_load_state("load")
    assert page.url.rsplit("/", 1)[-1] in {t.replace(" ", "%20") for t in targets}
    assert page.locator("article .marker").count() > 0
