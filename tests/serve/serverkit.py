"""Start and stop a real uvicorn server on 127.0.0.1 (a free port) over a SQLite file; load the seeds."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn

from newsfold.serve import ServeConfig, create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "bench" / "out" / "screenshots"
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
# Small limits so the oversize tests send kilobytes, not megabytes.
TEST_CONFIG = ServeConfig(max_body_bytes=256 * 1024, max_upload_files=8)


@dataclass(slots=True)
class Running:
    """A live server: its base URL, its database file, and the uvicorn handle to stop it."""

    url: str
    db: Path
    server: uvicorn.Server
    thread: threading.Thread


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(db: Path, config: ServeConfig = TEST_CONFIG) -> Running:
    """Start uvicorn in a thread and wait until it answers."""
    port = free_port()
    app = create_app(db, config)
    settings = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", timeout_keep_alive=config.keep_alive_s
    )
    server = uvicorn.Server(settings)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return Running(f"http://127.0.0.1:{port}", db, server, thread)


def stop(running: Running) -> None:
    running.server.should_exit = True
    running.thread.join(timeout=30)


def upload_seeds(url: str) -> dict:
    """POST the five seed files through the upload endpoint, as a client would."""
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(SEEDS.glob("*.txt"))]
    response = httpx.post(f"{url}/api/articles/upload", files=files, timeout=600)
    assert response.status_code == 200, response.text
    return response.json()
