"""read_paths: seeds, folders, globs, stdin, file URLs, missing paths, binary files, .gz."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from readkit import split

from newsfold.model import Origin, RawRecord, ReadError
from newsfold.read import read_bytes, read_paths

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def test_seeds_read_as_five_text_records():
    records, errors = split(read_paths([str(SEEDS)]))
    assert errors == []
    assert [Path(r.origin.path).name[:3] for r in records] == ["000", "001", "002", "003", "004"]
    for record in records:
        assert record.form == "text"
        assert record.encoding == "utf-8"
        assert record.origin.locator == ""
        assert record.content == Path(record.origin.path).read_bytes().decode("utf-8")


def test_seed_001_keeps_its_header_lines_for_clean():
    record = next(read_paths([str(SEEDS / "001_6c1178345865b3db.txt")]))
    first_lines = record.content.splitlines()[:3]
    assert first_lines[0] == "Russia says some forces pulling back amid Ukraine crisis"
    assert first_lines[1] == "20220215"
    assert first_lines[2].startswith("https://mainichi.jp/")


def test_folder_is_walked_recursively_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("zeta article body")
    (tmp_path / "b" / "a.txt").write_text("alpha article body")
    (tmp_path / "c.txt").write_text("gamma article body")
    (tmp_path / ".hidden.txt").write_text("skipped")
    records, errors = split(read_paths([str(tmp_path)]))
    assert errors == []
    assert [Path(r.origin.path).relative_to(tmp_path).as_posix() for r in records] == [
        "b/a.txt",
        "b/z.txt",
        "c.txt",
    ]


def test_a_lone_path_is_one_path_not_characters():
    assert [r.origin.path for r in read_paths(SEEDS / "000_d7c1842c6c0bfa09.txt")] == [
        str(SEEDS / "000_d7c1842c6c0bfa09.txt")
    ]
    assert len(list(read_paths(str(SEEDS)))) == 5


def test_fifos_are_skipped_in_folders_and_refused_by_name(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "story.txt").write_text("A story.")
    records, errors = split(read_paths([str(tmp_path)]))
    assert ([r.content for r in records], errors) == (["A story."], [])
    assert [r.content for r in read_paths([str(tmp_path / "*")])] == ["A story."]
    (error,) = read_paths([str(tmp_path / "pipe")])
    assert error.reason == "not a regular file or folder"


def test_glob_and_file_url(tmp_path):
    for name in ("one.txt", "two.txt", "three.md"):
        (tmp_path / name).write_text(f"body of {name}")
    records, _ = split(read_paths([str(tmp_path / "*.txt")]))
    assert [Path(r.origin.path).name for r in records] == ["one.txt", "two.txt"]
    record = next(read_paths([(tmp_path / "three.md").as_uri()]))
    assert record.content == "body of three.md"


def test_missing_path_and_empty_glob_are_errors(tmp_path):
    items = list(read_paths([str(tmp_path / "nope.txt"), str(tmp_path / "*.none"), str(SEEDS / "000*")]))
    assert items[0] == ReadError(Origin(str(tmp_path / "nope.txt")), "no such file or folder")
    assert items[1] == ReadError(Origin(str(tmp_path / "*.none")), "no files match this pattern")
    assert isinstance(items[2], RawRecord)  # the run goes on after errors


def test_images_in_a_folder_are_not_articles(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "raw.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "story.txt").write_text("A story.")
    records, errors = split(read_paths([str(tmp_path)]))
    assert [e.reason for e in errors] == ["not a supported article format (binary data, not text)"] * 2
    assert [r.content for r in records] == ["A story."]
    # The same words for a file named on its own or uploaded, so every entry point reports alike.
    named = list(read_paths([str(tmp_path / "raw.bin")]))
    uploaded = list(read_bytes((tmp_path / "raw.bin").read_bytes(), str(tmp_path / "raw.bin")))
    assert named == uploaded == [errors[1]]


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_blank.txt").write_bytes(b"  \n\n")
    _, errors = split(read_paths([str(tmp_path)]))
    assert [e.reason for e in errors] == ["empty file", "no article text"]


def test_gz_is_decompressed_and_sniffed_by_inner_name(tmp_path):
    page = b"<html><head><title>T</title></head><body><p>Body</p></body></html>"
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(page))
    record = next(read_paths([str(tmp_path / "page.html.gz")]))
    assert (record.form, record.content) == ("html", page.decode())


def test_truncated_gz_yields_what_was_readable_then_an_error(tmp_path):
    lines = b"".join(json.dumps({"text": f"article {i} " * 20}).encode() + b"\n" for i in range(3000))
    packed = gzip.compress(lines)
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    records, errors = split(read_paths([str(tmp_path / "cut.jsonl.gz")]))
    assert 100 < len(records) < 3000
    assert [r.origin.locator for r in records[:2]] == ["line 1", "line 2"]
    assert len(errors) == 1 and errors[0].reason.startswith("truncated input")


def test_truncated_gz_of_a_single_article_is_an_error(tmp_path):
    packed = gzip.compress(("word " * 20000).encode())
    (tmp_path / "cut.txt.gz").write_bytes(packed[:-30])
    records, errors = split(read_paths([str(tmp_path / "cut.txt.gz")]))
    assert records == [] and errors[0].reason.startswith("truncated input")


@pytest.mark.parametrize("keep", [12, 40, 0.5, -10])
def test_truncated_small_gz_says_truncated_not_empty(tmp_path, keep):
    # a short article whose whole compressed text fits in the sniffing head: the first read already fails
    packed = gzip.compress(("Russia says some troops are returning to base. " * 40).encode())
    cut = packed[: int(len(packed) * keep)] if isinstance(keep, float) else packed[:keep]
    (tmp_path / "small.txt.gz").write_bytes(cut)
    records, errors = split(read_paths([str(tmp_path / "small.txt.gz")]))
    assert records == [] and len(errors) == 1 and errors[0].reason.startswith("truncated input")


def test_stdin_is_read_with_dash(tmp_path):
    code = (
        "from newsfold.read import read_paths as rp; r = next(rp(['-'])); print(r.form, r.origin, r.content)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=b"<!doctype html><p>hi</p>", capture_output=True, check=True
    )
    assert done.stdout.decode().strip() == "html - <!doctype html><p>hi</p>"


def test_read_bytes_uses_the_name_as_origin():
    records, errors = split(read_bytes(b'{"title": "T", "body": "B"}\n', "upload.jsonl"))
    assert errors == []
    assert records[0].origin == Origin("upload.jsonl", "line 1")
    assert (records[0].title, records[0].content) == ("T", "B")


def test_read_bytes_with_gzip_payload():
    data = io.BytesIO()
    with gzip.GzipFile(fileobj=data, mode="wb") as packed:
        packed.write(b"Plain article.\n")
    record = next(read_bytes(data.getvalue(), "up.txt.gz"))
    assert record.content == "Plain article.\n"
