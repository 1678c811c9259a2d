"""The web UI in headless Chromium: story list, story, a citation landing on its span, compare, search."""

from __future__ import annotations

import httpx
from playwright.sync_api import Browser, Page, expect
from serverkit import SCREENSHOTS, Running


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_story_list_to_story_to_cited_span(page: Page, served: Running, seeded: dict) -> None:
    page.goto(f"{served.url}/")
    card = page.locator(".story-card", has=page.locator(f'a[href="/stories/{seeded["story"]}"]'))
    expect(card).to_be_visible()
    expect(card.locator(".count").first).to_contain_text("article")
    card.locator("a.story-link").click()
    expect(page).to_have_url(f"{served.url}/stories/{seeded['story']}")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".family").first).to_be_visible()
    _shot(page, "story")

    citation = page.locator(".summary a.cite, .facts a.cite").first
    href = citation.get_attribute("href")
    citation.click()
    page.wait_for_url("**#cite")
    mark = page.locator("#cite")
    expect(mark).to_be_in_viewport()
    article_id = href.split("/articles/")[1].split("?")[0]
    query = dict(part.split("=") for part in href.split("?")[1].split("#")[0].split("&"))
    text = httpx.get(f"{served.url}/api/articles/{article_id}").json()["article"]["text"]
    cited = text[int(query["start"]) : int(query["end"])]
    assert "".join(page.locator("mark.m-cite").all_inner_texts()).split() == cited.split()


def test_compare_view_shows_aligned_passages(page: Page, served: Running, seeded: dict) -> None:
    a, b = seeded["articles"]["000"], seeded["articles"]["001"]
    page.goto(f"{served.url}/compare?a={a}&b={b}")
    expect(page.locator(".verdict .kind")).not_to_have_text("Not copies")
    left = page.locator(".side").nth(0).locator("mark.m-pair")
    right = page.locator(".side").nth(1).locator("mark.m-pair")
    expect(left.first).to_be_visible()
    expect(right.first).to_be_visible()
    pair = left.first.get_attribute("data-pair")
    assert page.locator(f'.side >> nth=1 >> mark[data-pair="{pair}"]').count() >= 1
    left.first.hover()
    expect(page.locator(f'mark.active[data-pair="{pair}"]').first).to_be_visible()
    _shot(page, "compare")


def test_search_finds_the_story(page: Page, served: Running, seeded: dict) -> None:
    page.goto(f"{served.url}/")
    page.fill("#top-q", "Stoltenberg")
    page.press("#top-q", "Enter")
    page.wait_for_url("**/?q=Stoltenberg*")
    links = page.locator("a.story-link")
    expect(links.first).to_be_visible()
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert hrefs == {f"/stories/{seeded['story_of'][k]}" for k in ("003", "004")}
    page.goto(f"{served.url}/?q=zzznothing")
    expect(page.locator(".empty")).to_contain_text("No story matches")


def test_article_page_greys_removed_boilerplate_with_reason(
    page: Page, served: Running, seeded: dict
) -> None:
    page.goto(f"{served.url}/articles/{seeded['articles']['003']}")
    removed = page.locator("pre.raw mark.m-removed")
    expect(removed.first).to_be_visible()
    reasons = {removed.nth(i).get_attribute("title") for i in range(removed.count())}
    assert "banner" in reasons and "donation-appeal" in reasons
    assert "Support The Moscow Times!" not in page.locator("article.reader .body").inner_text()
    color = removed.first.evaluate("el => getComputedStyle(el).color")
    assert color != page.locator("article.reader .body p").first.evaluate("el => getComputedStyle(el).color")


def test_story_page_reads_on_a_phone(browser: Browser, served: Running, seeded: dict) -> None:
    phone = {"width": 390, "height": 844}
    context = browser.new_context(viewport=phone, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(f"{served.url}/stories/{seeded['story']}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
    _shot(page, "story-phone")
    context.close()
