"""Find quoted speech in an article and resolve who said it: names, titles, pronouns, continuations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfold import nlp
from newsfold.model import Article, Span

_QUOTE = re.compile(r"“([^“”]{2,}?)”|\"([^\"“”]{2,}?)\"")
_VERB = re.compile(
    r"\b(said|says|say|told|tells|added|adds|wrote|writes|tweeted|warned|noted|argued|asked|replied|"
    r"stated|declared|insisted|explained|announced|acknowledged|urged|posted|stressed|claimed|"
    r"confirmed|reiterated|according to)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(he|she)\b", re.IGNORECASE)
_TITLE = re.compile(
    r"\bthe\s+(?:[\w'’.-]+\s+){0,4}?(minister|spokesman|spokeswoman|spokesperson|president|secretary|"
    r"chief|official|leader|chancellor|ambassador|mayor|head|general|envoy|diplomat)\b",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(head|chief|minister|spokesman|spokeswoman|spokesperson|secretary|president|chancellor|"
    r"ambassador|general|commander|official|leader|director|lawyer|mayor|governor|senator|envoy)\b",
    re.IGNORECASE,
)
_ORG_WORD = re.compile(
    r"\b(Technologies|Council|Ministry|News|Times|Inc|Corp|Company|Agency|Department|Party|University|"
    r"Group|Bank|Press|Union|Organization|Committee|Office|House|Court|Army|Forces|Service|Street)\b"
)
_HONORIFIC = re.compile(r"^(?:(?:[A-Z][a-z]{0,4}\.|Mr|Mrs|Ms|Dr|President|Minister)\s+)+")
_POSSESSIVE = re.compile(r"[’']s$")

# How sure an attribution is: a name beside the verb beats a title, which beats a pronoun.
NAMED, TITLED, PRONOUN = 3, 2, 1


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    name: str


@dataclass(slots=True)
class QuoteHit:
    """One quoted string in an article and the speaker found for it (None when unresolved)."""

    article: str
    start: int  # the quoted words, without the quote marks
    end: int
    text: str
    speaker: str | None
    confidence: int


def clean_name(name: str) -> str:
    """A person's name without honorifics, possessives or stray punctuation."""
    name = _POSSESSIVE.sub("", _HONORIFIC.sub("", name.strip(' ,.;:"“”')))
    return " ".join(name.split())


def _masked(text: str) -> tuple[str, list[re.Match[str]]]:
    """The text with quoted passages blanked out (offsets kept), and the quote matches."""
    found = list(_QUOTE.finditer(text))
    chars = list(text)
    for m in found:
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(chars), found


def name_votes(articles: list[Article]) -> list[dict[str, int]]:
    """Per article, votes for full names (two to four words): +1 spaCy PERSON, ±1 an ORG beside a role word.

    One NER pass over every article's speech paragraphs; a story's people are the names whose votes,
    summed over its articles, are positive (`analysis.story_names`).
    """
    model = nlp.load(nlp.NER_ONLY)
    owners = [(i, t) for i, a in enumerate(articles) for t in _speech_paragraphs(a)]
    votes: list[dict[str, int]] = [{} for _ in articles]
    for (i, text), doc in zip(owners, model.pipe(t for _, t in owners), strict=True):
        for ent in doc.ents:
            name = clean_name(ent.text)
            if ent.label_ not in ("PERSON", "ORG") or not _looks_like_name(name):
                continue
            near = text[max(0, ent.start_char - 40) : ent.end_char + 25]
            # The small model calls some people ORG; a role word beside the name settles it.
            vote = 1 if ent.label_ == "PERSON" else (1 if _ROLE.search(near) else -1)
            votes[i][name] = votes[i].get(name, 0) + vote
    return votes


def quoted_passages(article: Article, min_words: int) -> list[tuple[int, int]]:
    """(start, end) of every quoted passage (without its marks) of at least `min_words` words."""
    found = []
    for p in _spans(article):
        for m in _QUOTE.finditer(article.text[p.start : p.end]):
            group = 1 if m.group(1) is not None else 2
            start, end = p.start + m.start(group), p.start + m.end(group)
            if len(article.text[start:end].strip(" ,.").split()) >= min_words:
                found.append((start, end))
    return found


def _speech_paragraphs(article: Article) -> list[str]:
    """Paragraphs that quote or report speech, and the one before each: where speakers are named.

    Running NER only here keeps an article cheap; a name needs to be found once per story, since
    mentions are then matched by regex everywhere.
    """
    paragraphs = [article.text[p.start : p.end] for p in _spans(article)]
    keep = set()
    for i, text in enumerate(paragraphs):
        if _QUOTE.search(text) or _VERB.search(text):
            keep.update((i - 1, i) if _QUOTE.search(text) else (i,))
    return [paragraphs[i] for i in sorted(keep) if 0 <= i < len(paragraphs)]


def _looks_like_name(name: str) -> bool:
    """Two to four capitalised words, none of them an organisation word."""
    parts = name.split()
    return 2 <= len(parts) <= 4 and all(p[:1].isupper() for p in parts) and not _ORG_WORD.search(name)


@dataclass(slots=True)
class NameMatcher:
    """One regex for every known name and surname stem of a story, longest first."""

    pattern: re.Pattern[str]
    full: dict[str, str]  # a full name as written -> itself
    stems: list[tuple[str, str]]  # (surname stem, full name), longest stem first


def name_matcher(names: list[str]) -> NameMatcher:
    """Compile the story's names; long surnames match on their stem (Zelensky, Zelenskyy, Zelenskiy)."""
    stems = []
    for name in sorted(names, key=len, reverse=True):
        surname = name.split()[-1]
        stems.append((surname[:-2] if len(surname) >= 7 else surname, name))
    stems.sort(key=lambda x: -len(x[0]))
    forms = [re.escape(n) for n in sorted(names, key=len, reverse=True)]
    forms += [re.escape(stem) + r"\w{0,3}" for stem, _ in stems]
    # Every form starts with one of these letters: the lookahead fails fast at every other position,
    # instead of trying each alternative there (Python's re does not build a trie).
    initials = "".join(sorted({re.escape(n[:1]) for n in [*names, *(stem for stem, _ in stems)]}))
    pattern = (
        re.compile(rf"\b(?=[{initials}])(?:" + "|".join(forms) + r")\b") if forms else re.compile(r"(?!x)x")
    )
    return NameMatcher(pattern, {n: n for n in names}, stems)


def mentions_of(masked: str, matcher: NameMatcher) -> list[Mention]:
    """Every place outside quotes where a known person's full name or surname appears, in text order."""
    found = []
    for m in matcher.pattern.finditer(masked):
        text = m.group(0)
        name = matcher.full.get(text) or next(n for stem, n in matcher.stems if text.startswith(stem))
        found.append(Mention(m.start(), m.end(), name))
    return found


def _spans(article: Article) -> list:
    """Paragraph spans, or the whole text as one paragraph when cleaning gave none."""
    return article.paragraphs or [Span(0, len(article.text))]


def find_quotes(articles: list[Article], min_words: int, names: list[str]) -> list[QuoteHit]:
    """Every quoted passage of the articles with its speaker, resolved among the story's `names`."""
    masked: dict[str, str] = {}
    matches: dict[str, list[tuple[int, int, re.Match[str]]]] = {}
    for a in articles:
        masked[a.id] = a.text
        matches[a.id] = []
        chars = list(a.text)
        for p in _spans(a):
            _, found = _masked(a.text[p.start : p.end])
            for m in found:
                matches[a.id].append((p.start, p.end, m))
                chars[p.start + m.start() : p.start + m.end()] = " " * (m.end() - m.start())
        masked[a.id] = "".join(chars)
    matcher = name_matcher(names)
    hits: list[QuoteHit] = []
    for a in articles:
        mentions = mentions_of(masked[a.id], matcher)
        hits.extend(_attribute(a, masked[a.id], matches[a.id], mentions, min_words))
    return hits


def _attribute(
    article: Article,
    masked: str,
    found: list[tuple[int, int, re.Match[str]]],
    mentions: list[Mention],
    min_words: int,
) -> list[QuoteHit]:
    """Resolve the speaker of each quote from the words around it in its paragraph."""
    hits: list[QuoteHit] = []
    previous: QuoteHit | None = None
    for k, (p_start, p_end, m) in enumerate(found):
        begin = p_start + m.start()
        same_before = k > 0 and found[k - 1][0] == p_start
        same_after = k + 1 < len(found) and found[k + 1][0] == p_start
        lo = p_start + found[k - 1][2].end() if same_before else p_start
        hi = p_start + found[k + 1][2].start() if same_after else p_end
        group = 1 if m.group(1) is not None else 2
        start, end = p_start + m.start(group), p_start + m.end(group)
        text = article.text[start:end].strip(" ,.")
        speaker, confidence = _speaker(masked, lo, hi, begin, mentions)
        if speaker is None and same_before and previous is not None and previous.speaker:
            speaker, confidence = previous.speaker, previous.confidence  # the same speaker goes on
        if len(text.split()) < min_words or speaker is None:
            previous = None if not same_before else previous
            continue
        previous = QuoteHit(article.id, start, end, article.text[start:end], speaker, confidence)
        hits.append(previous)
    return hits


def _speaker(masked: str, lo: int, hi: int, quote_at: int, mentions: list[Mention]) -> tuple[str | None, int]:
    """The speaker named, titled or pronominalised next to a speech verb in masked[lo:hi]."""
    window = masked[lo:hi]
    verbs = list(_VERB.finditer(window))
    if not verbs:
        return None, 0
    verb = min(verbs, key=lambda v: abs(lo + v.start() - quote_at))
    at = lo + verb.start()
    inside = [x for x in mentions if lo <= x.start and x.end <= hi]
    if inside:
        return min(inside, key=lambda x: min(abs(x.start - at), abs(x.end - at))).name, NAMED
    before = [x for x in mentions if x.end <= lo]
    title = _TITLE.search(window)
    if title:
        head = title.group(1).lower()
        titled = [x for x in before if head in masked[max(0, x.start - 60) : x.start].lower()]
        if titled:
            return titled[-1].name, TITLED
    if _PRONOUN.search(window) and before:
        return before[-1].name, PRONOUN
    return None, 0
