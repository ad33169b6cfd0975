"""A real workbench for the browser tests: uvicorn on a free local port in a background thread, serving a fresh SQLite
store with the demo users only (cases are taken in through the pages), and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from imr.store.database import Store, sqlite_url
from imr.web.app import create_app
from imr.web.settings import WebSettings
from tests.support import ARTIFACTS, CHROMIUM, LAUNCH_FLAGS
from tests.web.conftest import SECRET, seed_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser

START_SECONDS = 30


@dataclass(frozen=True)
class LiveSite:
    base_url: str
    store: Store

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture
def live_site(tmp_path: Path) -> Iterator[LiveSite]:
    """The workbench served over HTTP on 127.0.0.1, on its own store (users only)."""
    import uvicorn

    url = sqlite_url(tmp_path / "workbench.sqlite")
    store = Store(url, upgrade_schema=True)
    seed_store(store, drafted=False)
    app = create_app(WebSettings(database_url=url, secret=SECRET), store=store)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))  # bound here and handed over: no race for the port
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the workbench server did not start")
        time.sleep(0.05)
    try:
        yield LiveSite(f"http://127.0.0.1:{port}", store)
    finally:
        server.should_exit = True
        thread.join(timeout=START_SECONDS)
        listener.close()
        store.dispose()


@pytest.fixture
def chromium() -> Iterator[Browser]:
    """Chromium, headless, with nothing reaching out to the network on its own."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
