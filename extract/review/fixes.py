"""“Fix this claim”: the form on each claim card, a posted form turned into a `Correction`, and the
stale corrections the page lists.

A correction changes the record's kind, star, metric ("not an OCOP figure" leaves it out), scope or
date (as_of, period). It is stored at once; reconciliation applies it on the next `ocop run` or
`ocop reconcile`.

>>> record = {"id": "a#count@0-2", "article_id": "a", "kind": "total", "star": "3+", "metric": "ocop_products",
...           "scope": "Hà Nội", "as_of": "2024", "period": None, "rules": ["kind.default_total"],
...           "evidence": {"text": "12", "sentence": "12 sản phẩm"}}
>>> form = {"record_id": ["a#count@0-2"], "kind": ["added"], "star": ["3+"], "metric": ["ocop_products"],
...         "scope": ["Hà Nội"], "as_of": ["2024"], "period": ["2024"]}
>>> c = correction_from_form(form, {"a#count@0-2": record}, "an")
>>> c.changes()
'kind total → added; period — → 2024'
>>> try:
...     correction_from_form({**form, "as_of": ["mid 2024"]}, {"a#count@0-2": record}, "an")
... except Reject as e:
...     print(e.status, e.message)
400 the date 'mid 2024' (as of) is not a date like 2024, 2024-12, 2024-12-31 or 2024-12~
"""
from __future__ import annotations

import unicodedata
from datetime import datetime, timezone
from typing import get_args

from schemas import Correction, is_edtf
from schemas.records import Kind, Metric, Star

from .decide import MAX_NOTE, Reject, one
from .html import esc, hidden

NOT_OCOP = "not_ocop"
KINDS = list(get_args(Kind))
STARS = list(get_args(Star))
METRICS = list(get_args(Metric))
MAX_FIELD = 200


def _field(form, name: str) -> str | None:
    value = unicodedata.normalize("NFC", one(form, name))
    if len(value) > MAX_FIELD:
        raise Reject(413, f"the {name} given is {len(value)} characters long; at most {MAX_FIELD}")
    return value or None


def correction_from_form(form: dict[str, list[str]], records: dict[str, dict], reviewer: str) -> Correction:
    """The correction a “fix this claim” form asks for (only the fields that change are kept; a form
    that changes nothing withdraws the record's correction)."""
    record_id = one(form, "record_id")
    record = records.get(record_id)
    if record is None:
        raise Reject(404, f"no record {record_id!r} in the outputs (was `ocop run` run again? reload)")
    after: dict[str, str | None] = {}
    metric = _field(form, "metric")
    not_ocop = metric == NOT_OCOP
    checks = {"kind": KINDS, "star": STARS, "metric": METRICS}
    for name in ("kind", "star", "metric", "scope", "as_of", "period"):
        if name not in form or (name == "metric" and not_ocop):
            continue
        value = _field(form, name)
        if name in checks and value is not None and value not in checks[name]:
            raise Reject(400, f"{name} {value!r} is not one of {', '.join(checks[name])}")
        if name == "kind" and value is None:
            raise Reject(400, "a count's kind is total, added or target")
        if name in ("as_of", "period") and value is not None and not is_edtf(value):
            raise Reject(400, f"the date {value!r} ({name.replace('_', ' ')}) is not a date like 2024, 2024-12, "
                              f"2024-12-31 or 2024-12~")
        if value != record.get(name):
            after[name] = value
    note = _field(form, "note") if "note" in form else None
    if note and len(note) > MAX_NOTE:
        raise Reject(413, f"a note of {len(note)} characters is longer than {MAX_NOTE}")
    ev = record.get("evidence") or {}
    return Correction(record_id=record_id, article_id=record.get("article_id") or record_id.split("#")[0],
                      evidence_text=ev.get("text") or "", sentence=ev.get("sentence") or "",
                      before={k: record.get(k) for k in (*after, *(["metric"] if not_ocop else []))},
                      after=after, not_ocop=not_ocop, rules=list(record.get("rules") or []), note=note,
                      reviewer=reviewer, corrected_at=datetime.now(timezone.utc).isoformat(timespec="microseconds"))


def _options(values: list[str], chosen, labels: dict[str, str] | None = None) -> str:
    labels = labels or {}
    return "".join(f'<option value="{esc(v)}"{" selected" if v == chosen else ""}>{esc(labels.get(v, v))}</option>'
                   for v in values)


def fix_form(n: int, record: dict | None, correction: Correction | None, records: int = 1) -> str:
    """The “fix this claim” panel of claim card N (its fields belong to the form `fix-N`, outside the
    decision form); empty when the record is not in the outputs. `records`: how many records the claim
    is (a repeated sentence): the fix is saved for each."""
    if record is None:
        return ""
    fid = f"fix-{n}"
    shown = dict(record)
    if correction is not None and not correction.withdrawn:
        shown.update(correction.after)
        if correction.not_ocop:
            shown["metric"] = NOT_OCOP
    metric_labels = {NOT_OCOP: "not an OCOP figure"}
    now = ""
    if correction is not None:
        when = correction.corrected_at[:16].replace("T", " ")
        now = (f'<p class="corrected">Corrected: {esc(correction.changes())} — {esc(correction.reviewer)}, '
               f'{esc(when)}. Applies at the next <code>ocop run</code> / <code>ocop reconcile</code>.</p>')
    key = f"<kbd>f</kbd> <kbd>{n}</kbd>" if n <= 9 else ""
    text = lambda name, ph: (f'<label>{name.replace("_", " ")} <input form="{fid}" name="{name}" size="10" '
                             f'value="{esc(shown.get(name) or "")}" placeholder="{ph}" data-fix="{n}"></label>')
    return (f'<details class="fix" id="{fid}-panel"{" open" if correction and not correction.withdrawn else ""}>'
            f'<summary>Fix this claim {key}</summary>{now}'
            f'<div class="fix-fields">'
            f'<label>kind <select form="{fid}" name="kind" data-fix="{n}" id="{fid}-kind">'
            f'{_options(KINDS, shown.get("kind"))}</select></label>'
            f'<label>star <select form="{fid}" name="star" data-fix="{n}">'
            f'{_options([""] + STARS, shown.get("star") or "", {"": "—"})}</select></label>'
            f'<label>metric <select form="{fid}" name="metric" data-fix="{n}">'
            f'{_options(METRICS + [NOT_OCOP], shown.get("metric"), metric_labels)}</select></label>'
            f'{text("scope", "e.g. Hà Nội")}{text("as_of", "e.g. 2024-12~")}{text("period", "e.g. 2024")}'
            f'<button type="submit" form="{fid}" id="{fid}-save">Save fix</button>'
            f'{f"<small>saved for all {records} records of this claim</small>" if records > 1 else ""}'
            f'</div></details>')


def fix_forms(ctx, groups) -> str:
    """The empty <form> elements the card fields belong to (forms cannot nest in the decision form), one a
    claim card (`groups`: each card's claim entries, its first record first)."""
    keep = "".join(hidden(k, v) for k, v in ctx.filters.query().items())
    return "".join(f'<form method="post" action="/correct" id="fix-{n}" class="fix-form">'
                   f'{hidden("csrf", ctx.csrf)}{hidden("finding_id", ctx.item.conflict.id)}'
                   f'{hidden("record_id", group[0].record_id)}'
                   f'{"".join(hidden("same_claim", cl.record_id) for cl in group[1:])}{keep}</form>'
                   for n, group in enumerate(groups, 1))


def corrections_from_form(form: dict[str, list[str]], records: dict[str, dict], reviewer: str) -> list[Correction]:
    """The correction a card's form asks for, and the same change for the other records of its claim
    (`same_claim`: the copies of a repeated sentence are one claim, read once and so fixed once)."""
    first = correction_from_form(form, records, reviewer)
    out = [first]
    for rid in dict.fromkeys(form.get("same_claim") or []):
        record = records.get(rid)
        if record is None:
            raise Reject(404, f"no record {rid!r} in the outputs (was `ocop run` run again? reload)")
        if rid == first.record_id:
            continue
        ev = record.get("evidence") or {}
        out.append(first.model_copy(update={
            "record_id": rid, "article_id": record.get("article_id") or rid.split("#")[0],
            "evidence_text": ev.get("text") or "", "sentence": ev.get("sentence") or "",
            "before": {k: record.get(k) for k in first.before}, "rules": list(record.get("rules") or [])}))
    return out


def stale_html(corrections: dict[str, Correction], records: dict[str, dict], names: dict[str, str] | None = None
               ) -> str:
    """The corrections whose record is gone or now reads other words: listed (by article title and
    sentence), never applied."""
    from ..reconcile.corrections import stale_reason
    stale = [(c, records.get(c.record_id)) for c in corrections.values() if not c.withdrawn
             and stale_reason(c, records.get(c.record_id))]
    if not stale or not records:
        return ""
    items = []
    for c, now in stale:
        why = ("the article changed: that place now reads “" + str((now.get("evidence") or {}).get("text")) + "”"
               if now is not None else "the article changed or was removed: the claim is no longer in it")
        items.append(f'<li class="stale"><strong>“{esc(c.evidence_text)}”</strong>: {esc(c.changes())}'
                     f'<small>{esc((names or {}).get(c.article_id, c.article_id))} — “{esc(c.sentence)}”</small>'
                     f'<small>Stale: {esc(why)}. Not applied to any record; fix the claim again if it is still '
                     f'misread.</small></li>')
    return (f'<section class="stale-corrections"><h2>Stale corrections ({len(stale)})</h2>'
            f'<ul>{"".join(items)}</ul></section>')


def fixed_flash(record_id: str, corrections: dict[str, Correction]) -> str:
    c = corrections.get(record_id)
    if c is None:
        return ""
    return (f"Claim “{c.evidence_text}” corrected: {c.changes()}. The next `ocop run` (or `ocop reconcile`) "
            f"applies it to the figures and findings.")
