"""Load on `newsfold serve`: concurrent readers of the story page while an ingest runs.

Runs a real `newsfold serve` process on 127.0.0.1 over a fresh SQLite file, loads the seeds through the
API (warm-up: models loaded, the story exists), then drives the story page with concurrent asyncio httpx
readers twice, in the same process: first with the server idle (the baseline), then while NAEB articles
(real news bodies, read from ../shared/data) are posted in batches. Reports requests/s and latency
percentiles for both, the ratio, failed requests (must be 0) and lost writes (must be 0: every article the
ingest answered with is readable afterwards and the store's count matches).

    .venv/bin/python bench/serve_load.py [--readers 16] [--seconds 20] [--articles 120] [--batch 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / ".." / "shared" / "seeds"
NAEB = REPO / ".." / "shared" / "data" / "naeb" / "articles.json"
OUT = REPO / "bench" / "out"
NEWSFOLD = [sys.executable, "-c", "import sys; from newsfold.cli import app; sys.argv[0] = 'newsfold'; app()"]


@dataclass
class Phase:
    """What the readers saw during one phase."""

    name: str
    requests: int = 0
    failed: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)  # why requests failed: status code or exception

    def summary(self) -> dict:
        lat = sorted(self.latencies_ms) or [0.0]
        return {
            "phase": self.name,
            "requests": self.requests,
            "failed": self.failed,
            "requests_per_s": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(statistics.median(lat), 1),
            "p90_ms": round(lat[int(0.90 * (len(lat) - 1))], 1),
            "p99_ms": round(lat[int(0.99 * (len(lat) - 1))], 1),
            "max_ms": round(lat[-1], 1),
            "failures": dict(self.reasons),
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    command = [*NEWSFOLD, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("newsfold serve did not start")


def warm_up(url: str) -> str:
    """Load the seeds through the API; the story they form is the page the readers hit."""
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(SEEDS.glob("*.txt"))]
    body = httpx.post(f"{url}/api/articles/upload", files=files, timeout=600).json()
    stories = httpx.get(f"{url}/api/stories", timeout=60).json()["items"]
    if not stories:
        raise SystemExit(f"no story after loading the seeds: {body}")
    story = stories[0]["story"]["id"]
    for _ in range(5):
        httpx.get(f"{url}/stories/{story}", timeout=60).raise_for_status()
    return story


async def read_story(url: str, story: str, readers: int, stop: asyncio.Event, phase: Phase) -> None:
    """`readers` clients fetch the story page back to back until `stop` is set."""
    limits = httpx.Limits(max_connections=readers, max_keepalive_connections=readers)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one_reader() -> None:
            while not stop.is_set():
                began = time.perf_counter()
                reason = await _fetch(client, f"/stories/{story}")
                phase.latencies_ms.append((time.perf_counter() - began) * 1000)
                phase.requests += 1
                if reason:
                    phase.failed += 1
                    phase.reasons[reason] += 1

        began = time.perf_counter()
        await asyncio.gather(*(one_reader() for _ in range(readers)))
        phase.seconds = time.perf_counter() - began


async def _fetch(client: httpx.AsyncClient, path: str) -> str:
    """'' when the story page came back whole, else why not."""
    try:
        response = await client.get(path)
    except httpx.HTTPError as exc:
        return type(exc).__name__
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:120]}"
    return "" if b"copy families" in response.content.lower() else "page without its story"


def naeb_batches(count: int, batch: int) -> list[list[dict]]:
    items = json.loads(NAEB.read_text(encoding="utf-8"))
    articles = [_article(key, a) for key, a in items.items() if len(a.get("articleBody") or "") > 200][:count]
    return [articles[i : i + batch] for i in range(0, len(articles), batch)]


def _article(key: str, item: dict) -> dict:
    return {
        "text": item["articleBody"],
        "title": item.get("title"),
        "url": item.get("url"),
        "published": item.get("date"),
        "name": f"naeb/{key}",
    }


async def ingest(url: str, batches: list[list[dict]]) -> dict:
    """Post the batches one after another (as a feed client would); collect the ids the server returned."""
    ids: set[str] = set()
    failed = 0
    async with httpx.AsyncClient(base_url=url, timeout=600) as client:
        for number, batch in enumerate(batches, 1):
            response = await client.post("/api/articles", json={"articles": batch})
            if response.status_code != 200:
                failed += 1
                continue
            ids.update(response.json()["articles"])
            print(f"  ingest batch {number}/{len(batches)}: {len(ids)} articles so far", file=sys.stderr)
    return {"batches": len(batches), "failed_batches": failed, "ids": ids}


async def run_phase(url: str, story: str, readers: int, seconds: float, batches: list | None) -> tuple:
    phase = Phase("during ingest" if batches else "idle (baseline)")
    stop = asyncio.Event()
    reading = asyncio.create_task(read_story(url, story, readers, stop, phase))
    written = None
    began = time.perf_counter()
    if batches:
        written = await ingest(url, batches)
    await asyncio.sleep(max(0.0, seconds - (time.perf_counter() - began)))
    stop.set()
    await reading
    return phase, written, time.perf_counter() - began


def lost_writes(url: str, ids: set[str], before: int) -> int:
    """Articles the ingest reported that the store cannot give back, plus any count mismatch."""
    with httpx.Client(base_url=url, timeout=60) as client:
        missing = sum(client.get(f"/api/articles/{i}").status_code != 200 for i in ids)
        stored = client.get("/api/health").json()["articles"]
    return missing + abs(stored - (before + len(ids)))


def _stop_on_sigterm() -> None:
    """A timeout's SIGTERM still runs the `finally` that stops the server process."""

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, handler)


def main() -> None:
    _stop_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0, help="minimum length of each phase")
    parser.add_argument("--articles", type=int, default=30, help="NAEB articles ingested during phase 2")
    parser.add_argument("--batch", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        server = start_server(Path(tmp) / "load.db", port)
        url = f"http://127.0.0.1:{port}"
        try:
            story = warm_up(url)
            before = httpx.get(f"{url}/api/health").json()["articles"]
            idle, _, _ = asyncio.run(run_phase(url, story, args.readers, args.seconds, None))
            batches = naeb_batches(args.articles, args.batch)
            busy, written, wall = asyncio.run(run_phase(url, story, args.readers, args.seconds, batches))
            lost = lost_writes(url, written["ids"], before)
        finally:
            server.terminate()
            server.wait(timeout=60)
    report(args, idle, busy, written, wall, lost)


def report(args: argparse.Namespace, idle: Phase, busy: Phase, written: dict, wall: float, lost: int) -> None:
    base, load = idle.summary(), busy.summary()
    result = {
        "readers": args.readers,
        "idle": base,
        "during_ingest": load,
        "ratio_rps_during_vs_idle": round(load["requests_per_s"] / max(base["requests_per_s"], 1e-9), 2),
        "ratio_p99_during_vs_idle": round(load["p99_ms"] / max(base["p99_ms"], 1e-9), 2),
        "ingest": {
            "articles": len(written["ids"]),
            "batches": written["batches"],
            "failed_batches": written["failed_batches"],
            "seconds": round(wall, 1),
        },
        "failed_requests": idle.failed + busy.failed,
        "lost_writes": lost,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "serve_load.json").write_text(json.dumps(result, indent=2))
    for phase in (base, load):
        print(
            f"{phase['phase']:>16}: {phase['requests_per_s']:8.1f} req/s  p50 {phase['p50_ms']:7.1f} ms"
            f"  p99 {phase['p99_ms']:7.1f} ms  requests {phase['requests']}  failed {phase['failed']}"
        )
    rps, p99 = result["ratio_rps_during_vs_idle"], result["ratio_p99_during_vs_idle"]
    print(f"ratio during/idle: req/s x{rps}, p99 x{p99}")
    print(f"ingest: {result['ingest']}  failed requests: {result['failed_requests']}  lost writes: {lost}")
    print(f"wrote {OUT / 'serve_load.json'}")


if __name__ == "__main__":
    main()
