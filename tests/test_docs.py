"""Every CLI command and option is documented in docs/cli.md, under a `## newsfold <command>` heading."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from newsfold.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _sections() -> dict[str, str]:
    """docs/cli.md cut at its `## ` headings, keyed by the command named in the heading."""
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    sections: dict[str, str] = {}
    for chunk in re.split(r"^## ", text, flags=re.M)[1:]:
        heading, _, body = chunk.partition("\n")
        match = re.search(r"newsfold(?: (\w[\w-]*))?", heading)
        if match:
            sections[match.group(1) or ""] = body
    return sections


def _options(command: object) -> set[str]:
    names = {name for param in command.params for name in param.opts if name.startswith("--")}
    return names - {"--help"}


def test_every_command_and_option_is_in_docs_cli() -> None:
    group = typer.main.get_command(app)
    assert group.commands, "the CLI has no commands"  # typer vendors its own click: duck-typed
    sections = _sections()
    missing = [f"global option {o}" for o in _options(group) if o not in sections.get("", "")]
    for name, command in group.commands.items():
        if name not in sections:
            missing.append(f"command `newsfold {name}` (no `## newsfold {name}` section)")
            continue
        missing += [f"`newsfold {name} {o}`" for o in _options(command) if o not in sections[name]]
    assert not missing, "not documented in docs/cli.md: " + ", ".join(missing)


def test_docs_json_names_every_key_of_the_public_shape() -> None:
    from newsfold.export import article_to_json, report_to_json, run_to_json
    from newsfold.model import Article, RunReport

    text = (DOCS / "json.md").read_text(encoding="utf-8")
    article = article_to_json(Article(id="a", origin="o", raw="r", text="t"))
    keys = set(run_to_json(RunReport())) | set(article) | set(report_to_json(RunReport()))
    missing = sorted(k for k in keys if f"`{k}`" not in text)
    assert not missing, f"keys not documented in docs/json.md: {missing}"
