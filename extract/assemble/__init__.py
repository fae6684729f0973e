"""Assembly: the matches of a document -> records (plain dicts in the record format, validated later).

    analyse (every matcher on every sentence) -> context (the article's place and time)
    -> dates, organizations, counts (a reader's context carried across sentences)
"""
from __future__ import annotations

from ..doc import Doc
from ..gazetteer.resolve import fill_scope_units, units_named
from ..matchers.places import gazetteer_name
from . import prescoring, subplaces
from .analysis import analyse
from .build import cut_off, record, short_names
from .context import build_context
from .counts import count_records


def assemble(doc: Doc) -> list[dict]:
    infos = analyse(doc)
    ctx = build_context(infos, doc.article.published)
    short = short_names([m for info in infos for m in info.orgs])     # 'HTX Tân Cương' beside its full name
    out: list[dict] = []
    for info in infos:
        for m in info.dates:
            value = ctx.date_record_value(m)
            if value and m.value.get("relative") not in ("now", "today"):   # 'hiện nay', 'sáng nay' name no date
                out.append(record(doc, info, "date", m.start, m.end, [m.rule], value=value, text=m.text))
        for m in info.orgs:
            if cut_off(doc.text, m.end) or m.value["name"] in short:
                continue
            out.append(record(doc, info, "organization", m.start, m.end, [m.rule], name=m.value["name"],
                              org_class=m.value["org_class"], legal_form=m.value["legal_form"],
                              location=m.value["location"]))
    counts = count_records(doc, infos, ctx)
    prescoring.settle(counts, infos)       # a district's scores sent on to the province are no rating
    out += counts
    fill_scope_units(out, units_named(infos), gazetteer_name(ctx.main_place), doc.article.published)   # scope_code, scope_parent
    subplaces.settle(counts, ctx.main_place)               # a craft village's count is its province's, and a part of it
    out.sort(key=lambda r: (r["evidence"]["start"], r["type"]))
    return out
