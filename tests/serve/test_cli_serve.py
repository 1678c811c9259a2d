"""`newsfold serve` as a user runs it: a real process on loopback over a real SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from serverkit import free_port

# The installed console script's entry point, run by this interpreter (no PATH lookup).
NEWSFOLD = [sys.executable, "-c", "import sys; from newsfold.cli import app; sys.argv[0] = 'newsfold'; app()"]


def test_newsfold_serve_binds_loopback_and_answers(tmp_path: Path) -> None:
    port = free_port()
    db = tmp_path / "cli.db"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen([*NEWSFOLD, "serve", "--db", str(db), "--port", str(port)], env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, "newsfold serve exited"
                assert time.monotonic() < deadline, "newsfold serve did not answer within 60 s"
                time.sleep(0.2)
        assert response.json() == {"status": "ok", "articles": 0}
        assert db.is_file()
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "The store is empty" in page.text
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_newsfold_serve_fails_clearly_on_a_bad_store(tmp_path: Path) -> None:
    missing = tmp_path / ("no-such-folder-" + "x" * 80) / "x.db"  # longer than a terminal line
    done = subprocess.run(
        [*NEWSFOLD, "serve", "--db", str(missing)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert f"folder {missing.parent} does not exist" in done.stderr  # one line: the path can be copied
