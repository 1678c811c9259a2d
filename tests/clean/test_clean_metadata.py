"""Datelines, wire agencies, outlets and languages found in text that is not the seeds."""

from __future__ import annotations

import pytest

from newsfold.clean import CleanConfig
from newsfold.clean.metadata import (
    detect_language,
    find_dateline,
    find_wire,
    outlet_from_banner,
    parse_date,
    source_from_url,
    wire_in_author,
)


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("MOSCOW — Russia said", "MOSCOW", None),
        ("KYIV, Ukraine — Russia's defense ministry", "KYIV, Ukraine", None),
        ("MOSCOW AP -- Russia said", "MOSCOW", "AP"),
        ("MOSCOW (AP) — Russia said", "MOSCOW", "AP"),
        ("LONDON, Feb 15 (Reuters) - Britain's", "LONDON", "Reuters"),
        ("NEW YORK (AFP) - Stocks", "NEW YORK", "AFP"),
        ("ST. LOUIS, Mo. – A jury", "ST. LOUIS, Mo.", None),
        ("BEIJING (Xinhua) -- China", "BEIJING", "Xinhua"),
    ],
)
def test_datelines(opening, place, agency):
    assert find_dateline(["Some earlier paragraph without one.", f"{opening} more text."]) == (place, agency)


@pytest.mark.parametrize(
    "text",
    ["NATO's chief said - again - that", "BREAKING: markets fall", "The U.S. — and allies", "OK - fine"],
)
def test_not_datelines(text):
    assert find_dateline([text]) == (None, None)


@pytest.mark.parametrize(
    ("texts", "wire"),
    [
        (["© 2022 The Associated Press. All rights reserved."], "AP"),
        (["Associated Press writers Alan Fram and Zeke Miller contributed."], "AP"),
        (["(Reporting by Will Dunham; Editing by Tom Brown)", "Copyright Thomson Reuters 2019"], "Reuters"),
        (["a lawyer, 22, told AFP on the city's main street"], "AFP"),
        (["the figures, compiled by Bloomberg News, show"], None),
        (["Kremlin spokesman Dmitry Peskov told reporters"], None),
        (["Reporting by The Associated Press."], "AP"),
    ],
)
def test_wire_signs(texts, wire):
    assert find_wire(texts) == wire


@pytest.mark.parametrize(
    ("author", "wire"),
    [
        ("ABC News; The Associated Press", "AP"),
        ("Reuters", "Reuters"),
        ("Jane Smith and AFP", "AFP"),
        ("Apple Smith", None),
        ("Bloomberg Opinion columnist", None),
        (None, None),
    ],
)
def test_wire_in_author(author, wire):
    assert wire_in_author(author) == wire


def test_outlets():
    assert outlet_from_banner("Support The Moscow Times!") == "The Moscow Times"
    assert outlet_from_banner("Support independent journalism") is None
    assert outlet_from_banner("Support us today!") is None
    assert source_from_url("https://www.mainichi.jp/english/articles/1") == "mainichi.jp"
    assert source_from_url("https://m.bbc.co.uk/news/1") == "bbc.co.uk"
    assert source_from_url(None) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The government said on Tuesday that it was ready to hold talks with the unions about the plan.",
            "en",
        ),
        (
            "Die Regierung hat am Dienstag erklärt, dass sie mit den Gewerkschaften über den Plan spricht.",
            "de",
        ),
        (
            "Le gouvernement a déclaré mardi qu'il était prêt à discuter du plan avec les syndicats.",
            "fr",
        ),
        (
            "El gobierno dijo el martes que estaba dispuesto a hablar con los sindicatos sobre el plan.",
            "es",
        ),
        (
            "Правительство заявило во вторник, что готово обсудить с профсоюзами план, и это не так просто.",
            "ru",
        ),
        (
            "Уряд заявив у вівторок, що готовий обговорити з профспілками план, і це не так просто.",
            "uk",
        ),
    ],
)
def test_language(text, lang):
    assert detect_language(text, CleanConfig()) == lang


def test_language_unsure_on_short_or_foreign_text():
    assert detect_language("Tokyo 2020", CleanConfig()) is None
    assert detect_language("東京都は火曜日、新しい計画を発表した。", CleanConfig()) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Tue, 15 Feb 2022 09:30:00 GMT", "2022-02-15T09:30"),
        ("15.02.2022", "2022-02-15"),
        ("2022-02-15T10:00:00.000Z", "2022-02-15T10:00:00+00:00"),
        ("20220231", None),  # no such day
        ("yesterday", None),  # relative to a day we do not know
        ("3 hours ago", None),
        ("garbage 2022", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso
