"""Progress: a bar on a terminal (articles done, rate, time left), log lines otherwise, nothing quiet."""
from __future__ import annotations

import io
import os
import pty

from test_batch_support import ocop, write_corpus

from extract.progress import Progress, choose_mode


def test_mode_follows_the_stream():
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "w") as terminal:
            assert choose_mode(False, terminal) == "bar"
            assert choose_mode(True, terminal) == "quiet"
    finally:
        os.close(master)
    assert choose_mode(False, io.StringIO()) == "log"


def test_bar_shows_done_rate_and_time_left():
    out = io.StringIO()
    p = Progress(total=4, stream=out, mode="bar")
    p.advance(extracted=False)
    p._last = 0  # draw now
    p.advance()
    p.finish()
    screen = out.getvalue()
    assert "\r[" in screen and "] 2/4 articles (" in screen and "/s" in screen and "left)" in screen
    assert screen.endswith("\n")


def test_quiet_progress_prints_nothing():
    out = io.StringIO()
    p = Progress(total=2, stream=out, mode="quiet")
    p.advance(); p.advance(); p.finish()
    assert out.getvalue() == ""


def test_a_run_on_a_terminal_draws_the_bar(tmp_path):
    """The real command with its standard error on a pseudo-terminal."""
    import subprocess
    import sys
    from test_batch_support import REPO
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "extract", str(corpus), "--out",
                             str(tmp_path / "out"), "--jobs", "1"], stderr=slave, stdout=subprocess.DEVNULL,
                            cwd=REPO)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:   # the terminal closes when the process ends
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=300) == 0
    screen = b"".join(chunks).decode()
    assert "2/2 articles" in screen and "\r[" in screen and "##" in screen
