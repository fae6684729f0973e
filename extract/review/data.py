"""What the review page shows: the outputs of `ocop run` (read again whenever a file changes) and the
queue of findings, with each finding's status taken from the review database.

>>> c = lambda i, sev: Conflict(id=i, type="value_mismatch", severity=sev, explanation="x",
...                             key=Key(metric="ocop_products", kind="total"))
>>> items = build_queue([c("a", "low"), c("b", "high"), c("c", "medium")], {}, Filters())
>>> [(i.conflict.id, i.status) for i in items]
[('b', 'open'), ('c', 'open'), ('a', 'open')]
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from schemas import ArticleOut, Claim, Conflict, Decision, Fact, Key

from ..io import read_jsonl, read_models

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
STATUSES = ("todo", "open", "reopened", "decided", "all")
"""Status filters: todo = open or reopened (what is left to do)."""


@dataclass
class Filters:
    type: str = ""
    metric: str = ""
    scope: str = ""
    status: str = "todo"

    def query(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


@dataclass
class Item:
    """A finding in the queue, with its status on this database and the decision that settles it."""

    conflict: Conflict
    status: str
    decision: Decision | None = None


def claim_groups(conflict: Conflict) -> list[list[Claim]]:
    """The finding's claims as reconciliation made them: the records of one claim (a sentence its article
    repeats, a figure it states twice; `same_claim_as`) together, its first record first. The page shows
    one card, and the chart one point, a group."""
    groups: dict[str, list[Claim]] = {}
    for cl in conflict.claims:
        groups.setdefault(cl.same_claim_as or cl.record_id, []).append(cl)
    return [sorted(g, key=lambda cl: cl.same_claim_as is not None) for g in groups.values()]


def finding_status(conflict: Conflict, decision: Decision | None) -> tuple[str, Decision | None]:
    """Decided when the database holds a decision for the finding made on the same claims; reopened when
    its claims changed since (or reconciliation says so); open otherwise."""
    if decision is not None:
        if not decision.claim_ids or sorted(decision.claim_ids) == sorted(c.record_id for c in conflict.claims):
            return "decided", decision
        return "reopened", decision
    if conflict.status == "reopened":
        return "reopened", conflict.decision
    return "open", None


def matches(item: Item, f: Filters) -> bool:
    c = item.conflict
    if f.type and c.type != f.type:
        return False
    if f.metric and c.key.metric != f.metric:
        return False
    if f.scope and (c.key.scope or "") != f.scope:
        return False
    if f.status == "todo":
        return item.status in ("open", "reopened")
    return f.status in ("", "all") or item.status == f.status


def queue_order(item: Item):
    c = item.conflict
    return (bool(c.check_claims), SEVERITY_ORDER.get(c.severity, 9), c.type, c.key.label(), c.as_of or "", c.id)


def build_queue(conflicts: list[Conflict], decisions: dict[str, Decision], f: Filters) -> list[Item]:
    """The findings that pass the filters, most severe first."""
    items = [Item(c, *finding_status(c, decisions.get(c.id))) for c in conflicts]
    return sorted((i for i in items if matches(i, f)), key=queue_order)


@dataclass
class Outputs:
    """One reading of an `ocop run` output folder."""

    conflicts: list[Conflict] = field(default_factory=list)
    articles: dict[str, ArticleOut] = field(default_factory=dict)
    records: dict[str, dict] = field(default_factory=dict)
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    problem: str | None = None
    """Why there is nothing to review (missing folder or file, malformed line), for the page to say."""

    def facts_for(self, key: Key) -> list[Fact]:
        return self.facts.get(key.model_dump_json(), [])

    def by_id(self, finding_id: str) -> Conflict | None:
        return next((c for c in self.conflicts if c.id == finding_id), None)


def _read_models(path: Path, model):
    return list(read_models(path, model, "record"))


def read_outputs(out_dir: Path) -> Outputs:
    """Read conflicts, articles, records and facts; a problem is reported, never raised."""
    conflicts_path = out_dir / "conflicts.jsonl"
    if not out_dir.is_dir():
        return Outputs(problem=f"There is no output folder {out_dir}. Run `ocop run` first (it writes the "
                               f"findings this page reviews), or give `ocop review --out DIR`.")
    if not conflicts_path.exists():
        return Outputs(problem=f"{out_dir} has no conflicts.jsonl. Run `ocop run` (or `ocop reconcile` after "
                               f"`ocop extract`) to find the conflicts this page reviews.")
    try:
        outputs = Outputs(conflicts=_read_models(conflicts_path, Conflict))
        if (out_dir / "articles.jsonl").exists():
            outputs.articles = {a.id: a for a in _read_models(out_dir / "articles.jsonl", ArticleOut)}
        if (out_dir / "records.jsonl").exists():
            outputs.records = {r["id"]: r for r in read_jsonl(out_dir / "records.jsonl") if "id" in r}
        if (out_dir / "facts.jsonl").exists():
            for fact in _read_models(out_dir / "facts.jsonl", Fact):
                outputs.facts.setdefault(fact.key.model_dump_json(), []).append(fact)
    except (ValueError, OSError) as e:
        return Outputs(problem=f"Cannot read the outputs: {e}. Run `ocop run` again.")
    return outputs


class OutputsCache:
    """The outputs of one folder, read again when any of its files changes (a new `ocop run`)."""

    NAMES = ("conflicts.jsonl", "articles.jsonl", "records.jsonl", "facts.jsonl")

    def __init__(self, out_dir: str | Path):
        self.out_dir = Path(out_dir)
        self._lock = threading.Lock()
        self._stamp = None
        self._outputs = Outputs()

    def _current_stamp(self):
        stamp = []
        for name in self.NAMES:
            try:
                st = os.stat(self.out_dir / name)
                stamp.append((name, st.st_mtime_ns, st.st_size))
            except OSError:
                stamp.append((name, None, None))
        return tuple(stamp)

    def get(self) -> Outputs:
        with self._lock:
            stamp = self._current_stamp()
            if stamp != self._stamp:
                self._outputs = read_outputs(self.out_dir)
                self._stamp = stamp
            return self._outputs
