"""The workbench killed with SIGKILL in the middle of writes: restarted, it has every write it acknowledged
(each is one transaction, committed before the answer goes out) and the case still loads and scores."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "unspin", "serve", "--db", str(db), "--port", str(port), "--no-example"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/cases", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"the server did not start: {proc.stderr.read().decode() if proc.stderr else ''}")


def test_every_acknowledged_write_survives_a_sigkill(tmp_path: Path) -> None:
    db, port = tmp_path / "k.sqlite", _free_port()
    base = f"http://127.0.0.1:{port}/api/cases"
    server = _start(db, port)
    acknowledged: list[str] = []
    stop = threading.Event()

    def writer(k: int) -> None:
        with httpx.Client(timeout=5) as client:
            n = 0
            while not stop.is_set():
                text = f"writer {k} idea {n}"
                try:
                    res = client.post(f"{base}/kill/hypotheses", json={"text": text})
                except httpx.TransportError:
                    return  # the server is gone: this write was never acknowledged
                if res.status_code == 201:
                    acknowledged.append(text)
                n += 1

    try:
        assert httpx.post(base, json={"name": "kill", "hypotheses": ["first"]}).status_code == 201
        threads = [threading.Thread(target=writer, args=(k,)) for k in range(3)]
        for t in threads:
            t.start()
        time.sleep(2.0)
        os.kill(server.pid, signal.SIGKILL)  # mid-stream: some writes are in flight
        server.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
    assert len(acknowledged) >= 5, "too few writes before the kill to test anything"
    server = _start(db, port)
    try:
        case = httpx.get(f"{base}/kill").json()
        stored = {h["text"] for h in case["case"]["hypotheses"]}
        assert set(acknowledged) <= stored  # nothing acknowledged is lost
        assert len(stored) <= len(acknowledged) + 1 + 3  # at most one unacknowledged write per writer landed
        assert httpx.get(f"{base}/kill/scores").status_code == 200
    finally:
        server.kill()
        server.wait(timeout=10)
