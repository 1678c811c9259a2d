"""Dated events: weekday and calendar dates in sentences, resolved against publication dates."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import numpy as np

from newsfold.compare.config import CompareConfig
from newsfold.compare.units import Unit
from newsfold.model import Article, Story, TimelineEvent

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_DAY = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(\d{4}))?")
# A weekday after "as soon as"/"next"/"by", or before "would"/"will"/"to be", lies ahead of the
# publication date; a bare weekday in news copy is the most recent such day (AP style).
_AHEAD_BEFORE = re.compile(
    r"(as soon as|next|by|until|planned for|scheduled for|expected)\s*$", re.IGNORECASE
)
_AHEAD_AFTER = re.compile(r"^\W*(would|will|to be|is expected|is scheduled|could)\b", re.IGNORECASE)


def base_dates(articles: list[Article], story: Story) -> dict[str, date]:
    """Each article's publication date; articles without one take the story's most common known date."""
    known = {a.id: _parse(a.published) for a in articles}
    dated = [d for d in known.values() if d is not None]
    fallback = Counter(dated).most_common(1)[0][0] if dated else _parse(story.first)
    return {aid: d or fallback for aid, d in known.items() if (d or fallback) is not None}


def _parse(value: str | None) -> date | None:
    """The date part of an ISO 8601 string, or None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def resolve(text: str, base: date) -> list[date]:
    """Every date a sentence names, resolved against the publication date `base`."""
    found: list[date] = []
    for m in _WEEKDAY.finditer(text):
        delta = (_DAYS.index(m.group(1).lower()) - base.weekday()) % 7
        ahead = _AHEAD_BEFORE.search(text[: m.start()]) or _AHEAD_AFTER.search(text[m.end() :])
        found.append(base + timedelta(days=delta if ahead else (delta - 7 if delta else 0)))
    for m in list(_MONTH_DAY.finditer(text)) + list(_DAY_MONTH.finditer(text)):
        month_name, day, year = (m.group(1), m.group(2), m.group(3))
        if month_name.isdigit():
            day, month_name = month_name, m.group(2)
        month = _MONTHS.index(month_name[:3].lower()) + 1
        try:
            found.append(date(int(year) if year else base.year, month, int(day)))
        except ValueError:
            continue
    return sorted(set(found))


def events(
    units: list[Unit], sims: np.ndarray, bases: dict[str, date], config: CompareConfig
) -> list[TimelineEvent]:
    """Dated sentences grouped into events per date, best-supported first, dates in order."""
    by_date: dict[date, list[int]] = {}
    for i, u in enumerate(units):
        if u.article in bases:
            for d in resolve(u.text, bases[u.article]):
                by_date.setdefault(d, []).append(i)
    timeline: list[TimelineEvent] = []
    for day in sorted(by_date):
        timeline.extend(_events_of(units, sims, day, by_date[day], config))
    return timeline


def _events_of(
    units: list[Unit], sims: np.ndarray, day: date, members: list[int], config: CompareConfig
) -> list[TimelineEvent]:
    """Merge one date's sentences that say the same thing; rank by families, then position."""
    groups: list[list[int]] = []
    for i in sorted(members, key=lambda i: (units[i].position, units[i].article)):
        home = next((g for g in groups if sims[g[0], i] >= config.event_similarity), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    groups.sort(key=lambda g: (-len({units[i].family for i in g}), units[g[0]].position))
    result = []
    for g in groups[: config.events_per_date]:
        cites = sorted((units[i].cite for i in g), key=lambda c: (c.article, c.start))
        result.append(TimelineEvent(day.isoformat(), units[g[0]].text, cites))
    return result
