"""`ocop` leaves as the interpreter does at its end (`cli.leave`), without freeing its objects one by one:
the exit handlers run, what was written is flushed, the exit code is the command's, and a thread still
running is waited for as the interpreter waits for it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_exit_handlers_run_and_streams_are_flushed():
    done = _python("import atexit, sys\n"
                   "from extract.cli import leave\n"
                   "atexit.register(lambda: print('handler ran'))\n"
                   "sys.stdout.write('written, not flushed; ')\n"
                   "sys.stderr.write('to stderr')\n"
                   "leave(3)\n"
                   "print('not reached')\n")
    assert done.returncode == 3
    assert done.stdout == "written, not flushed; handler ran\n"
    assert done.stderr == "to stderr"


def test_a_thread_still_running_is_waited_for():
    done = _python("import threading, time\n"
                   "from extract.cli import leave\n"
                   "def late():\n"
                   "    time.sleep(0.3)\n"
                   "    print('thread finished', flush=True)\n"
                   "threading.Thread(target=late).start()\n"
                   "leave(0)\n")
    assert done.returncode == 0
    assert done.stdout == "thread finished\n"


def test_the_command_exit_code_is_kept():
    done = subprocess.run([sys.executable, "-c", "import extract.cli; extract.cli.run()", "run", "--no-such-option"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--no-such-option" in done.stderr
    done = subprocess.run([sys.executable, "-c", "import extract.cli; extract.cli.run()", "--help"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("usage: ocop")
