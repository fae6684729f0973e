"""A list's lead: the sentence a list's items follow (`Năm 2024, UBND tỉnh Lạng Sơn công nhận 10 sản phẩm
OCOP, gồm:`, `Kết quả:`, `Số sản phẩm OCOP được công nhận qua các năm:`). An item that says nothing of
what happened to its products (`- Huyện Hữu Lũng: 4 sản phẩm;`) is of the lead's figure of its unit (its
kind, and its time unless the item states one), or else of the kind the lead's words say."""
from __future__ import annotations

from . import cues, figures, parts


def item_of_lead(lead: tuple | None, unit: str, metric: str | None, relation: str | None, item_left: str
                 ) -> tuple[str, str, parts.Figure | None] | None:
    """(kind, rule, the lead's figure or None) for a list item's count read as a stock for want of a cue
    (`item_left`: the item's words before it); None when the lead says nothing of it, or the item names a
    stock (`- Tổng số sản phẩm OCOP còn hiệu lực: 150 sản phẩm`)."""
    if lead is None or cues.has(item_left, "kind", "total_before") or cues.has(item_left, "kind", "now_cues"):
        return None
    text, done = lead
    f = next((f for f in reversed(done) if f.unit == unit and f.fields["metric"] == metric
              and f.fields["kind"] in ("added", "total")), None)
    if f is not None:
        return f.fields["kind"], "kind.item_of_lead", f
    result = parts.reports_result(text, "")
    kind, rule = figures.kind_of(text, text, "", False, relation, False, True, result=result)
    return (kind, f"kind.item_of_lead:{rule}", None) if kind != "total" else None


def carried_kind(state, info, n, unit: str, star: str | None, metric: str | None, relation: str | None,
                 level: str | None, after_another: bool, dated: bool) -> tuple[str, str, parts.Figure | None] | None:
    """(kind, rule, the figure it is carried from) for a count read as a stock for want of a cue that goes on
    with what came before: a district line of a province's addition, another class of a round (undated,
    `parts.carried_addition`), a list item under its lead (`item_of_lead`); None otherwise."""
    carried = parts.carried_addition(state.wholes, unit, star, info.text, level, after_another) if not dated else None
    if carried is not None:
        return "added", f"kind.{carried[1]}", carried[0]
    return item_of_lead(state.lead, unit, metric, relation, info.sentence.doc_text[info.start:n.start])
