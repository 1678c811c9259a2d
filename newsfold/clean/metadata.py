"""Metadata found in the text: dates (to ISO), dateline, wire agency, outlet, byline and language."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from urllib.parse import urlsplit

from newsfold.clean.config import CleanConfig

_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september"
    "|oct|october|nov|november|dec|december"
)
_DAYS = "mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday"
# Words that may surround a date on a date line and carry no date themselves.
_DATE_FILLER = (
    r"published|updated|posted|last|date|on|at|of|the|am|pm|a\.m\.|p\.m\.|utc|gmt|[ecmp][sd]t|cet|msk"
)
_DATE_TOKENS = re.compile(
    rf"\b(?:{_MONTHS}|{_DAYS}|{_DATE_FILLER})\b\.?|\d+(?:st|nd|rd|th)?|[\s,./:+\-|T Z]", re.I
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b|^\d{8}$")
_TIME = re.compile(r"\d{1,2}:\d{2}")


def looks_like_date(line: str, config: CleanConfig) -> bool:
    """True when a short line holds a date and nothing but date words around it."""
    line = line.strip()
    if not line or len(line) > config.date_line_max_chars or not _YEAR.search(line):
        return False
    return not _DATE_TOKENS.sub("", line).strip()


def parse_date(text: str) -> str | None:
    """A date in any common form as ISO 8601: a date, or a datetime when a time of day was given."""
    text = text.strip()
    compact = _COMPACT.match(text)
    if compact:
        return _valid_date(*map(int, compact.groups()))
    if _ISO.match(text):
        try:
            parsed = datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError:
            return None
        return parsed.isoformat() if "T" in text or " " in text else parsed.date().isoformat()
    return _parse_free(text)


def _valid_date(year: int, month: int, day: int) -> str | None:
    """ISO date when the parts make a real calendar day in a plausible range."""
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value.isoformat() if 1900 <= year <= 2100 else None


def _parse_free(text: str) -> str | None:
    """Month names, weekdays, US/European numeric forms: dateparser, held to absolute dates."""
    if not _YEAR.search(text):
        return None  # "yesterday", "3 hours ago": relative to a day we do not know
    import dateparser  # slow to import; only free-form date lines need it

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    cleaned = re.sub(r"\b(?:published|updated|posted|last|date)\b:?", "", text, flags=re.I)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if _TIME.search(text):
        return parsed.replace(tzinfo=None).isoformat(timespec="minutes")
    return parsed.date().isoformat()


def source_from_url(url: str | None) -> str | None:
    """The outlet as its host name without "www." ("mainichi.jp")."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname or ""
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
    return host or None


# "Support The Moscow Times!", "Subscribe to The Guardian", "Donate to ProPublica"
_BANNER_OUTLET = re.compile(
    r"^(?i:support|subscribe to|donate to|follow|welcome to)\s+"
    r"(?P<name>(?:[Tt]he\s+)?[A-Z][\w'&.-]*(?:\s+(?:of\s+)?[A-Z][\w'&.-]*){0,4})\s*[!.]?$"
)


def outlet_from_banner(text: str) -> str | None:
    """The outlet a banner names, e.g. "The Moscow Times" from "Support The Moscow Times!"."""
    match = _BANNER_OUTLET.match(text.strip())
    if not match or match.group("name").split()[0] in {"Us", "Our", "Independent", "Local"}:
        return None
    return match.group("name")


_AGENCY = (
    r"(?P<agency>Associated Press|AP|Agence France-Presse|AFP|Thomson Reuters|Reuters"
    r"|Bloomberg News|Bloomberg"
    r"|Deutsche Presse-Agentur|dpa|EFE|ANSA|Xinhua|TASS|Interfax|United Press International|UPI"
    r"|Kyodo News|Kyodo|Yonhap|Press Trust of India|PTI|PA Media)"
)
_CANONICAL = {
    "Associated Press": "AP",
    "Agence France-Presse": "AFP",
    "Thomson Reuters": "Reuters",
    "Bloomberg News": "Bloomberg",
    "Deutsche Presse-Agentur": "dpa",
    "United Press International": "UPI",
    "Kyodo News": "Kyodo",
    "Press Trust of India": "PTI",
}
# A place in capitals ("MOSCOW", "NEW YORK", "ST. LOUIS"), maybe a region ("KYIV, Ukraine"), maybe a date
# ("MOSCOW, Feb 15"), maybe the agency ("(AP)", "AP", "(Reuters)"), then a dash.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]+(?:\s+(?!(?:AP|AFP|UPI|PTI|ANI|EFE|TASS)\b)[A-Z][A-Z.'\-]+){0,3}"
    r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?)"
    rf"(?:,\s+(?i:{_MONTHS})\.?\s+\d{{1,2}})?"
    rf"\s*(?:\(\s*{_AGENCY}\s*\)|{_AGENCY.replace('agency', 'bare')})?"
    r"\s*(?:\u2014|\u2013|--|-)\s"
)
# How an agency is named as the author of a text: copyright, credits, "(Reuters)", "told AFP".
_WIRE_SIGNS = [
    re.compile(rf"(?:\u00a9|\(c\)|copyright)\s*(?:\d{{4}}\s+)?(?:the\s+)?{_AGENCY}\b", re.I),
    re.compile(rf"\b{_AGENCY}\s+(?:contributors|writers?|reporters?|correspondents?)\b"),
    re.compile(rf"\b{_AGENCY}\s+contributed\b"),
    re.compile(rf"\(\s*{_AGENCY}\s*\)"),
    re.compile(rf"\b(?:reporting|writing|edited)\s+by\s+(?:the\s+)?{_AGENCY}\b", re.I),
    re.compile(rf"\btold\s+(?:the\s+)?{_AGENCY}\b"),
]
# An author field that is, or lists, an agency: "ABC News; The Associated Press".
_AUTHOR_AGENCY = re.compile(rf"(?:^|[;,&]\s*|\band\s+)(?i:the\s+)?{_AGENCY}\s*(?:$|[;,&])")


def find_dateline(paragraphs: list[str]) -> tuple[str | None, str | None]:
    """The dateline place and the agency named in it, from the first paragraph that opens with one."""
    for text in paragraphs:
        match = _DATELINE.match(text)
        if match and len(re.sub(r"[^A-Za-z]", "", match.group("place"))) >= 3:
            agency = match.group("agency") or match.group("bare")
            return match.group("place").strip(), _canonical(agency)
    return None, None


def find_wire(texts: list[str]) -> str | None:
    """The agency a text names as its author (copyright, credits, "(Reuters)", "told AFP"). first."""
    for sign in _WIRE_SIGNS:
        for text in texts:
            match = sign.search(text)
            if match:
                return _canonical(match.group("agency"))
    return None


def wire_in_author(author: str | None) -> str | None:
    """The agency an author field names as one of the authors, e.g. AP in "ABC News; The Associated Press"."""
    match = _AUTHOR_AGENCY.search(author or "")
    return _canonical(match.group("agency")) if match else None


def _canonical(agency: str | None) -> str | None:
    """One short name per agency ("Associated Press" -> "AP")."""
    return _CANONICAL.get(agency, agency) if agency else None


# The commonest short words of each language; they are frequent in any news text and rare in the others.
_STOPWORDS = {
    "en": "the of and to in is that for it was on with as by he said at from his but have are be this an",
    "de": "der die und in den von zu das mit sich des auf ist im dem nicht ein eine als auch es an wurde"
    " dass sie hat für über wird",
    "fr": "le la les de des et en du un une est que pour dans qui au sur par pas plus ne se il avec été",
    "es": "el la de que y en los del las un por con una para es al se lo como su pero sus fue ha este",
    "it": "il di che la e in un per del della non una sono le si al con da gli nel anche ha",
    "nl": "de het een van en in is dat op te zijn voor met niet aan er die ook als bij werd om",
    "pt": "o a de que e do da em um para com uma os no se na por mais as dos foi ao",
    # Russian and Ukrainian share most short words: one list for both, four letters decide (below).
    "ru": "и в не на что с по как это он из за к но от то для его о же так і що з у та до від але й із про",
    "pl": "i w na z do nie się to że jest o jak po co za od przez tak ale jego",
    "sv": "och i att det som en på är av för med till den har inte om ett var men",
}
_STOP_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_UKRAINIAN = re.compile(r"[\u0456\u0457\u0454\u0491]")  # і ї є ґ: Ukrainian, never Russian


def detect_language(text: str, config: CleanConfig) -> str | None:
    """ISO 639-1 code by stopword counts over the first few thousand characters; None when unsure."""
    sample = text[: config.language_sample_chars]
    words = Counter(_WORD.findall(sample.lower()))
    scores = sorted(
        ((sum(words[w] for w in stops), lang) for lang, stops in _STOP_SETS.items()), reverse=True
    )
    (best, lang), (second, _) = scores[0], scores[1]
    if best < config.language_min_hits or best < config.language_margin * second:
        return None
    if lang == "ru" and _UKRAINIAN.search(sample):
        return "uk"
    return lang
