"""A real uvicorn server on 127.0.0.1 (a free port) over a tmp SQLite file, once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from serverkit import CHROMIUM, CHROMIUM_ARGS, Running, start, stop, upload_seeds


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A server over a store holding the seeds, loaded through the API."""
    running = start(tmp_path_factory.mktemp("serve") / "serve.db")
    try:
        running_ingest = upload_seeds(running.url)
        assert running_ingest["read"] == 5
        yield running
    finally:
        stop(running)


@pytest.fixture(scope="session")
def seeded(served: Running) -> dict:
    """Ids the tests navigate by: the seeds by file prefix ("000".."004") and the story holding 000."""
    client = httpx.Client(base_url=served.url, timeout=60)
    ids, stories = {}, {}
    for item in client.get("/api/articles", params={"limit": 100}).json()["items"]:
        detail = client.get(f"/api/articles/{item['id']}").json()
        prefix = Path(detail["article"]["origin"].split("#")[0]).name[:3]
        ids[prefix], stories[prefix] = item["id"], detail["stories"]
    assert all(len(held) == 1 for held in stories.values()), f"each seed is in one story: {stories}"
    return {"articles": ids, "story": stories["000"][0], "story_of": {k: v[0] for k, v in stories.items()}}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (it never downloads a browser)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab on a laptop-sized screen that fails the test on any page error or dialog."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield tab
    context.close()
    assert not problems, problems
