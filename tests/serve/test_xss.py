"""Hostile articles ingested through the API render inert: no script runs, no dialog opens, no live link."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page
from serverkit import Running

PAYLOAD = "window.__pwned = (window.__pwned || 0) + 1; alert('pwned')"
HOSTILE_TEXT = (
    f"Officials said on Tuesday <script>{PAYLOAD}</script> that the harbour bridge in Ostrava reopened.\n\n"
    f'Engineers <img src=x onerror="{PAYLOAD}"> inspected the cables '
    f'<svg onload="{PAYLOAD}"></svg> overnight.\n\n'
    f'<a href="javascript:{PAYLOAD}">Read more</a> and </textarea></title><script>{PAYLOAD}</script>.\n\n'
    f'"><iframe srcdoc="<script>parent.{PAYLOAD}</script>"></iframe> the mayor\'s office said.'
)
HOSTILE_PAGE = (
    "<html><head><title>Bridge <script>" + PAYLOAD + "</script> reopens</title></head><body><article>"
    '<h1>Ostrava bridge reopens after <img src=x onerror="' + PAYLOAD + '"> repairs</h1>'
    "<p>The harbour bridge in Ostrava reopened on Tuesday after engineers finished replacing its cables, "
    "the city said. <script>" + PAYLOAD + "</script></p>"
    '<p>Traffic resumed at noon <a href="javascript:' + PAYLOAD + '">details</a> and the mayor thanked '
    "the crews who had worked through the weekend.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def hostile(served: Running) -> list[str]:
    """Ingest the hostile articles (plain text with markup in every field, and an HTML page)."""
    articles = [
        {
            "text": HOSTILE_TEXT,
            "title": f'<script>{PAYLOAD}</script><img src=x onerror="{PAYLOAD}">',
            "source": f'"><svg onload="{PAYLOAD}">',
            "url": f"javascript:{PAYLOAD}",
            "published": "2024-03-05",
        },
        {
            "text": HOSTILE_PAGE,
            "form": "html",
            "url": "https://example.org/bridge",
            "source": "Example Daily",
        },
    ]
    body = httpx.post(f"{served.url}/api/articles", json={"articles": articles}, timeout=300).json()
    assert body["read"] == 2 and len(body["articles"]) == 2, body
    return body["articles"]


def _inert(page: Page) -> None:
    """No payload ran, no markup from an article became an element, no javascript: link exists."""
    assert page.evaluate("window.__pwned") is None
    assert page.locator("iframe, img, object, embed").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("script").count() == 1  # the app's own /static/app.js
    assert page.locator("script").first.get_attribute("src") == "/static/app.js"


def test_hostile_articles_render_as_text(page: Page, served: Running, hostile: list[str]) -> None:
    text_id, page_id = hostile
    page.goto(f"{served.url}/articles/{text_id}?start=0&end=40")
    _inert(page)
    body = page.locator("article.reader .body").inner_text()
    assert "<script>" in body and "onerror=" in body  # shown to the reader as text
    assert "javascript:" in page.locator("dl.meta").inner_text()
    page.goto(f"{served.url}/articles/{page_id}")
    _inert(page)
    page.goto(f"{served.url}/compare?a={text_id}&b={page_id}")
    _inert(page)


def test_hostile_articles_stay_inert_in_lists_search_and_stories(
    page: Page, served: Running, hostile: list[str]
) -> None:
    page.goto(f"{served.url}/?q=Ostrava")
    _inert(page)
    stories = page.locator("a.story-link")
    assert stories.count() >= 1
    for href in [stories.nth(i).get_attribute("href") for i in range(stories.count())]:
        page.goto(f"{served.url}{href}")
        _inert(page)
    page.goto(
        f"{served.url}/?q=" + httpx.URL("", params={"x": f"<script>{PAYLOAD}</script>"}).query.decode()[2:]
    )
    _inert(page)


def test_csp_blocks_inline_scripts_even_if_markup_slipped_through(page: Page, served: Running) -> None:
    """Defence in depth: the policy itself forbids inline script, checked on a page the server sends."""
    response = page.goto(f"{served.url}/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = "window.__pwned = 1"; document.body.appendChild(s); }""")
    assert page.evaluate("window.__pwned") is None
