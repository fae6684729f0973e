"""The README's examples run as written: the two commands exist, and the pandas snippet of "Using the
output" works on the facts of a real run over corpus/."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _python_block(containing: str) -> str:
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    found = [b for b in blocks if containing in b]
    assert found, f"no python block with {containing!r} in README.md"
    return found[0]


def test_the_two_commands_are_the_makefile_targets_and_ci_runs_the_test_one():
    assert "make run" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_pandas_example_loads_the_facts(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    from extract.batch import run_extract
    from extract.reconcile import run_reconcile
    run_extract([str(ROOT / "corpus")], tmp_path / "out")
    run_reconcile(tmp_path / "out")
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    exec(compile(_python_block("pd.json_normalize"), "README.md", "exec"), ns)
    products = ns["products"]
    assert len(products) > 0 and set(products.key_scope) >= {"Hà Nội"}
    five = products[(products.key_scope == "Hà Nội") & (products.key_star == "5")]
    assert 9 in set(five.value)
    table = products.pivot_table(index=["key_scope", "as_of"], columns="key_star", values="value")
    assert "5" in table.columns
