"""Abstractive lead through an OpenAI-compatible endpoint: a local HTTP server on 127.0.0.1 answers."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from newsfold.brief import BriefConfig, write_brief
from newsfold.brief.abstractive import parse
from newsfold.model import Cite, Fact

REPLY = "Russia said some units are returning to bases [1]. Troops massed near Ukraine [2][1]. Not cited."


class _Chat(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Chat.seen.append({"path": self.path, "body": body})
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": REPLY}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), _Chat)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/v1"
    httpd.shutdown()


def test_parse_keeps_only_cited_sentences() -> None:
    facts = [Fact("a", 2, [Cite("x", 0, 5)]), Fact("b", 1, [Cite("y", 3, 9)])]
    lines = parse(REPLY, facts)
    assert [line.text for line in lines] == [
        "Russia said some units are returning to bases.",
        "Troops massed near Ukraine.",
    ]
    assert lines[1].cites == [Cite("y", 3, 9), Cite("x", 0, 5)]


def test_abstractive_brief_keeps_citations(server, seed_story, seed_comparison) -> None:
    story, articles, families, _ = seed_story
    comparison = seed_comparison
    config = BriefConfig(abstractive=True, base_url=server, model="tiny")
    brief = write_brief(story, comparison, articles, families, config)
    assert brief.mode == "abstractive"
    assert _Chat.seen[-1]["path"] == "/v1/chat/completions"
    assert _Chat.seen[-1]["body"]["model"] == "tiny"
    assert len(brief.summary) == 2
    assert brief.summary[0].cites == comparison.facts[0].cites


def test_abstractive_is_off_by_default_and_falls_back(seed_story, seed_comparison) -> None:
    story, articles, families, _ = seed_story
    comparison = seed_comparison
    assert write_brief(story, comparison, articles, families).mode == "extractive"
    dead = BriefConfig(abstractive=True, base_url="http://127.0.0.1:9/v1", timeout_s=2)
    assert write_brief(story, comparison, articles, families, dead).mode == "extractive"
