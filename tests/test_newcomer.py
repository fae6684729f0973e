"""The little things a newcomer met (issue 11): `ocop --version`, a `# heading` title, `ocop run` outside a
project, and `ocop extract - --out -` in a shell pipeline: each article's records come out as soon as it
is done whatever --jobs is, and a skipped line still gives exit code 3 when the reader closed the pipe."""
import json
import os
import select
import subprocess
import sys
from pathlib import Path

from extract.inputs import Article
from extract.pipeline import extract_article

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Năm 2024, tỉnh {place} có {n} sản phẩm OCOP được công nhận đạt từ 3 sao trở lên."
HANG_GUARD_S = 300
"""Not a speed measure: only how long a broken stream may hang before the test gives up."""


def ocop(*args, cwd, **kw):
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)}, **kw)


def test_version(tmp_path):
    done = ocop("--version", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("ocop ") and done.stdout.split()[1][0].isdigit()


def test_a_markdown_heading_title_loses_its_marks(tmp_path):
    text = "# Hà Nội: Gia tăng giá trị từ sản phẩm OCOP\n\nHà Nội có 3.317 sản phẩm OCOP, trong đó 6 sản phẩm 5 sao.\n"
    assert extract_article(Article(id="a", text=text)).article.title == "Hà Nội: Gia tăng giá trị từ sản phẩm OCOP"
    assert extract_article(Article(id="a", text=text, title="## Tiêu đề ##")).article.title == "Tiêu đề"


def test_run_outside_a_project_says_what_to_do_and_makes_no_out(tmp_path):
    done = ocop("run", cwd=tmp_path)
    assert done.returncode == 2
    assert "no corpus/ folder" in done.stderr and "ocop run FILE_OR_FOLDER" in done.stderr
    assert not (tmp_path / "out").exists()


def line(i: int, place: str = "Nam Định") -> str:
    return json.dumps({"id": f"a{i}", "text": ARTICLE.format(place=place, n=100 + i)}, ensure_ascii=False) + "\n"


def read_line(stream) -> str:
    ready, _, _ = select.select([stream], [], [], HANG_GUARD_S)
    assert ready, "no record came out: the stream holds a finished article back"
    return stream.readline()


def test_streaming_with_two_jobs_writes_a_record_before_the_next_line_is_written(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "extract", "-", "--out", "-", "--jobs", "2"],
                            cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        proc.stdin.write(line(1))
        proc.stdin.flush()
        first = json.loads(read_line(proc.stdout))      # the second line is not written yet
        assert first["article_id"] == "a1"
        proc.stdin.write(line(2))
        proc.stdin.close()
        records = [first, *(json.loads(x) for x in proc.stdout.read().splitlines())]
        assert [(r["article_id"], r["value"]) for r in records if r["type"] == "count"] == [("a1", 101), ("a2", 102)]
        assert proc.wait(timeout=HANG_GUARD_S) == 0, proc.stderr.read()
    finally:
        proc.kill()


def test_a_skipped_line_exits_3_even_when_the_reader_closed_the_pipe(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "extract", "-", "--out", "-", "--jobs", "2"],
                            cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        proc.stdin.write("{not json\n" + line(1))
        proc.stdin.flush()
        assert json.loads(read_line(proc.stdout))["article_id"] == "a1"
        proc.stdout.close()                               # the reader goes away (`| head -1`)
        for i in range(2, 40):                            # what comes next has nowhere to go
            proc.stdin.write(line(i))
        proc.stdin.close()
        assert proc.wait(timeout=HANG_GUARD_S) == 3
        err = proc.stderr.read()
        assert "<stdin>:1" in err and "Traceback" not in err and "BrokenPipe" not in err
    finally:
        proc.kill()
