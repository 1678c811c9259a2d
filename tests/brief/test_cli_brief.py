"""`newsfold brief STORY` on the real seeds' store, in every format; `run --json` carries the brief."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsfold.cli import app
from newsfold.export import run_to_json


@pytest.fixture(scope="module")
def story_id(seeds_run) -> str:
    report, _ = seeds_run
    if not report.stories:
        pytest.skip("no stories yet: cluster has not run")
    return report.stories[0].id


def test_brief_formats(seeds_run, story_id) -> None:
    _, db = seeds_run
    runner = CliRunner()
    md = runner.invoke(app, ["brief", story_id, "--db", str(db)])
    assert md.exit_code == 0, md.output
    assert md.output.startswith("# ") and "## Summary" in md.output
    js = runner.invoke(app, ["brief", story_id, "--db", str(db), "--format", "json"])
    data = json.loads(js.output)
    assert data["story"] == story_id and 3 <= len(data["summary"]) <= 6
    page = runner.invoke(app, ["brief", story_id, "--db", str(db), "--format", "html"])
    assert page.output.startswith("<!doctype html>")


def test_unknown_story_and_format_exit_2(seeds_run, story_id) -> None:
    _, db = seeds_run
    runner = CliRunner()
    assert runner.invoke(app, ["brief", "no-such-story", "--db", str(db)]).exit_code == 2
    assert runner.invoke(app, ["brief", story_id, "--db", str(db), "--format", "pdf"]).exit_code == 2


def test_run_json_has_a_brief_per_story(seeds_run, story_id) -> None:
    report, _ = seeds_run
    story = next(s for s in run_to_json(report)["stories"] if s["id"] == story_id)
    assert story["brief"]["headline"] and story["brief"]["summary"]
