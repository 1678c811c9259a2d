"""Numeric claims tied to what they count, and conflicts where independent sources disagree."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from newsfold.compare.config import CompareConfig
from newsfold.compare.units import Unit
from newsfold.model import Cite, ClaimValue, Conflict

_NUMBER = re.compile(
    r"(?P<qual>\b(?:more than|less than|fewer than|at least|at most|about|around|nearly|almost|some|over|"
    r"up to|roughly|approximately|an estimated|estimated)\s+)?"
    r"(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d-])"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion))?"
    r"(?P<rest>(?:\s+[A-Za-z][\w-]*){1,3})",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Words after a number that do not name what is counted: units of time are dates or durations.
_NOT_COUNTED = frozenset(
    [
        "percent",
        "per",
        "of",
        "to",
        "and",
        "or",
        "a",
        "the",
        "in",
        "on",
        "at",
        "years",
        "year",
        "days",
        "day",
        "hours",
        "hour",
        "minutes",
        "weeks",
        "week",
        "months",
        "month",
        "times",
        "am",
        "pm",
        "p.m",
        "a.m",
    ]
)


@dataclass(slots=True)
class Claim:
    """One number in one sentence: its value, its wording and the noun it counts."""

    unit: int  # index into the story's units
    value: float
    wording: str  # "more than 130,000"
    counts: str  # "troop": the counted noun, singular-ish, for matching
    noun: str  # "troops": as written
    cite: Cite


def _counted(rest: str) -> tuple[str, str] | None:
    """The first lower-case word after a number (skipping capitalised adjectives): what it counts."""
    for word in rest.split():
        if word[:1].isupper() or word.lower() in ("such", "new", "more"):
            continue
        word = word.lower()
        return None if word in _NOT_COUNTED else (word.rstrip("s") or word, word)
    return None


def find_claims(units: list[Unit]) -> list[Claim]:
    """Numbers that count something (not years, not durations) in every unit."""
    claims: list[Claim] = []
    for i, u in enumerate(units):
        if not _DIGIT.search(u.text):  # most sentences hold no number; the full pattern is slow to fail
            continue
        for m in _NUMBER.finditer(u.text):
            value = float(m["num"].replace(",", ""))
            if m["scale"]:
                value *= _SCALE[m["scale"].lower()]
            counted = _counted(m["rest"])
            if counted is None or (1900 <= value <= 2100 and "," not in m["num"] and not m["qual"]):
                continue
            wording = u.text[m.start() : m.end("scale") if m["scale"] else m.end("num")].strip()
            start = u.cite.start + m.start()
            claims.append(Claim(i, value, wording, *counted, Cite(u.article, start, start + len(wording))))
    return claims


def conflicts(
    units: list[Unit], sims: np.ndarray, claims: list[Claim], config: CompareConfig
) -> list[Conflict]:
    """Claims about the same thing (same noun, similar sentences) whose values differ across families."""
    found: list[Conflict] = []
    used: set[int] = set()
    for i, claim in enumerate(claims):
        if i in used:
            continue
        same = [
            j
            for j, other in enumerate(claims)
            if j not in used
            and other.counts == claim.counts
            and sims[claim.unit, other.unit] >= config.claim_similarity
        ]
        used.update(same)
        conflict = _conflict(units, [claims[j] for j in same])
        if conflict is not None:
            found.append(conflict)
    return found


def _conflict(units: list[Unit], claims: list[Claim]) -> Conflict | None:
    """A conflict when at least two values each come from a different family."""
    by_value: dict[float, list[Claim]] = {}
    for c in claims:
        by_value.setdefault(c.value, []).append(c)
    families = {v: {units[c.unit].family for c in cs} for v, cs in by_value.items()}
    if len(by_value) < 2 or len(set().union(*families.values())) < 2:
        return None
    values = []
    for value in sorted(by_value, key=lambda v: (-len(families[v]), v)):
        group = by_value[value]
        first = group[0]
        articles = sorted({c.cite.article for c in group})
        cites = sorted((units[c.unit].cite for c in group), key=lambda c: (c.article, c.start))
        values.append(ClaimValue(first.wording, units[first.unit].text, articles, cites))
    return Conflict(about=claims[0].noun, values=values)
