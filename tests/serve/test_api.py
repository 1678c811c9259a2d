"""The JSON API against a real server on 127.0.0.1: every endpoint, bad input, unknown ids, size limits."""

from __future__ import annotations

import gzip

import httpx
import pytest
from serverkit import TEST_CONFIG, Running, upload_seeds


@pytest.fixture(scope="module")
def client(served: Running) -> httpx.Client:
    with httpx.Client(base_url=served.url, timeout=120) as client:
        yield client


def _alive(client: httpx.Client) -> None:
    assert client.get("/api/health").json()["status"] == "ok"


def test_seeds_are_stored_and_searchable(client: httpx.Client, seeded: dict) -> None:
    assert sorted(seeded["articles"]) == ["000", "001", "002", "003", "004"]
    assert client.get("/api/health").json()["articles"] == 5
    hits = client.get("/api/articles", params={"q": "Stoltenberg"}).json()["items"]
    assert {h["id"] for h in hits} == {seeded["articles"]["003"], seeded["articles"]["004"]}


def test_article_has_raw_original_and_removed_spans(client: httpx.Client, seeded: dict) -> None:
    body = client.get(f"/api/articles/{seeded['articles']['003']}").json()
    article = body["article"]
    reasons = {r["reason"] for r in article["removed"]}
    assert (
        "Support The Moscow Times!" in article["raw"] and "Support The Moscow Times!" not in article["text"]
    )
    assert "banner" in reasons
    for removal in article["removed"]:
        assert article["raw"][removal["start"] : removal["end"]] == removal["text"]


def test_reingesting_the_same_article_is_a_no_op(client: httpx.Client, served: Running, seeded: dict) -> None:
    again = upload_seeds(served.url)
    assert again["stored"] == 0 and again["skipped"] == 5
    assert client.get("/api/health").json()["articles"] == 5


def _story_ids(client: httpx.Client, **params: str) -> set[str]:
    page = client.get("/api/stories", params={"limit": 100, **params}).json()
    assert page["total"] == len(page["items"])
    return {item["story"]["id"] for item in page["items"]}


def test_story_list_is_newest_first_with_counts(client: httpx.Client, seeded: dict) -> None:
    page = client.get("/api/stories", params={"limit": 100}).json()
    lasts = [item["story"]["last"] or "" for item in page["items"]]
    assert lasts == sorted(lasts, reverse=True)
    mine = next(i for i in page["items"] if i["story"]["id"] == seeded["story"])
    assert {seeded["articles"]["000"], seeded["articles"]["001"]} <= set(mine["story"]["articles"])
    assert mine["articles"] == len(mine["story"]["articles"])
    assert mine["independent_sources"] == len(mine["story"]["families"]) < mine["articles"] + 1
    two = client.get("/api/stories", params={"limit": 2}).json()
    assert len(two["items"]) == min(2, page["total"]) and two["total"] == page["total"]
    beyond = client.get("/api/stories", params={"offset": page["total"], "limit": 5}).json()
    assert beyond["items"] == [] and beyond["limit"] == 5


def test_story_search_and_filters(client: httpx.Client, seeded: dict) -> None:
    everything = client.get("/api/stories", params={"limit": 100}).json()["items"]
    hits = {
        a["id"] for a in client.get("/api/articles", params={"q": "Kuleba", "limit": 100}).json()["items"]
    }
    expected = {i["story"]["id"] for i in everything if hits & set(i["story"]["articles"])}
    assert seeded["story"] in expected
    assert _story_ids(client, q="Kuleba") == expected
    assert _story_ids(client, q="zzzunknownword") == set()
    assert _story_ids(client, source="moscow times") == {seeded["story_of"]["003"]}
    assert _story_ids(client, source="no such outlet") == set()
    assert seeded["story"] in _story_ids(client, since="2022-02-15", until="2022-02-15")
    assert not set(seeded["story_of"].values()) & _story_ids(client, since="2023-01-01")
    assert not set(seeded["story_of"].values()) & _story_ids(client, until="2022-02-14")


def test_story_detail_has_its_articles_families_and_brief(client: httpx.Client, seeded: dict) -> None:
    body = client.get(f"/api/stories/{seeded['story']}").json()
    assert body["story"]["id"] == seeded["story"]
    assert [a["id"] for a in body["articles"]] == body["story"]["articles"]
    assert {f["id"] for f in body["families"]} == set(body["story"]["families"])
    assert body["independent_sources"] == len(body["story"]["families"])
    assert body["brief"] is not None and body["brief"]["summary"]
    for line in body["brief"]["summary"]:
        assert line["cites"]


def test_compare_names_the_copy_kind_with_oriented_passages(client: httpx.Client, seeded: dict) -> None:
    a, b = seeded["articles"]["000"], seeded["articles"]["001"]
    body = client.get("/api/compare", params={"a": a, "b": b}).json()
    assert body["a"]["id"] == a and body["b"]["id"] == b
    assert body["same_family"] and body["kind"] in {"exact", "near", "reordered", "contained", "paraphrase"}
    assert len(body["passages"]) >= 5
    for passage in body["passages"]:
        assert passage["a"][0] == a and passage["b"][0] == b
    flipped = client.get("/api/compare", params={"a": b, "b": a}).json()
    assert flipped["kind"] == body["kind"] and all(p["a"][0] == b for p in flipped["passages"])


def test_compare_reports_partial_reuse_apart_from_copies(client: httpx.Client, seeded: dict) -> None:
    body = client.get("/api/compare", params={"a": seeded["articles"]["002"], "b": seeded["articles"]["000"]})
    assert body.json()["kind"] == "partial-reuse" and not body.json()["same_family"]
    assert body.json()["passages"]
    other = client.get(
        "/api/compare", params={"a": seeded["articles"]["003"], "b": seeded["articles"]["004"]}
    )
    assert other.json()["kind"] in {"partial-reuse", "unrelated"} and not other.json()["same_family"]


def test_family_has_members_and_evidence(client: httpx.Client, seeded: dict) -> None:
    article = client.get(f"/api/articles/{seeded['articles']['001']}").json()
    family = client.get(f"/api/families/{article['families'][0]}").json()
    members = {m["article"] for m in family["family"]["members"]}
    assert members == {seeded["articles"]["000"], seeded["articles"]["001"]}
    assert family["family"]["evidence"] and {a["id"] for a in family["articles"]} == members


@pytest.mark.parametrize(
    "path",
    ["/api/articles/nope", "/api/stories/nope", "/api/families/nope", "/api/compare?a=nope&b=nope"],
)
def test_unknown_ids_are_404_json(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]
    _alive(client)


@pytest.mark.parametrize(
    ("content", "headers"),
    [
        (b"{not json", {"content-type": "application/json"}),
        (b'{"articles": "x"}', {"content-type": "application/json"}),
        (b'{"articles": []}', {"content-type": "application/json"}),
        (b'{"articles": [{"text": ""}]}', {"content-type": "application/json"}),
        (b'{"articles": [{"text": "x", "form": "pdf"}]}', {"content-type": "application/json"}),
        (b'{"articles": [{"text": "x", "color": "red"}]}', {"content-type": "application/json"}),
        (b"text=hello", {"content-type": "application/x-www-form-urlencoded"}),
    ],
)
def test_malformed_ingest_bodies_are_422_json(client: httpx.Client, content: bytes, headers: dict) -> None:
    response = client.post("/api/articles", content=content, headers=headers)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail and all({"loc", "msg"} <= set(item) for item in detail)
    _alive(client)


def test_bad_query_parameters_are_422(client: httpx.Client) -> None:
    for params in ({"since": "yesterday"}, {"limit": 0}, {"offset": -1}, {"q": "x" * 500}):
        assert client.get("/api/stories", params=params).status_code == 422
    _alive(client)


def test_oversized_bodies_are_413_and_the_server_stays_up(client: httpx.Client) -> None:
    big = b"word " * (TEST_CONFIG.max_body_bytes // 5 + 10)
    declared = client.post("/api/articles/upload", files=[("files", ("big.txt", big, "text/plain"))])
    assert declared.status_code == 413 and "larger than" in declared.json()["detail"]

    def chunks():  # no content-length: the limit must hold while the body streams in
        for _ in range(40):
            yield b"x" * 16384

    streamed = client.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    many = [
        ("files", (f"f{i}.txt", b"hello world", "text/plain"))
        for i in range(TEST_CONFIG.max_upload_files + 1)
    ]
    assert client.post("/api/articles/upload", files=many).status_code == 413
    _alive(client)


def test_unreadable_uploads_are_rejected_with_reasons(client: httpx.Client) -> None:
    files = [
        ("files", ("empty.txt", b"", "text/plain")),
        ("files", ("binary.bin", bytes(range(256)) * 4, "application/octet-stream")),
        ("files", ("broken.gz", gzip.compress(b"hello world " * 100)[:40], "application/gzip")),
    ]
    body = client.post("/api/articles/upload", files=files).json()
    assert body["stored"] == 0
    assert len(body["rejected"]) == 3 and all(r["error"] for r in body["rejected"])
    _alive(client)


def test_json_ingest_stores_an_article_and_its_story(client: httpx.Client) -> None:
    text = (
        "Heavy rain flooded the old harbour district of Valletta on Monday, the civil protection "
        "department said.\n\nRescue crews pumped water from twelve basements and no one was hurt."
    )
    article = {"text": text, "title": "Rain floods Valletta harbour", "source": "Example Gazette"}
    body = client.post("/api/articles", json={"articles": [article]}).json()
    assert body["read"] == 1 and body["stored"] == 1 and len(body["articles"]) == 1
    stored = client.get(f"/api/articles/{body['articles'][0]}").json()["article"]
    assert stored["source"] == "Example Gazette" and "Valletta" in stored["text"]
    assert body["stories"] and client.get(f"/api/stories/{body['stories'][0]['id']}").status_code == 200


def test_security_headers_on_every_response(client: httpx.Client) -> None:
    for path in ("/", "/api/health", "/api/stories/nope", "/static/style.css"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert client.get("/openapi.json").json()["paths"]
