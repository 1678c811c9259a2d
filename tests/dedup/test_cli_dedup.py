"""`newsfold dedup` on real files into a real SQLite store, with --json families and reuse."""

from __future__ import annotations

import json
import random

from dedupkit import bodies, copies
from typer.testing import CliRunner

from newsfold.cli import app
from newsfold.store import Store


def test_dedup_command_folds_planted_copies_and_keeps_them(tmp_path, tmp_db):
    rng = random.Random(11)
    base, other = bodies()[7], bodies()[8]
    made = copies(base, rng)
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {"a_base": base, "b_shuffled": made["shuffled"], "c_truncated": made["truncated"],
                       "d_edited": made["edited"], "e_other": other}.items():  # fmt: skip
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "families.json"
    result = CliRunner().invoke(app, ["dedup", str(folder), "--db", str(tmp_db), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "copy families" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    origin = {a["id"]: a["origin"].rsplit("/", 1)[-1][0] for a in data["articles"]}
    groups = sorted(sorted(origin[m["article"]] for m in f["members"]) for f in data["families"])
    assert groups == [["a", "b", "c", "d"], ["e"]]
    family = next(f for f in data["families"] if len(f["members"]) == 4)
    assert family["canonical"] in {a for a, o in origin.items() if o in "abd"}
    assert all(len(e["a"]) == 3 and len(e["b"]) == 3 for e in family["evidence"])
    with Store.open(tmp_db) as store:
        assert {store.family_of(a) for a, o in origin.items() if o != "e"} == {family["id"]}
    again = CliRunner().invoke(app, ["dedup", str(folder), "--db", str(tmp_db)])
    assert again.exit_code == 0 and "skipped (already known) │ 5" in again.output
