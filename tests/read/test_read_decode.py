"""Encodings: BOMs, UTF-8 first, declared charsets, cp1252 for Latin text, charset-normalizer otherwise."""

from __future__ import annotations

import codecs

from newsfold.read.decode import decode, header_charset, markup_charset, normalise, stream_encoding


def test_bom_wins_and_is_removed():
    assert decode(codecs.BOM_UTF8 + "é".encode()) == ("é", "utf-8-sig")
    assert decode(codecs.BOM_UTF32_LE + "é".encode("utf-32-le")) == ("é", "utf-32")


def test_utf8_then_declared_then_guess():
    assert decode("Zürich".encode()) == ("Zürich", "utf-8")
    assert decode("Zürich".encode("cp1252"), "iso-8859-1") == ("Zürich", "cp1252")
    assert decode("“Zürich”".encode("cp1252")) == ("“Zürich”", "cp1252")


def test_greek_without_a_declaration_is_guessed():
    text = "Η Ρωσία ανακοίνωσε ότι ορισμένες μονάδες επιστρέφουν στις βάσεις τους μετά τις ασκήσεις. " * 3
    decoded, encoding = decode(text.encode("cp1253"))
    assert decoded == text
    assert encoding in ("cp1253", "iso8859-7")


def test_bad_declaration_is_ignored():
    assert decode(b"plain", "no-such-charset") == ("plain", "utf-8")
    assert normalise("no-such-charset") is None


def test_charset_sources():
    assert markup_charset(b'<meta charset="ISO-8859-1">') == "cp1252"
    assert markup_charset(b"<?xml version='1.0' encoding='windows-1251'?>") == "cp1251"
    assert markup_charset(b"<p>none</p>") is None
    assert header_charset("text/html; charset=Shift_JIS") == "shift_jis"
    assert header_charset("text/html") is None


def test_stream_encoding_forgives_a_cut_last_character():
    head = "abc é".encode()[:-1]  # the head ends inside a two-byte character
    assert stream_encoding(head) == "utf-8"
    assert stream_encoding("“x”".encode("cp1252")) == "cp1252"
