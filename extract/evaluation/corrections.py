"""`ocop eval --corrections`: which extraction rules reviewers overrule most.

Every record lists the rules that decided it; a correction keeps the record's rules and says which
fields it changed. The rule that decided a corrected field (kind → `kind.*`, star → `star.*`/`stars.*`,
scope → `scope.*`, as_of/period → `time.*`, metric or "not an OCOP figure" → `metric.*`) is counted as
overruled once; against how often it fired in the records, that is the rate a team reads to know where
extraction fails in use.

>>> from schemas import Correction
>>> fix = Correction(record_id="a#1", article_id="a", evidence_text="12", before={"kind": "total"},
...                  after={"kind": "added"}, rules=["numbers.digits", "kind.default_total", "time.stated"],
...                  reviewer="an", corrected_at="2026-01-01T00:00:00")
>>> rows = overruled([fix], [{"rules": ["kind.default_total"]}, {"rules": ["kind.default_total"]}])
>>> [(r.rule, r.corrected, r.fired, r.fields) for r in rows]
[('kind.default_total', 1, 2, ['kind'])]
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

FIELD_RULES = {"kind": ("kind.",), "star": ("star.", "stars."), "scope": ("scope.",), "as_of": ("time.",),
               "period": ("time.",), "metric": ("metric.",)}
"""Which rules decide each correctable field (by the prefix of their names)."""


@dataclass
class Overruled:
    rule: str
    corrected: int = 0
    fired: int = 0
    fields: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.corrected / self.fired if self.fired else None


def overruled(corrections, records) -> list[Overruled]:
    """Per rule: how many corrections overruled it, how many records it decided, which fields; most
    corrected first."""
    fired = Counter(rule for r in records for rule in (r.get("rules") or []))
    rows: dict[str, Overruled] = {}
    fields: dict[str, set[str]] = defaultdict(set)
    for c in corrections:
        if c.withdrawn:
            continue
        changed = ["metric"] if c.not_ocop else [k for k, v in c.after.items() if c.before.get(k) != v]
        hit = set()
        for name in changed:
            for rule in c.rules:
                if rule.startswith(FIELD_RULES[name]):
                    hit.add(rule)
                    fields[rule].add(name)
        for rule in hit:
            rows.setdefault(rule, Overruled(rule)).corrected += 1
    for rule, row in rows.items():
        row.fired, row.fields = fired.get(rule, 0), sorted(fields[rule])
    return sorted(rows.values(), key=lambda r: (-r.corrected, -(r.rate or 0), r.rule))


def corrections_report(corrections, records) -> str:
    rows = overruled(corrections, records)
    active = [c for c in corrections if not c.withdrawn]
    if not active:
        return "no claim corrections yet (fix a claim on the review page: f, then its number)"
    lines = [f"{len(active)} claim corrections; the rules they overrule, most corrected first:",
             f"{'rule':40}{'corrected':>10}{'fired':>8}{'rate':>8}  fields"]
    for r in rows:
        rate = f"{r.rate:.0%}" if r.rate is not None else "—"
        lines.append(f"{r.rule:40}{r.corrected:10d}{r.fired:8d}{rate:>8}  {', '.join(r.fields)}")
    by_field = Counter(("not an OCOP figure",) if c.not_ocop else tuple(sorted(c.after)) for c in active)
    lines.append("fields corrected: " + "; ".join(f"{', '.join(k)} {n}" for k, n in by_field.most_common()))
    return "\n".join(lines)
