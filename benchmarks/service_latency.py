"""Latency of the web service under load (python -m benchmarks.service_latency; `make bench-service`).

A real server (`imr serve`, uvicorn, one process) on a fresh store seeded with the demo users and CASES copies of
the example case, each screened and assigned to R-101 and drafted once. Then, for each endpoint, CLIENTS concurrent
clients (threads, each with its own logged-in session and its own case, so no two race on one case) call it in a
loop for SECONDS seconds: the workbench's case page (GET /cases/{id}, the reviewer's two-pane view) and the draft
endpoint (POST /api/cases/{id}/draft, which runs the engine in the server's pool of engine processes, one per core);
then the draft endpoint once more with a single client, for the latency of one draft on an idle server. Prints and
writes p50 / p95 / max latency, requests and errors to benchmarks/service_results.json.

--db URL runs against another empty database (e.g. the PostgreSQL server scripts/with-postgres starts).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "service_results.json"
EXAMPLE = ROOT / "examples" / "standard-lumbar-pt-mri-norco"
CLIENTS = 20
SECONDS = 30.0
CASES = CLIENTS
REVIEWER = "r-101"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _seed(url: str, folder: Path) -> tuple[list[int], str]:
    """The store seeded: demo users (a known reviewer password) and CASES drafted copies of the example case."""
    import yaml

    from imr.cases import load_panel
    from imr.store.database import Store
    from imr.store.models import Role
    from imr.store.users import add_panel_reviewers, add_user
    from imr.store.workflow import CaseService

    store = Store(url, upgrade_schema=True)
    password = "benchmark password 1"
    manager = add_user(store, "manager", password, Role.case_manager)
    add_panel_reviewers(store, load_panel(ROOT / "examples" / "panel.yaml"), {REVIEWER: password})
    service = CaseService(store)
    case = yaml.safe_load((EXAMPLE / "case.yaml").read_text(encoding="utf-8"))
    ids = []
    for number in range(CASES):
        copy = folder / f"case-{number}"
        copy.mkdir()
        for record in EXAMPLE.iterdir():
            if record.name != "case.yaml":
                (copy / record.name).write_bytes(record.read_bytes())
        case["case_number"] = f"CM16-{9000000 + number:07d}"
        (copy / "case.yaml").write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
        case_id = service.import_folder(manager.id, copy)
        service.screen(manager.id, case_id)
        service.assign(manager.id, case_id)
        service.draft(manager.id, case_id)
        ids.append(case_id)
        print(f"\rseeded {number + 1}/{CASES} drafted cases", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    store.dispose()
    return ids, password


def _login(base: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=300)
    response = client.post("/api/session", json={"username": REVIEWER, "password": password})
    response.raise_for_status()
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


def _load(
    clients: list[httpx.Client], cases: list[int], call: Callable[[httpx.Client, int], httpx.Response], seconds: float
) -> dict[str, float | int]:
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def run(client: httpx.Client, case_id: int) -> None:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            response = call(client, case_id)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status_code >= 400:
                    errors.append(response.status_code)

    threads = [threading.Thread(target=run, args=pair) for pair in zip(clients, cases, strict=True)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "errors": len(errors),
        "per_second": round(len(ordered) / wall, 2),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty database to use instead of a fresh SQLite file")
    parser.add_argument("--seconds", type=float, default=SECONDS)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="imr-bench-service-") as temporary:
        folder = Path(temporary)
        url = options.db or f"sqlite:///{folder / 'store.sqlite'}"
        cases, password = _seed(url, folder)
        port = _free_port()
        environment = {**os.environ, "IMR_SESSION_SECRET": "benchmark-session-secret-" + "b" * 32}
        server = subprocess.Popen(
            [sys.executable, "-m", "imr.cli", "serve", "--db", url, "--port", str(port)],
            env=environment,
            stdout=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    httpx.get(f"{base}/login", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            clients = [_login(base, password) for _ in range(CLIENTS)]
            for client, case_id in zip(clients, cases, strict=True):  # warm: every page once
                client.get(f"/cases/{case_id}").raise_for_status()
            print(f"{CLIENTS} clients, {options.seconds:.0f} s per endpoint", file=sys.stderr)
            page = _load(clients, cases, lambda c, i: c.get(f"/cases/{i}"), options.seconds)
            print(f"case page: {page}", file=sys.stderr)

            def drafting(client: httpx.Client, case_id: int) -> httpx.Response:
                return client.post(f"/api/cases/{case_id}/draft", json={})

            draft = _load(clients, cases, drafting, options.seconds)
            print(f"draft: {draft}", file=sys.stderr)
            alone = _load(clients[:1], cases[:1], drafting, options.seconds)
            print(f"draft, one client: {alone}", file=sys.stderr)
        finally:
            server.terminate()
            server.wait(timeout=30)
    results = {
        "database": "sqlite" if options.db is None else "given",
        "clients": CLIENTS,
        "seconds": options.seconds,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "case_page": page,
        "draft_endpoint": draft,
        "draft_endpoint_one_client": alone,
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
