"""`ocop eval`: scoring records against hand-labelled gold answers (see score.py for the scores)."""
from __future__ import annotations

from .gold import EvalError, load_gold, load_records
from .score import Score, score

HEADLINE = ("core_strict", "counts", "orgs", "dates")


def report(scores: list[Score], errors: bool = False) -> str:
    """The scores as text: the missed/spurious items first (with `errors`), a table, the headline last."""
    lines = []
    if errors:
        for s in scores:
            if s.name == "core_key":
                continue  # its items are listed under core_strict
            lines += [f"{s.name:11} missed     {item}" for item in s.missed]
            lines += [f"{s.name:11} spurious   {item}" for item in s.spurious]
            lines += [f"{s.name:11} mismatched {item}" for item in s.mismatched]
        if lines:
            lines.append("")
    lines.append(f"{'type':13}{'score':12}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}")
    for s in scores:
        lines.append(f"{s.record_type:13}{s.name:12}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}"
                     f"{s.pred:7d}{s.gold:7d}")
    by_name = {s.name: s for s in scores}
    lines.append("headline: " + " | ".join(f"{n} F1 {by_name[n].f1:.3f}" for n in HEADLINE))
    return "\n".join(lines)


def as_json(scores: list[Score]) -> dict:
    return {s.name: s.as_dict() for s in scores}


__all__ = ["EvalError", "Score", "as_json", "load_gold", "load_records", "report", "score"]
