"""Every API route is documented in docs/api.md (with every ServeConfig field), every page in docs/ui.md."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from fastapi.routing import APIRoute

from newsfold.serve import ServeConfig, create_app, pages

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_api_route_and_limit_is_documented(tmp_path: Path) -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    paths = create_app(tmp_path / "docs.db").openapi()["paths"]
    routes = [f"{method.upper()} {path}" for path, methods in paths.items() for method in methods]
    assert len(routes) >= 9
    missing = [r for r in routes if f"`{r}`" not in text]
    missing += [f"ServeConfig.{f.name}" for f in fields(ServeConfig) if f"`{f.name}`" not in text]
    assert not missing, f"not documented in docs/api.md: {missing}"


def test_every_page_is_documented() -> None:
    text = (DOCS / "ui.md").read_text(encoding="utf-8")
    paths = [r.path for r in pages.router.routes if isinstance(r, APIRoute)]
    assert len(paths) >= 5
    missing = [p for p in paths if f"`{p}" not in text]
    assert not missing, f"pages not documented in docs/ui.md: {missing}"
