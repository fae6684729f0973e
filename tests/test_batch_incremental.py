"""ocop run is incremental: a second run extracts nothing, an added article alone is extracted, a changed
one is re-extracted, a removed one's records go, a new pipeline version re-extracts all; the output is
the same whatever --jobs."""
from __future__ import annotations

import json
import shutil

from test_batch_support import article_of, expected_records, ids, lines, ocop, write_corpus

from extract import pipeline
from extract.batch import run_batch
from extract.engines import LocalEngine


def summary_line(stderr: bytes) -> str:
    return next(line for line in stderr.decode().splitlines() if " new, " in line)


def test_second_run_extracts_nothing_then_only_the_added_article(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 4)
    first = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert first.returncode == 0, first.stderr.decode()
    assert "4 new, 0 changed, 0 unchanged, 0 removed, 0 skipped; extracted 4" in summary_line(first.stderr)
    before = {name: (out / name).read_bytes() for name in ("records.jsonl", "articles.jsonl")}

    second = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert second.returncode == 0
    assert "0 new, 0 changed, 4 unchanged, 0 removed, 0 skipped; extracted 0" in summary_line(second.stderr)
    assert {name: (out / name).read_bytes() for name in before} == before

    added = write_corpus(corpus, 1, seed=7, start=4)
    third = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert "1 new, 0 changed, 4 unchanged, 0 removed, 0 skipped; extracted 1" in summary_line(third.stderr)
    assert ids(out / "articles.jsonl") == sorted(p.stem for p in paths + added)
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in paths + added])
    manifest = [json.loads(line) for line in lines(out / "manifest.jsonl")]
    assert [m["id"] for m in manifest] == sorted(p.stem for p in paths + added)
    assert all(m["pipeline_version"] == pipeline.PIPELINE_VERSION and len(m["content_hash"]) == 64
               for m in manifest)


def test_changed_and_removed_articles(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 4)
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "\nCó thêm 12 sản phẩm đạt 4 sao.",
                        encoding="utf-8")
    paths[2].unlink()
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert "0 new, 1 changed, 2 unchanged, 1 removed, 0 skipped; extracted 1" in summary_line(run.stderr)
    kept = [paths[0], paths[1], paths[3]]
    assert ids(out / "articles.jsonl") == [p.stem for p in kept]
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in kept])
    assert all(json.loads(r)["article_id"] != paths[2].stem for r in lines(out / "records.jsonl"))
    # the removed article's cached result is gone too
    assert sum(1 for _ in (out / "cache").rglob("*.part")) == 3


def test_new_pipeline_version_reextracts_everything(tmp_path, monkeypatch):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 3)
    assert run_batch([str(corpus)], out, quiet=True).extracted == 3
    assert run_batch([str(corpus)], out, quiet=True).extracted == 0
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", pipeline.PIPELINE_VERSION + ".test")
    again = run_batch([str(corpus)], out, quiet=True)
    assert (again.extracted, again.changed, again.unchanged) == (3, 3, 0)
    assert {json.loads(line)["pipeline_version"] for line in lines(out / "manifest.jsonl")} == \
        {pipeline.PIPELINE_VERSION}


def test_same_output_whatever_the_number_of_jobs(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 8)
    one = run_batch([str(corpus)], tmp_path / "one", engine=LocalEngine(1), quiet=True)
    three = run_batch([str(corpus)], tmp_path / "three", engine=LocalEngine(3), quiet=True)
    assert one.extracted == three.extracted == 8
    for name in ("records.jsonl", "articles.jsonl", "rejected.jsonl", "manifest.jsonl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "three" / name).read_bytes(), name
    assert ids(tmp_path / "one" / "articles.jsonl") == sorted(ids(tmp_path / "one" / "articles.jsonl"))


def test_records_in_article_id_order_then_text_order(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 5)
    run_batch([str(corpus)], out, engine=LocalEngine(2), quiet=True)
    records = [json.loads(line) for line in lines(out / "records.jsonl")]
    keys = [(r["article_id"], r["evidence"]["start"]) for r in records]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in paths])


def test_a_second_run_into_a_locked_folder_is_refused(tmp_path):
    from extract.batch import lock_output
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 1)
    with lock_output(out):
        run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert run.returncode == 1
    assert "being written by another ocop run" in run.stderr.decode()
    assert not (out / "records.jsonl").exists()


def test_usage_errors_exit_2(tmp_path):
    assert ocop("run", "--jobs", "0").returncode == 2
    run = ocop("run", str(tmp_path), "--out", str(tmp_path / "o"), "--engine", "dask")
    assert run.returncode == 2 and "--scheduler" in run.stderr.decode()


def test_reconciliation_is_called_or_said_unavailable(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 1)
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert run.returncode == 0, run.stderr.decode()
    from extract.reconcile import run_reconcile
    try:
        shutil.copytree(out, tmp_path / "probe")
        run_reconcile(tmp_path / "probe")
    except NotImplementedError:
        assert "reconciliation not available" in run.stderr.decode()
    else:
        assert (out / "facts.jsonl").exists()


def test_a_damaged_cache_part_fails_the_run_safely_and_the_next_run_repairs_it(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 3)
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    before = (out / "records.jsonl").read_bytes()
    write_corpus(corpus, 1, seed=9, start=3)          # something to do, so the outputs are rewritten
    part = next((out / "cache").rglob("*.part"))
    part.write_text(part.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")  # torn
    failed = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert failed.returncode == 1
    assert f"{part}: damaged cache part" in failed.stderr.decode() and "run again" in failed.stderr.decode()
    assert (out / "records.jsonl").read_bytes() == before
    repaired = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert repaired.returncode == 0, repaired.stderr.decode()
    everything = paths + [corpus / "art_0003.txt"]
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in everything])
