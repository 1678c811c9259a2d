"""Align sentences across a story's articles into facts with independent support (copy families)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer

from newsfold.compare.config import CompareConfig
from newsfold.compare.units import Unit, normalize, words
from newsfold.model import Fact, UniqueFact

# Function words carry no content: two sentences sharing only these do not share a fact.
_STOP = (
    "a an the and or but of to in on at for with by from as is are was were be been being has have had "
    "that this these those it its it's he she they them his her their we our you your i not no said says "
    "will would could can may might also than then there which who whom what when where after before "
    "about into over under more most some any all other such only just"
)
STOPWORDS = frozenset(_STOP.split())


@dataclass(slots=True)
class FactGroup:
    """A fact and the sentence units it aligns (the first member is the representative)."""

    fact: Fact
    members: list[int] = field(default_factory=list)
    position: float = 0.0
    specificity: int = 0
    centrality: float = 0.0  # how close its representative is to the rest of the story (ties of support)


def content_words(text: str) -> set[str]:
    """Lower-cased words that are not function words."""
    return content_of(words(text))


def content_of(tokens: Iterable[str]) -> set[str]:
    """The content words among already split, lower-cased words (`content_words` without the split)."""
    return {w for w in tokens if w not in STOPWORDS and len(w) > 1}


def specificity(text: str) -> int:
    """How concrete a sentence is: numbers and capitalised words after the first."""
    tokens = text.split()[1:]
    return sum(1 for t in tokens if t[:1].isupper() or t[:1].isdigit())


def _links(units: list[Unit], sims: np.ndarray, config: CompareConfig) -> list[dict[str, int]]:
    """For each unit, its best-matching unit in every other article (article id -> unit index)."""
    bags = [content_words(u.text) for u in units]
    links: list[dict[str, int]] = [{} for _ in units]
    rows, cols = np.nonzero(sims >= config.fact_similarity)
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if units[i].article == units[j].article or len(bags[i] & bags[j]) < config.fact_shared_words:
            continue
        best = links[i].get(units[j].article)
        if best is None or sims[i, j] > sims[i, best]:
            links[i][units[j].article] = j
    return links


def support(units: list[Unit], members: list[int], config: CompareConfig) -> int:
    """Independent sources among members: families, with near-verbatim reuse across families counted once."""
    credited: set[str] = set()
    groups: list[list[int]] = []
    for m in members:
        same = [g for g in groups if any(_reused(units[m], units[o], config) for o in g)]
        merged = [m] + [x for g in same for x in g]
        groups = [g for g in groups if g not in same] + [merged]
    # Each wording counts once: match wordings to distinct families, fewest-family wordings first.
    for group in sorted(groups, key=lambda g: len({units[m].family for m in g})):
        counts: dict[str, int] = {}
        for m in group:
            counts[units[m].family] = counts.get(units[m].family, 0) + 1
        free = sorted((f for f in counts if f not in credited), key=lambda f: (-counts[f], f))
        if free:
            credited.add(free[0])
    return len(credited)


def _reused(a: Unit, b: Unit, config: CompareConfig) -> bool:
    """True when two sentences of different families are the same wording, barely edited."""
    return a.family != b.family and fuzz.ratio(normalize(a.text), normalize(b.text)) >= config.reuse_ratio


def align(
    units: list[Unit], sims: np.ndarray, config: CompareConfig, central: np.ndarray | None = None
) -> list[FactGroup]:
    """Star-cluster units into facts, ranked by support, then centrality (per unit, as `centrality`)."""
    links = _links(units, sims, config)
    reach = [len({units[j].family for j in ln.values()} - {units[i].family}) for i, ln in enumerate(links)]
    # The most central sentence seeds a fact: it reaches most families, and reaches them most closely.
    strength = [sum(float(sims[i, j]) for j in ln.values()) for i, ln in enumerate(links)]
    order = sorted(range(len(units)), key=lambda i: (-reach[i], -strength[i], units[i].position))
    taken = [False] * len(units)
    groups: list[FactGroup] = []
    for seed in order:
        if taken[seed]:
            continue
        members = [seed] + [j for j in links[seed].values() if not taken[j]]
        for m in members:
            taken[m] = True
        groups.append(_group(units, members, config))
    central = centrality(units, sims) if central is None else central
    for g in groups:
        g.centrality = float(central[g.members[0]])
    groups.sort(key=lambda g: (-g.fact.support, -g.centrality, g.position))
    return groups


def centrality(units: list[Unit], sims: np.ndarray) -> np.ndarray:
    """Per unit: mean best cosine to each other family, plus mean TF-IDF cosine to every other sentence.

    The first is soft support (how nearly other sources say it), the second LexRank's degree (how much of
    the story's wording it shares); on NeuS leads their sum ranks lead sentences better than either alone.
    """
    soft, lexical = centrality_parts(units, sims)
    return soft + lexical


def centrality_parts(units: list[Unit], sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`centrality`'s two terms per unit: soft support and mean TF-IDF cosine (the lead scorer's features)."""
    n = len(units)
    if n < 2:
        return np.zeros(n), np.zeros(n)
    families = np.array([u.family for u in units])
    distinct = list(dict.fromkeys(families.tolist()))
    soft = np.zeros(n)
    for f in distinct:
        mask = families == f
        soft += np.where(mask, 0.0, sims[:, mask].max(axis=1))
    soft /= max(len(distinct) - 1, 1)
    try:
        tfidf = TfidfVectorizer(stop_words="english").fit_transform([u.text for u in units])
    except ValueError:  # nothing but stop words
        return soft, np.zeros(n)
    lexical = np.asarray((tfidf @ tfidf.T).sum(axis=1)).ravel() - 1.0
    return soft, lexical / (n - 1)


def _group(units: list[Unit], members: list[int], config: CompareConfig) -> FactGroup:
    """Build the fact for one aligned set of units."""
    head = units[members[0]]
    cites = sorted((units[m].cite for m in members), key=lambda c: (c.article, c.start))
    fact = Fact(text=head.text, support=support(units, members, config), cites=cites)
    position = min(units[m].position for m in members)
    return FactGroup(fact, members, position, specificity(head.text))


def unique_facts(
    units: list[Unit], sims: np.ndarray, groups: list[FactGroup], config: CompareConfig
) -> list[UniqueFact]:
    """Facts that only one family reports, per family, the most specific first."""
    candidates = [
        g
        for g in groups
        if len({units[m].family for m in g.members}) == 1
        and units[g.members[0]].text.lstrip()[:1] not in "\"“'‘"
    ]
    closest = _closest_other(units, sims, [g.members[0] for g in candidates])
    found: dict[str, list[tuple[int, float, UniqueFact]]] = {}
    for group, near in zip(candidates, closest, strict=True):
        head = group.members[0]
        if near >= config.unique_max_similarity:
            continue
        item = UniqueFact(units[head].family, group.fact.text, list(group.fact.cites))
        found.setdefault(units[head].family, []).append((group.specificity, group.position, item))
    result: list[UniqueFact] = []
    for family in sorted(found):
        ranked = sorted(found[family], key=lambda x: (-x[0], x[1]))
        result.extend(item for _, _, item in ranked[: config.unique_per_family])
    return result


def _closest_other(units: list[Unit], sims: np.ndarray, rows: list[int]) -> np.ndarray:
    """For each row, its highest cosine to a sentence of another family (-inf when there is none)."""
    codes = np.unique([u.family for u in units], return_inverse=True)[1]
    same = codes[rows][:, None] == codes[None, :]
    return np.where(same, -np.inf, sims[rows]).max(axis=1, initial=-np.inf)
