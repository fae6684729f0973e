"""How the browser test and the screenshot script start a browser: Debian's chromium, driven by
Playwright (never a browser Playwright downloads). Needs the `test` extra (playwright)."""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("OCOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def launch_chromium(playwright):
    """A headless chromium from /usr/bin/chromium (install it with scripts/install-chromium)."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"no chromium at {CHROMIUM}: run scripts/install-chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextmanager
def running_server(out_dir, db_path, reviewer: str = "tester"):
    """A review server on a free loopback port, in a thread; yields its address."""
    from .server import address, make_server

    server = make_server(out_dir, db_path, reviewer, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield address(server)
    finally:
        server.shutdown()
        server.server_close()
