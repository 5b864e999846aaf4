"""A bounded load test of the workbench: simulated analysts rate cells and read scores for a while, and a
reader analyses 1,000-word articles now and then; what it measures is printed by ``unspin bench --workbench``.

An analyst waits about a second between ratings (``think``; 0 makes it a stress test).  Each analyst owns
one evidence item of a case shared with others and writes each rating with the one it saw
in the cell (``was``), as the matrix editor does, trying again on a conflict.  At the end every
item must hold its owner's last acknowledged ratings: a lost update would show as another analyst's stale
write undoing them.  Figures: writes and reads per second, the 50th and 95th percentile of a rating write
(acknowledged, conflicts retried inside), of a scores read and of an analysis, conflicts, 5xx answers.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

__all__ = ["LoadFigures", "article_of", "run_load", "serve_in_thread"]

_RATINGS = ("CC", "C", "N", "I", "II")


@dataclass
class LoadFigures:
    analysts: int
    seconds: float
    writes: list[float] = field(default_factory=list)  #: seconds per acknowledged rating write
    reads: list[float] = field(default_factory=list)  #: seconds per scores read
    analyses: list[float] = field(default_factory=list)  #: seconds per 1,000-word analysis
    conflicts: int = 0
    server_errors: int = 0
    lost_updates: int = 0

    def summary(self) -> dict[str, Any]:
        def p(xs: list[float], q: float) -> float | None:
            return round(statistics.quantiles(xs, n=100)[int(q) - 1], 4) if len(xs) >= 2 else None

        return {
            "analysts": self.analysts,
            "seconds": round(self.seconds, 1),
            "rating writes": len(self.writes),
            "writes per second": round(len(self.writes) / self.seconds, 1) if self.seconds else None,
            "write p50 s": p(self.writes, 50),
            "write p95 s": p(self.writes, 95),
            "scores reads": len(self.reads),
            "read p95 s": p(self.reads, 95),
            "analyses": len(self.analyses),
            "analysis p95 s": p(self.analyses, 95)
            if len(self.analyses) >= 2
            else (round(self.analyses[0], 3) if self.analyses else None),
            "conflicts retried": self.conflicts,
            "5xx answers": self.server_errors,
            "lost updates": self.lost_updates,
        }


async def _analyst(
    client: httpx.AsyncClient,
    case: str,
    eid: str,
    hids: list[str],
    end: float,
    figures: LoadFigures,
    seed: int,
    think: float,
) -> dict[str, str]:
    rng = random.Random(seed)
    mine: dict[str, str] = {}
    while time.perf_counter() < end:
        await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
        hid, rating = rng.choice(hids), rng.choice(_RATINGS)
        started = time.perf_counter()
        while True:
            cell = {"evidence": eid, "hypothesis": hid, "rating": rating, "was": mine.get(hid, "NA")}
            res = await client.put(f"/api/cases/{case}/cells", json={"cells": [cell]})
            if res.status_code == 409:  # only if someone else changed this very cell: never, here
                figures.conflicts += 1
                current = res.json()["case"]
                row = next(e for e in current["evidence"] if e["id"] == eid)
                mine[hid] = row.get("ratings", {}).get(hid, "NA")
                continue
            break
        if res.status_code >= 500:
            figures.server_errors += 1
        elif res.status_code == 200:
            figures.writes.append(time.perf_counter() - started)
            mine[hid] = rating
        if rng.random() < 0.3:
            t0 = time.perf_counter()
            read = await client.get(f"/api/cases/{case}/scores")
            figures.reads.append(time.perf_counter() - t0)
            figures.server_errors += read.status_code >= 500
    return mine


async def _reader(client: httpx.AsyncClient, article: str, end: float, figures: LoadFigures, every: float) -> None:
    n = 0
    while time.perf_counter() < end:
        n += 1
        t0 = time.perf_counter()
        res = await client.post("/api/documents", json={"text": f"{article}\n\n(copy {n})"}, timeout=120)
        figures.server_errors += res.status_code >= 500
        if res.status_code == 201:
            figures.analyses.append(time.perf_counter() - t0)
        await asyncio.sleep(every)


async def _run(base: str, analysts: int, seconds: float, cases: int, article: str | None, think: float) -> LoadFigures:
    figures = LoadFigures(analysts, seconds)
    per_case = -(-analysts // cases)
    hids = ["H1", "H2", "H3", "H4"]
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        owners = []
        for c in range(cases):
            name = f"load-{c}-{random.randrange(10**9)}"
            await client.post("/api/cases", json={"name": name, "hypotheses": [f"idea {h}" for h in hids]})
            for k in range(per_case):
                await client.post(f"/api/cases/{name}/evidence", json={"text": f"item {k}"})
                owners.append((name, f"E{k + 1}"))
        owners = owners[:analysts]
        started = time.perf_counter()
        end = started + seconds
        jobs = [_analyst(client, name, eid, hids, end, figures, i, think) for i, (name, eid) in enumerate(owners)]
        extra = [_reader(client, article, end, figures, 3.0)] if article else []
        results: list[Any] = list(await asyncio.gather(*jobs, *extra))
        figures.seconds = time.perf_counter() - started
        for (name, eid), mine in zip(owners, results[: len(owners)], strict=True):
            stored = (await client.get(f"/api/cases/{name}")).json()["case"]
            ratings = next(e for e in stored["evidence"] if e["id"] == eid).get("ratings", {})
            figures.lost_updates += sum(1 for h, r in mine.items() if ratings.get(h) != r)
    return figures


def run_load(
    base: str,
    analysts: int = 20,
    seconds: float = 60.0,
    cases: int = 4,
    article: str | None = None,
    think: float = 1.0,
) -> LoadFigures:
    """Run the load against the workbench at ``base`` (e.g. ``http://127.0.0.1:8000``); each analyst waits
    ``think`` seconds on average (0.5–1.5 times it) between ratings, as a person reads before choosing."""
    return asyncio.run(_run(base, analysts, seconds, cases, article, think))


def serve_in_thread(app: Any) -> tuple[str, Any]:
    """Serve ``app`` on a free loopback port in a thread; returns its address and a function that stops it."""
    import socket
    import threading

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return f"http://127.0.0.1:{port}", stop


def article_of(words: int, text: str) -> str:
    """About ``words`` words of ``text`` (repeated when it is shorter), cut at a paragraph."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    out: list[str] = []
    n = 0
    while n < words and paragraphs:
        for p in paragraphs:
            out.append(p)
            n += len(p.split())
            if n >= words:
                break
    return "\n\n".join(out)
