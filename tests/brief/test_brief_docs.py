"""Every CompareConfig and BriefConfig field is documented in docs/brief.md."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from newsfold.brief import BriefConfig
from newsfold.compare import CompareConfig

DOC = Path(__file__).resolve().parents[2] / "docs" / "brief.md"


def test_every_setting_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [
        f"{cls.__name__}.{f.name}"
        for cls in (CompareConfig, BriefConfig)
        for f in dataclasses.fields(cls)
        if f"`{cls.__name__}.{f.name}`" not in text
    ]
    assert not missing, missing
