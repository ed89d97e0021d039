"""The web pages in headless Chromium (Debian's /usr/bin/chromium driven by Playwright): the
explorer's filters, charts and URL, the reader, "Try it", and hostile article text that must
render as inert text. Set EVENTWIRE_SCREENSHOTS=docs/screenshots to refresh the README's images."""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from .test_serve_support import HOSTILE, HOSTILE_REF, Served, server

CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Offline and quiet: nothing may reach the network, nothing is updated in the background.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install -y chromium (or set EVENTWIRE_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (no browser download needed)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def served() -> Served:
    return server()


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.problems = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.problems.append(f"page error: {exc}"))
    # console errors (a CSP violation, say), except the HTTP errors some tests cause on purpose
    page.on("console", lambda msg: msg.type == "error" and not msg.text.startswith("Failed to load resource")
            and page.problems.append(f"console: {msg.text}"))
    page.on("dialog", lambda dialog: (page.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    # everything must come from our own server: any other request is a failure
    page.route(lambda url: not url.startswith(served.base) and not url.startswith("data:"),
               lambda route: (page.problems.append(f"outside request: {route.request.url}"), route.abort()))
    yield page
    context.close()


def _shot(page: Any, name: str, height: int = 1000) -> None:
    folder = os.environ.get("EVENTWIRE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1400, "height": height})
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _explorer(page: Any, served: Served, query: str = "") -> None:
    page.goto(f"{served.base}/{query}")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)


def _query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_explorer_draws_every_view(page: Any, served: Served) -> None:
    _explorer(page, served)
    total = served.json("/api/v1/events?limit=1")["total"]
    assert page.locator("#summary").inner_text().startswith(f"{total} events")
    assert page.locator("#events tbody tr").count() == min(total, 50)
    assert page.locator("#timeline svg .bar").count() > 0
    assert page.locator("#map svg .cluster").count() > 0
    assert page.locator("#network svg .node").count() > 1
    assert page.locator("#network svg .edge").count() > 0
    if page.locator("#map-missing").count() == 0:
        assert page.locator("#map svg path.country").count() > 100  # the Natural Earth outline
    _shot(page, "explorer", height=1400)
    assert page.problems == []


def test_filters_live_in_the_url(page: Any, served: Served) -> None:
    _explorer(page, served)
    page.fill("input[name=actor]", "TUR")
    page.check("input[name=quad][value='4']")
    page.click("#apply")
    page.wait_for_selector("body[data-ready=true]")
    assert _query(page) == {"actor": ["TUR"], "quad": ["4"]}
    expected = served.json("/api/v1/events?actor=TUR&quad=4&limit=1")["total"]
    assert page.locator("#summary").inner_text().startswith(f"{expected} events")
    badges = page.locator("#events tbody .badge").all_inner_texts()
    assert badges and all(b.split()[0][:2] >= "14" for b in badges)  # CAMEO roots of quad class 4
    link = urlparse(page.locator("#export-links a", has_text="csv").get_attribute("href"))
    status, _, body = served.get(f"{link.path}?{link.query}")
    assert status == 200 and parse_qs(link.query)["quad"] == ["4"]
    assert len(list(csv.DictReader(io.StringIO(body.decode("utf-8"))))) == expected  # the filter's rows
    shared = page.url
    page.goto(shared)  # a shared link opens the same view
    page.wait_for_selector("body[data-ready=true]")
    assert page.input_value("input[name=actor]") == "TUR"
    assert page.is_checked("input[name=quad][value='4']")
    page.go_back()
    page.wait_for_selector("body[data-ready=true]")
    assert page.problems == []


def test_network_map_and_timeline_clicks_filter(page: Any, served: Served) -> None:
    _explorer(page, served)
    node = page.locator("#network svg .node").first
    actor = node.get_attribute("data-actor")
    node.click()
    page.wait_for_selector("body[data-ready=true]")
    assert _query(page)["actor"] == [actor]
    assert served.json(f"/api/v1/events?actor={actor}&limit=1")["total"] > 0
    page.click("#reset")
    page.wait_for_selector("body[data-ready=true]")
    page.locator("#timeline svg .bar").first.dispatch_event("click")
    page.wait_for_selector("body[data-ready=true]")
    query = _query(page)
    assert query["since"][0] <= query["until"][0]
    page.click("#reset")
    page.wait_for_selector("body[data-ready=true]")
    page.locator("#map svg .cluster").first.dispatch_event("click")
    page.wait_for_selector("body[data-ready=true]")
    assert "near" in _query(page) and "km" in _query(page)
    assert page.locator("#events tbody tr td.day").count() > 0
    assert page.problems == []


def test_event_row_opens_the_highlighted_sentence(page: Any, served: Served) -> None:
    _explorer(page, served, "?quad=4")
    first = page.locator("#events tbody tr").first
    sentence = first.locator("td.evidence").inner_text()
    first.locator("a.read").click()
    page.wait_for_selector("#article[data-ready=true]")
    assert "#event-" in page.url
    current = page.locator("#article-body .hl-event.current")
    assert current.count() > 0
    highlighted = "".join(current.all_inner_texts())
    assert highlighted.split()[:4] == sentence.split()[:4]
    assert page.locator(".event-item.current").count() == 1
    other_id = page.locator(".event-item:not(.current)").first.get_attribute("id")
    page.click(f"#{other_id}")
    assert page.locator(".event-item.current").get_attribute("id") == other_id
    assert page.url.endswith(f"#{other_id}")
    _shot(page, "reader")
    assert page.problems == []


def test_reader_keeps_captions_apart(page: Any, served: Served) -> None:
    articles = served.json("/api/v1/articles?limit=100")["articles"]
    with_captions = [a for a in articles if served.json(f"/api/v1/articles/{a['id']}")["captions"]]
    assert with_captions, "the samples have captioned articles"
    article = served.json(f"/api/v1/articles/{with_captions[0]['id']}")
    page.goto(f"{served.base}/articles/{article['id']}")
    page.wait_for_selector("#article[data-ready=true]")
    assert page.locator("#captions li").all_inner_texts() == list(article["captions"])
    body = page.locator("#article-body").inner_text()
    assert all(c not in body for c in article["captions"])
    assert page.locator("#event-list .event-item").count() == len(article["events"])
    for kind in ("actor", "place", "event"):
        assert page.locator(f"#article-body .hl-{kind}").count() > 0, kind


def test_hostile_article_renders_as_inert_text(page: Any, served: Served) -> None:
    listing = served.json("/api/v1/articles?limit=100")["articles"]
    article_id = next(a["id"] for a in listing if a["ref"] == HOSTILE_REF)
    page.goto(f"{served.base}/articles/{article_id}")
    page.wait_for_selector("#article[data-ready=true]")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#article-headline").inner_text() == HOSTILE["headline"]
    body = page.locator("#article-body").inner_text()
    assert "<script>window.__pwned = 1; alert('script')</script>" in body
    assert '<img src=x onerror="window.__pwned=3">' in body
    assert page.locator("#article img, #article script, #article b").count() == 0
    assert page.locator("#article-link").count() == 0  # a javascript: URL is never a link
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert all(h.startswith(served.base) for h in hrefs)
    assert HOSTILE["source"] in page.locator(".meta").inner_text()
    # the same article in the explorer's table
    _explorer(page, served, f"?actor={'Turkish forces'}")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


def test_try_it_renders_an_extraction(page: Any, served: Served) -> None:
    page.goto(f"{served.base}/try")
    text = ("Russian forces shelled the city of Kharkiv on Monday, Ukrainian officials said.\n\n"
            "<img src=x onerror=\"window.__pwned=7\"> Protesters marched in Kyiv.")
    page.fill("#try-text", text)
    page.fill("#try-published", "2022-03-07")
    page.click("#try-submit")
    page.wait_for_selector("#try-result[data-ready=true]", timeout=60_000)
    assert page.locator("#try-result .event-item").count() > 0
    assert page.locator("#try-result .hl-event").count() > 0
    assert '<img src=x onerror="window.__pwned=7">' in page.locator("#article-body").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


def test_map_without_the_outline_says_so(page: Any, served: Served) -> None:
    page.route("**/world-atlas/**", lambda route: route.fulfill(status=404, body="{}"))
    _explorer(page, served)
    assert "not installed" in page.locator("#map-missing").inner_text()
    assert page.locator("#map svg .cluster").count() > 0
    assert page.problems == []


def test_busy_database_shows_a_banner_then_recovers(page: Any, served: Served) -> None:
    from eventwire.store import Store

    writer = Store(served.db)
    try:
        page.goto(f"{served.base}/")
        page.wait_for_selector("body[data-ready=error]")
        assert "being written by an ingest" in page.locator("#banner").inner_text()
    finally:
        writer.close()
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)  # it retries by itself
    assert page.locator("#banner").is_hidden()


def test_unknown_article_page_says_so(page: Any, served: Served) -> None:
    page.goto(f"{served.base}/articles/0000000000000000")
    page.wait_for_selector("#article[data-ready=error]")
    assert "no article with id" in page.locator("#error").inner_text()
    assert page.problems == []


def test_reader_links_back_to_its_events_in_the_explorer(page: Any, served: Served) -> None:
    listing = served.json("/api/v1/articles?limit=100")["articles"]
    article = max(listing, key=lambda a: a["n_events"])
    page.goto(f"{served.base}/articles/{article['id']}")
    page.wait_for_selector("#article[data-ready=true]")
    page.click("#in-explorer")
    page.wait_for_selector("body[data-ready=true]")
    assert _query(page) == {"article": [article["id"]]}
    assert page.locator("#summary").inner_text().startswith(f"{article['n_events']} events")
    page.fill("input[name=type]", "")
    page.click("#apply")  # the form keeps the article filter it does not show
    page.wait_for_selector("body[data-ready=true]")
    assert _query(page) == {"article": [article["id"]]}
    page.click("#summary .chip")
    page.wait_for_selector("body[data-ready=true]")
    assert "article" not in _query(page)
    assert page.problems == []


def test_charts_work_from_the_keyboard(page: Any, served: Served) -> None:
    _explorer(page, served)
    node = page.locator("#network svg .node").first
    actor = node.get_attribute("data-actor")
    node.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("body[data-ready=true]")
    assert _query(page)["actor"] == [actor]
    assert page.problems == []
