"""What cannot be read is never taken as removed, a damaged output is rewritten, and what cannot be written
is one clear line: real permissions (checked by the kernel for a process without the power to override
them), a real full filesystem (a small tmpfs, when the test may mount one), real files."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_batch_support import REPO, article_of, expected_records, ids, lines, ocop, write_corpus


def unprivileged() -> list[str] | None:
    """A command prefix that runs a process for which file permissions hold: nothing for an ordinary
    user; for root, root without the capabilities that bypass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH),
    so that a folder of mode 000 is as unreadable to it as to any user. None when neither can be had."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    if shutil.which("setpriv") is None:
        return None
    probe = subprocess.run([*prefix, sys.executable, "-c", "pass"], capture_output=True)
    return prefix if probe.returncode == 0 else None


def ocop_unprivileged(*args: str) -> subprocess.CompletedProcess:
    prefix = unprivileged()
    if prefix is None:
        pytest.skip("running as root and cannot drop the capabilities that bypass file permissions "
                    "(setpriv missing or not allowed)")
    return subprocess.run([*prefix, sys.executable, "-m", "extract.cli", *args], capture_output=True,
                          cwd=REPO, timeout=600)


@pytest.fixture
def locked_away():
    """chmod 000 on folders, undone afterwards (so pytest can clean up)."""
    folders = []

    def lock(folder: Path) -> Path:
        folder.chmod(0)
        folders.append(folder)
        return folder
    yield lock
    for folder in folders:
        folder.chmod(0o755)


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes()
            for name in ("records.jsonl", "articles.jsonl", "facts.jsonl", "conflicts.jsonl")}


@pytest.mark.parametrize("which", ["the input folder", "a subfolder"])
def test_a_folder_that_cannot_be_read_is_named_and_removes_nothing(tmp_path, locked_away, which):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    top = write_corpus(corpus, 2)
    sub = write_corpus(corpus / "sub", 3, seed=1, start=2)
    first = ocop_unprivileged("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert first.returncode == 0, first.stderr.decode()
    before = snapshot(out)

    folder = locked_away(corpus if which == "the input folder" else corpus / "sub")
    run = ocop_unprivileged("run", str(corpus), "--out", str(out), "--jobs", "1")
    err = run.stderr.decode()
    assert run.returncode == 3, err
    assert f"ocop: skipped {folder}: folder cannot be read: Permission denied" in err
    assert "0 removed" in err and "Traceback" not in err
    kept = len(top + sub) if which == "the input folder" else len(sub)
    assert f"{kept} articles from what could not be read are kept as the last run left them" in err
    assert snapshot(out) == before
    assert ids(out / "articles.jsonl") == sorted(p.stem for p in top + sub)


def test_a_truncated_output_is_detected_and_rewritten(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 3)
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    whole = (out / "records.jsonl").read_bytes()
    for cut in (len(whole) // 2, whole.rindex(b"\n", 0, len(whole) - 1) + 1):   # mid-line, at a line's end
        with open(out / "records.jsonl", "r+b") as f:
            f.truncate(cut)
        again = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
        err = again.stderr.decode()
        assert again.returncode == 0, err
        assert f"{out / 'records.jsonl'} is damaged" in err and "rewritten from the cache" in err
        assert "extracted 0" in err
        assert (out / "records.jsonl").read_bytes() == whole
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in paths])
    quiet = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert quiet.returncode == 0 and "damaged" not in quiet.stderr.decode()


def test_a_manifest_that_is_a_folder_is_one_clear_line(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 1)
    (out / "manifest.jsonl").mkdir(parents=True)
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    err = run.stderr.decode()
    assert run.returncode == 1
    assert f"ocop: error: cannot read {out / 'manifest.jsonl'}: Is a directory" in err
    assert "Traceback" not in err


def test_reconcile_into_a_read_only_folder_is_one_clear_line(tmp_path, locked_away):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 2)
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    before = snapshot(out)
    out.chmod(0o555)
    try:
        run = ocop_unprivileged("reconcile", "--out", str(out))
    finally:
        out.chmod(0o755)
    err = run.stderr.decode()
    assert run.returncode == 1, err
    assert "ocop: error:" in err and "Permission denied" in err and str(out) in err
    assert "Traceback" not in err
    assert snapshot(out) == before


@pytest.fixture
def small_filesystem(tmp_path):
    """A real filesystem of 8 MB (tmpfs), when this process may mount one."""
    mount = shutil.which("mount")
    target = tmp_path / "small"
    target.mkdir()
    if os.geteuid() != 0 or mount is None:
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run([mount, "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(target)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    yield target
    subprocess.run(["umount", str(target)], check=True)


def test_disk_full_while_caching_is_one_clear_line_and_loses_nothing(tmp_path, small_filesystem):
    corpus, out = tmp_path / "corpus", small_filesystem / "out"
    write_corpus(corpus, 2)
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    before = {name: (out / name).read_bytes() for name in ("records.jsonl", "articles.jsonl")}
    write_corpus(corpus, 40, seed=9, start=2)
    filler = small_filesystem / "filler"
    with open(filler, "wb") as f:     # leave less room than the new results need
        free = shutil.disk_usage(small_filesystem).free
        f.write(b"\0" * max(0, free - 40_000))
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    err = run.stderr.decode()
    assert run.returncode == 1, err
    assert "ocop: error: cannot write" in err and "No space left on device" in err
    assert "Traceback" not in err
    assert {name: (out / name).read_bytes() for name in before} == before
    filler.unlink()
    again = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert again.returncode == 0, again.stderr.decode()
    assert "42 articles" in again.stderr.decode()
