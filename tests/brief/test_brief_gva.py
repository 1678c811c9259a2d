"""Briefs never mix stories: on GVA incidents (gold ids), no fact, quote or line cites another incident."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path

import pytest

from newsfold.brief import write_brief
from newsfold.clean import clean
from newsfold.compare import compare
from newsfold.model import Origin, RawRecord, Story

GVA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "gva" / "gva_incidents_dev.jsonl.gz"
INCIDENTS = 6  # incidents of 3+ articles, all passed together so a leak would be possible


@pytest.fixture(scope="module")
def incidents():
    by_incident: dict[str, list[dict]] = defaultdict(list)
    with gzip.open(GVA, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if len(row["text"]) >= 400:
                by_incident[row["incident_id"]].append(row)
    chosen = sorted((i for i, rows in by_incident.items() if 3 <= len(rows) <= 5))[:INCIDENTS]
    articles = {}
    for incident in chosen:
        for row in by_incident[incident]:
            record = RawRecord(
                Origin(str(GVA), row["doc_id"]), row["text"], title=row["title"], published=row["dct"]
            )
            articles.setdefault(incident, []).append(clean(record))
    return articles


def test_no_line_cites_another_incident(incidents) -> None:
    everything = [a for arts in incidents.values() for a in arts]
    for incident, arts in incidents.items():
        own = {a.id for a in arts}
        story = Story(id=incident, label="", first=None, last=None, articles=sorted(own))
        brief = write_brief(story, compare(story, everything, []), everything, [])
        cited = [
            c.article
            for line in [*brief.summary, *brief.facts, *brief.unique, *brief.timeline]
            for c in line.cites
        ]
        cited += [v.article for q in brief.quotes for v in q.variants]
        cited += [c.article for x in brief.conflicts for v in x.values for c in v.cites]
        assert cited and set(cited) <= own, incident
        assert {s.article for s in brief.sources} == own
