"""docs/cleaning.md names every CleanConfig field and every reason clean() can record."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from newsfold.clean import CleanConfig

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "cleaning.md").read_text(encoding="utf-8")


def test_every_config_field_is_documented():
    missing = [f.name for f in fields(CleanConfig) if f"`{f.name}`" not in DOC]
    assert not missing, f"CleanConfig fields not in docs/cleaning.md: {missing}"


def test_every_reason_in_the_code_is_documented():
    source = "\n".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "newsfold" / "clean").glob("*.py")
    )
    # Reasons are set as `reason = "..."`, returned by the rule functions, or passed to `_mark`/`Removed`.
    pattern = r'(?:reason = |_mark\(block, |return |else |cut, )"((?:header:)?[a-z]+(?:-[a-z]+)*)"'
    found = set(re.findall(pattern, source)) - {"uk"}  # a language code returned by detect_language
    documented = set(re.findall(r"^\| `([a-z:-]+)`", DOC, flags=re.M))
    assert {"banner", "credits", "inner-repeat", "header:title", "header:date"} <= found
    assert found <= documented, f"reasons not in docs/cleaning.md: {sorted(found - documented)}"
