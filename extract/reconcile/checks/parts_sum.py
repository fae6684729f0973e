"""`parts_sum`: within one source, the parts of a total (star classes, product groups, new and re-rated)
against the total."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from schemas import Conflict, Suggested

from ..claims import ALL_STARS, STAR_CLASSES, Claim, KeyT
from ..built import built
from ..findings import SMALL_SHARE, finding, key_label, nearest, rows_by_record, same_time
from ..results import key_model
from ..timeline import describe
from ..values import agree, fmt, fmt_claim
from ..words import STAR_NAMES, cite

if TYPE_CHECKING:
    from ..results import Account, FactRow

ABOUT_THE_SIZE = 2.0
"""A gap is `about the size` of a missing class when neither is more than this many times the other."""


def check(account: "Account") -> list[Conflict]:
    return parts_sum_all(account.claims, account.rows, account.scopes)


SPLITS = {
    "star": lambda t, c: c.key.star in STAR_CLASSES and c.key.category is None and c.key.status is None,
    "category": lambda t, c: c.key.category is not None and c.key.status is None
                             and c.key.star in (None, ALL_STARS),
    "status": lambda t, c: c.key.status is not None and c.key.star == t.key.star and c.key.category is None,
}
"""How a total is split into parts: by star class, by product group, into new and re-rated."""


STATUS_NAMES = {"new": "new", "renewed": "re-rated"}


def _part_name(split: str, c: Claim) -> str:
    if split == "star":
        return STAR_NAMES.get(c.key.star or "", "")
    if split == "category":
        return c.key.category or ""
    return STATUS_NAMES.get(c.key.status or "", "")


def _missing_class_note(total: Claim, missing: list[str], gap: float, rows: dict[KeyT, list["FactRow"]]) -> str:
    """What the missing star classes measure elsewhere, nearest in time to the total."""
    bits = []
    for star in missing:
        cands = [r for r in rows.get(total.key.with_(star=star), [])
                 if r.fact.rank != "deprecated" and r.point.common is not None and total.span is not None]
        if not cands:
            continue
        mid = (total.span.lo + total.span.hi) // 2
        near = min(cands, key=lambda r: (abs((r.point.common.lo + r.point.common.hi) // 2 - mid), r.fact.id))
        size = near.fact.value
        about = size > 0 and gap > 0 and max(size, gap) / min(size, gap) <= ABOUT_THE_SIZE
        bits.append(f"{'about the size of' if about else 'compare'} the {STAR_NAMES[star]} class elsewhere: "
                    f"{fmt(size)} as of {describe(near.fact.as_of)} ({cite(near.fact.articles)})")
    names = ", ".join(STAR_NAMES[s] for s in missing)
    text = f" The article gives no figure for {names}; the gap may be that class"
    return text + (" (" + "; ".join(bits) + ")." if bits else ".")


def parts_sum(total: Claim, split: str, parts: list[Claim], rows: dict[KeyT, list["FactRow"]],
              by_record: dict[str, "FactRow"], scope: str | None) -> Conflict | None:
    """The parts of a total against it: the sum noted on the facts when they agree, a finding when not
    (`scope`: the place as the key's claims spell it)."""
    lo = sum(p.allows[0] for p in parts)
    hi = sum(p.allows[1] for p in parts)
    values = sum(p.value for p in parts)
    names = ", ".join(_part_name(split, p) for p in parts)
    sum_text = f"{' + '.join(fmt(p.value) for p in parts)} = {fmt(values)} ({names})"
    if agree(total.allows, (lo, hi)):
        line = f"parts_sum: {fmt_claim(total.value, total.value_max, total.approx)} = {sum_text} in {total.article_id}"
        for c in [total, *parts]:
            row = by_record.get(c.record_id)
            if row is not None:
                row.fact.support.append(line)
        return None
    gap = total.value - values
    key = key_model(total.key, scope)
    text = (f"In {total.article_id}, the parts of {key_label(key)} (as of {describe(total.as_of)}) do not add "
            f"up: {fmt_claim(total.value, total.value_max, total.approx)} against {sum_text}, "
            f"{fmt(abs(gap))} {'short' if gap > 0 else 'over'}.")
    severity = "medium" if abs(gap) > SMALL_SHARE * max(total.value, 1) else "low"
    missing = [s for s in STAR_CLASSES if s not in {p.key.star for p in parts}] if split == "star" else []
    if gap > 0 and missing:
        text += _missing_class_note(total, missing, gap, rows)
        severity = "low"
    elif gap > 0 and split == "category":
        text += " Articles often name only some product groups; the others may be unstated."
        severity = "low"
    elif gap > 0:
        text += " Some parts may be unstated, or a figure misread."
    else:
        text += " A product may be counted in two parts, or a figure misread."
    return finding("parts_sum", severity, key, total.as_of, [total.value, values], [total, *parts], text,
                   built(Suggested, value=total.value, rule="parts_sum", as_of=total.as_of))


def _start(c: Claim) -> int:
    return c.evidence[0].start


def _owner(part: Claim, totals: list[Claim]) -> Claim | None:
    """The total a part belongs to: the last one the article states before it (`… có 13 sản phẩm, gồm 3
    sản phẩm 4 sao, 10 sản phẩm 3 sao`), else the first after it (`3 sản phẩm 4 sao, 10 sản phẩm 3 sao,
    tổng cộng 13`)."""
    before = [t for t in totals if _start(t) <= _start(part)]
    return before[-1] if before else (totals[0] if totals else None)


def _sentence(c: Claim):
    return getattr(c.evidence[0], "sentence_start", None) if c.evidence else None


def _part_of_another(c: Claim, total: Claim, group: list[Claim]) -> bool:
    """A part read in the sentence of another figure of a class, which it details, not `total` (`Công nhận
    11 sản phẩm đạt 4 sao (trong đó có 01 sản phẩm tiềm năng 5 sao)` under a total of 109: the 1 is among
    the 11, no third class)."""
    at = _sentence(c)
    if not c.part or at is None or at == _sentence(total):
        return False
    before = [o for o in group if not o.part and o is not c and _sentence(o) == at and _start(o) < _start(c)]
    return bool(before) and max(before, key=_start) is not total


_CLASS_ORDER: dict[tuple, str] = {}


def _class_order(item: tuple) -> str:
    """How a part's class (star, category, status) sorts: as its text, worked out once a class."""
    got = _CLASS_ORDER.get(item[0])
    if got is None:
        got = _CLASS_ORDER[item[0]] = str(item[0])
    return got


def parts_sum_all(claims: list[Claim], rows: dict[KeyT, list["FactRow"]],
                  scopes: dict[KeyT, str | None]) -> list[Conflict]:
    """Each total of each article against each way the same article splits it: the parts stated after it
    and before the article's next total of the same thing, place and time (an article that gives a
    village's or a year's figure later does not make it another whole of the same parts). A figure read as
    a part of another (`101 sản phẩm; trong đó, có 16 sản phẩm nâng hạng, 20 …`) is no whole."""
    by_source: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        k = c.key
        by_source[(c.article_id, k.metric, k.place, k.kind)].append(c)
    by_record = rows_by_record(rows)
    out = []
    for group in by_source.values():
        if len(group) < 3:          # no total with two parts
            continue
        totals = [c for c in group if c.key.star in (ALL_STARS, None) and c.key.category is None
                  and c.key.status is None and not c.partial and not c.part]
        totals.sort(key=lambda c: (_start(c), c.record_id))
        one = len(totals) == 1      # then every part of it is its own (`_owner`)
        for t in totals:
            for split, is_part in SPLITS.items():
                cands = [c for c in group if c is not t and not c.partial and is_part(t, c) and same_time(t, c)
                         and (one or _owner(c, [o for o in totals if same_time(o, c) and is_part(o, c)]) is t)
                         and not _part_of_another(c, t, group)]
                if len(cands) < 2:
                    continue
                by_class: dict = defaultdict(list)
                for c in cands:
                    by_class[(c.key.star, c.key.category, c.key.status)].append(c)
                if len(by_class) < 2:
                    continue
                parts = [cs[0] if len(cs) == 1 else nearest(cs, t)
                         for _, cs in sorted(by_class.items(), key=_class_order)]
                parts.sort(key=lambda c: (_start(c), c.record_id))
                found = parts_sum(t, split, parts, rows, by_record, scopes[t.key])
                if found:
                    out.append(found)
    return out
