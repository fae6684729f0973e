"""--engine dask: extraction mapped over partitions on a Dask cluster gives the same outputs as the local
engine. The test starts its own LocalCluster (worker processes, so articles and results really travel)."""
from __future__ import annotations

import pytest
from test_batch_support import ocop, write_corpus

from extract.batch import run_batch
from extract.streaming import stream_extract
from extract.engines import DaskEngine, EngineError, LocalEngine


def test_dask_engine_gives_the_local_outputs(tmp_path, cluster):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 7)
    engine = DaskEngine(cluster.scheduler_address, partition_size=3)
    try:
        on_dask = run_batch([str(corpus)], tmp_path / "dask", engine=engine, quiet=True)
    finally:
        engine.close()
    local = run_batch([str(corpus)], tmp_path / "local", engine=LocalEngine(1), quiet=True)
    assert on_dask.extracted == local.extracted == 7
    for name in ("records.jsonl", "articles.jsonl", "rejected.jsonl", "manifest.jsonl"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_dask_streaming_keeps_input_order(tmp_path, cluster):
    import io
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 5)
    outputs = []
    for engine in (DaskEngine(cluster.scheduler_address, partition_size=2), LocalEngine(1)):
        out = io.StringIO()
        try:
            stream_extract([str(corpus)], out, engine=engine, quiet=True)
        finally:
            engine.close()
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]


def test_command_line_with_a_scheduler_address(tmp_path, cluster):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    run = ocop("run", str(corpus), "--out", str(tmp_path / "out"), "--engine", "dask",
               "--scheduler", cluster.scheduler_address)
    assert run.returncode == 0, run.stderr.decode()
    assert "3 new" in run.stderr.decode()


def test_missing_dask_is_a_clear_message(monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "dask.distributed", None)   # as if the extra were not installed
    with pytest.raises(EngineError, match=r"--engine dask needs Dask: pip install 'ocop\[dask\]'"):
        DaskEngine("tcp://127.0.0.1:8786")


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    pytest.importorskip("dask.distributed")
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:1"):
        DaskEngine("tcp://127.0.0.1:1")
