"""The hash a part's cached results are named by (`parts_cache.claims_digest`): the same for the same claims
however their objects were made (in another process, from records read again), and different when any field
a claim carries differs, down to a value's type and a word of its evidence."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from extract.reconcile.claims import make_claims
from extract.reconcile.parts_cache import claims_digest
from extract.reconcile.records import RecordReader
from extract.reconcile.samples import count_record

ROOT = Path(__file__).resolve().parent.parent


def records() -> list[dict]:
    return [count_record("a#1", "a", 350, scope="Nam Định", as_of="2024"),
            count_record("a#2", "a", 120, scope="Nam Định", kind="added", as_of="2024", period="2024"),
            count_record("b#1", "b", 352, scope="Nam Định", as_of="2024-06"),
            count_record("b#2", "b", 40, star="4", scope="Nam Định", as_of="2024-06")]


def digest_of(recs: list[dict]) -> str:
    read = RecordReader()
    return claims_digest(make_claims([read(json.loads(json.dumps(r, ensure_ascii=False))) for r in recs]))


def test_the_same_claims_made_again_hash_the_same():
    assert digest_of(records()) == digest_of(records())


def test_the_hash_does_not_depend_on_the_process():
    code = ("import sys; sys.path[:0] = ['tests', '.']; from test_reconcile_digest import digest_of, records; "
            "print(digest_of(records()))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == digest_of(records())


def test_any_change_of_a_claim_changes_the_hash():
    base = digest_of(records())
    changes = [
        lambda rs: rs[0].update(value=351),
        lambda rs: rs[0].update(value=350.0),                       # the same number, another type
        lambda rs: rs[2].update(as_of="2024-07"),
        lambda rs: rs[3].update(scope="Nam Đinh"),
        lambda rs: rs[1]["evidence"].update(sentence=rs[1]["evidence"]["sentence"] + " "),
        lambda rs: rs[3]["evidence"].update(start=rs[3]["evidence"]["start"] + 1),
        lambda rs: rs[0].update(approx="over"),
    ]
    seen = {base}
    for change in changes:
        recs = json.loads(json.dumps(records(), ensure_ascii=False))
        change(recs)
        got = digest_of(recs)
        assert got not in seen
        seen.add(got)
