"""What `ocop conflicts` and `ocop timeline` print: findings as a table, most severe first, and the time
line of one figure with its sources."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from schemas import Conflict, Fact

from ..io import read_models
from .claims import origin_of
from .eras import related_scopes
from .places import loose_place_key
from .results import conflict_order
from .timeline import describe, interval
from .values import fmt, fmt_claim
from .words import key_words

SEVERITY_COLOURS = {"high": "\033[1;31m", "medium": "\033[33m", "low": "\033[36m"}
RANK_MARKS = {"preferred": "★", "normal": "·", "deprecated": "✗"}
RESET = "\033[0m"


class ViewError(ValueError):
    """A user error in what was asked (no such figure, no output yet); the message says what to do."""


def load_models(path: Path, model, what: str) -> list:
    if not path.exists():
        raise ViewError(f"{path}: not found (run `ocop reconcile --out {path.parent}` first)")
    try:
        return list(read_models(path, model, what))
    except ValueError as e:
        raise ViewError(str(e)) from None


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((110, 20)).columns, 160))


def short_id(article_id: str) -> str:
    """`001_d422352a16ae81a9` -> `001_d422…` (the table stays readable; ids stay recognisable)."""
    return article_id if len(article_id) <= 9 else article_id[:8] + "…"


def short_name(article_id: str, names: dict[str, str] | None) -> str:
    """An article as the table names it: its title (cut short), else a short id."""
    name = (names or {}).get(article_id)
    if not name:
        return short_id(article_id)
    return name if len(name) <= 32 else name[:30].rstrip() + "…”"


def conflicts_table(conflicts: list[Conflict], colour: bool = False, width: int | None = None,
                    names: dict[str, str] | None = None) -> str:
    """One block per finding: a header line (severity, type, figure, time, values, sources, status, id)
    and the explanation wrapped under it."""
    width = width or _width()
    lines = []
    for c in sorted(conflicts, key=lambda c: (bool(c.check_claims), conflict_order(c))):
        sev = c.severity.upper().ljust(6)
        if colour:
            sev = f"{SEVERITY_COLOURS[c.severity]}{sev}{RESET}"
        articles = sorted({cl.article_id for cl in c.claims})
        status = "" if c.status == "open" else f"  [{c.status}]"
        head = (f"{sev} {c.type:<14} {key_words(c.key)} @ {describe(c.as_of)}  values "
                f"{' / '.join(fmt(v) for v in c.values)}  sources {', '.join(short_name(a, names) for a in articles)}"
                f"{status}{'  CHECK THE CLAIMS' if c.check_claims else ''}  {c.id}")
        lines.append(head)
        body = c.explanation
        if c.decision is not None:
            d = c.decision
            body += (f" Decision: {d.action}{' ' + fmt(d.value) if d.value is not None else ''} by {d.reviewer} "
                     f"({d.decided_at}){': ' + d.note if d.note else ''}.")
        lines.extend(textwrap.wrap(body, width=width, initial_indent="    ", subsequent_indent="    "))
        for why in c.check_claims:
            lines.extend(textwrap.wrap(f"check the claims: {why}", width=width, initial_indent="    ",
                                       subsequent_indent="      "))
        lines.append("")
    return "\n".join(lines).rstrip() + ("\n" if lines else "")


def select_facts(facts: list[Fact], metric: str, scope: str, star: str | None = None,
                 kind: str = "total") -> list[Fact]:
    """Facts of one figure: the metric (`ocop_products` or `products`), the place as a person types it
    (`Hà Nội`, `ha noi`, `TP Hà Nội`), optionally the star class, the kind."""
    metrics = {metric, f"ocop_{metric}"}
    place = loose_place_key(scope)
    wanted = {place} | {loose_place_key(s) for s in related_scopes(scope)}   # Tuyên Quang: new, old, Hà Giang
    chosen = [f for f in facts if f.key.metric in metrics and loose_place_key(f.key.scope) in wanted
              and f.key.kind == kind and (star is None or f.key.star == star)]
    if chosen:
        return chosen
    known_metrics = sorted({f.key.metric for f in facts})
    if not any(f.key.metric in metrics for f in facts):
        raise ViewError(f"no facts for metric {metric!r}; known: {', '.join(known_metrics) or 'none'}")
    scopes = sorted({f.key.scope or '' for f in facts if f.key.metric in metrics})
    stars = sorted({f.key.star or '-' for f in facts if f.key.metric in metrics
                    and loose_place_key(f.key.scope) == place})
    raise ViewError(f"no {kind} facts for {metric} in {scope!r}"
                    + (f" with star {star!r} (stars there: {', '.join(stars)})" if star and stars else "")
                    + f"; places known: {', '.join(s for s in scopes if s)}")


def _time_order(f: Fact) -> tuple:
    iv = interval(f.as_of)
    return (iv is None, iv.lo if iv else 0, iv.hi if iv else 0, f.value)


def by_key(facts: list[Fact]) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = {}
    for f in sorted(facts, key=lambda f: (f.key.star or "", f.key.category or "", f.key.status or "")):
        out.setdefault(key_words(f.key), []).append(f)
    return {k: sorted(v, key=_time_order) for k, v in out.items()}


def timeline_text(facts: list[Fact], records: dict[str, dict], width: int | None = None,
                  names: dict[str, str] | None = None) -> str:
    """Each figure's facts in time order: date, value, rank, rule, confidence; under each, the sources
    (article and evidence sentence) and, for a value not preferred, why."""
    width = width or _width()
    lines = []
    for title, fs in by_key(facts).items():
        lines.append(title)
        line_of_values = [f"{fmt_claim(f.value, f.value_max, f.approx)} ({describe(f.as_of)})"
                          for f in fs if f.rank == "preferred"]
        if line_of_values:
            lines.append("  " + " → ".join(line_of_values))
        for f in fs:
            lines.append(f"  {RANK_MARKS[f.rank]} {describe(f.as_of):<24} "
                         f"{fmt_claim(f.value, f.value_max, f.approx):>10}  {f.rank:<10} {f.rule:<14} "
                         f"{f.confidence:.2f}")
            seen = set()
            for rid in f.supporting:
                rec = records.get(rid)
                article = rec["article_id"] if rec else rid.split("#")[0]
                sentence = rec["evidence"]["sentence"] if rec else ""
                if (article, origin_of(sentence)) in seen:      # a sentence the article repeats: once
                    continue
                seen.add((article, origin_of(sentence)))
                source = (names or {}).get(article, article)
                lines.extend(textwrap.wrap(f"{source}: {sentence}", width=width, initial_indent="      ",
                                           subsequent_indent="        ", max_lines=3, placeholder=" …"))
            if f.explanation:
                lines.extend(textwrap.wrap(f.explanation, width=width, initial_indent="      why: ",
                                           subsequent_indent="        "))
            for s in f.support:
                lines.extend(textwrap.wrap(s, width=width, initial_indent="      ✓ ", subsequent_indent="        "))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
