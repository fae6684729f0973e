"""The review page (queue, one finding, its claims — `cards.py` — chart and decision form) and the article
page."""
from __future__ import annotations

from schemas import ArticleOut, Claim, Decision

from ..reconcile.naming import article_name
from .cards import claim_card
from .chart import timeline_svg
from .data import STATUSES, claim_groups
from .fixes import fix_forms, stale_html
from .page_context import PageContext, article_names_of, name_of
from .placemap import place_map_svg
from .html import esc, hidden, href, layout, number, select, shortcuts_html

TYPES = ["value_mismatch", "parts_sum", "stock_flow", "decrease", "share_mismatch"]


def describe(decision: Decision) -> str:
    what = {"accept": f"accepted {number(decision.value)}",
            "both_right": f"both right; older claim dated {decision.older_as_of}",
            "correct": f"corrected to {number(decision.value)}",
            "dismiss": "dismissed: not a real conflict"}[decision.action]
    return f"{what} — {decision.reviewer}, {decision.decided_at[:16].replace('T', ' ')}"


def likely_older(conflict) -> Claim | None:
    """The claim to offer as the older one for "both right": the first whose value the suggestion does not
    take (a stale figure), else the first claim."""
    suggested = conflict.suggested.value if conflict.suggested else None
    return next((cl for cl in conflict.claims if cl.value != suggested), conflict.claims[0] if conflict.claims
                else None)


def decision_form(ctx: PageContext) -> str:
    item = ctx.item
    c = item.conflict
    chosen = item.decision if item.status == "decided" else None
    groups = claim_groups(c)
    cards = "".join(claim_card(n, group, ctx, chosen) for n, group in enumerate(groups, 1))
    older = likely_older(c)
    claims_opts = "".join(f'<option value="{esc(g[0].record_id)}"{" selected" if older in g else ""}>'
                          f'{n}: {number(g[0].value)} ({esc(name_of(ctx, g[0].article_id))})</option>'
                          for n, g in enumerate(groups, 1))
    keep = "".join(hidden(k, v) for k, v in ctx.filters.query().items())
    posted = lambda name: esc((ctx.posted.get(name) or [""])[0])
    error = f'<p class="error" role="alert" id="form-error">{esc(ctx.error)}</p>' if ctx.error else ""
    return (f'{error}<form method="post" action="/decide" id="decide">'
            f'<button type="submit" disabled hidden aria-hidden="true"></button>'  # Enter alone submits nothing
            f'{hidden("csrf", ctx.csrf)}{hidden("finding_id", c.id)}{keep}'
            f'<div class="claims">{cards}</div>'
            f'<div class="actions">'
            f'<fieldset><legend>Both right, different dates</legend>'
            f'<label>older claim <select name="older_record_id">{claims_opts}</select></label> '
            f'<label>its date <input name="older_as_of" id="older-as-of" placeholder="e.g. 2022-12" '
            f'value="{posted("older_as_of")}" '
            f'size="10"></label> <button type="submit" name="choice" value="both_right" id="both">'
            f'Both right <kbd>b</kbd></button></fieldset>'
            f'<fieldset><legend>Correct value</legend><input name="value" id="value" inputmode="decimal" '
            f'size="8" placeholder="e.g. 9" value="{posted("value")}"> '
            f'<button type="submit" name="choice" value="correct" '
            f'id="correct">Correct <kbd>c</kbd></button></fieldset>'
            f'<fieldset><legend>Not a real conflict</legend><button type="submit" name="choice" '
            f'value="dismiss" id="dismiss">Dismiss <kbd>d</kbd></button></fieldset>'
            f'<label class="note">Note <kbd>/</kbd><textarea name="note" id="note" rows="2" '
            f'placeholder="optional: why">{posted("note")}</textarea></label></div></form>'
            f'{fix_forms(ctx, groups)}')


def check_badge(c) -> str:
    return '<span class="badge check" title="may be a misread claim">check the claims</span>' if c.check_claims else ""


def check_html(c) -> str:
    """Why the finding may come from a misread claim (fix the claim on its card if so)."""
    if not c.check_claims:
        return ""
    items = "".join(f"<li>{esc(why)}</li>" for why in c.check_claims)
    return (f'<div class="check-claims"><strong>Check the claims</strong> — this may be a misreading, not '
            f'sources that disagree: <ul>{items}</ul>If a claim is misread, fix it on its card '
            f'(<kbd>f</kbd> then its number).</div>')


def finding_html(ctx: PageContext) -> str:
    item = ctx.item
    c = item.conflict
    sug = c.suggested
    suggested = (f'<p class="suggested">Suggested: <strong>{number(sug.value)}</strong>'
                 f'{" as of " + esc(sug.as_of) if sug.as_of else ""} — rule <code>{esc(sug.rule)}</code></p>'
                 if sug else '<p class="suggested">No suggested resolution.</p>')
    decided = ""
    if item.decision is not None:
        label = "Decided" if item.status == "decided" else "Decided earlier, on other claims (reopened)"
        note = f' — “{esc(item.decision.note)}”' if item.decision.note else ""
        decided = f'<p class="decision {esc(item.status)}">{label}: {esc(describe(item.decision))}{note}</p>'
    published = {a.id: str(a.published) if a.published else None for a in ctx.outputs.articles.values()}
    chart = timeline_svg(c, ctx.outputs.facts_for(c.key), published, article_names_of(ctx))
    where = place_map_svg(c, [f for fs in ctx.outputs.facts.values() for f in fs])     # '' unless a province
    if where:
        where = (f'<figure class="placemap">{where}<figcaption>The same figure in every province at that date '
                 f'(latest settled value); ringed: this finding.</figcaption></figure>')
    return (f'<section class="finding" data-finding-id="{esc(c.id)}" data-status="{esc(item.status)}">'
            f'<h1>{esc(c.key.label())}<span class="as-of">{" as of " + esc(c.as_of) if c.as_of else ""}'
            f'</span></h1><p class="badges"><span class="badge sev-{esc(c.severity)}">{esc(c.severity)}</span>'
            f'<span class="badge">{esc(c.type)}</span><span class="badge status-{esc(item.status)}" '
            f'id="status">{esc(item.status)}</span>{check_badge(c)}<code class="fid">{esc(c.id)}</code></p>'
            f'<p class="explanation">{esc(c.explanation)}</p>{check_html(c)}{suggested}{decided}'
            f'<figure>{chart}<figcaption>Numbered points: the claims below (hover for the article). Line: the reconciled values '
            f'(rank preferred or normal); hollow: deprecated; dashed: the suggested value.</figcaption>'
            f'</figure>{where}{decision_form(ctx)}</section>')


def filters_html(ctx: PageContext) -> str:
    cs = ctx.outputs.conflicts
    metrics = sorted({c.key.metric for c in cs})
    scopes = sorted({c.key.scope for c in cs if c.key.scope})
    types = [t for t in TYPES if any(c.type == t for c in cs)]
    f = ctx.filters
    return (f'<form method="get" action="/" class="filters">{select("type", "type", types, f.type)}'
            f'{select("metric", "metric", metrics, f.metric)}{select("scope", "scope", scopes, f.scope)}'
            f'{select("status", "status", list(STATUSES), f.status, blank=None)}'
            f'<button type="submit">Filter</button></form>')


QUEUE_SHOWN = 200
"""How many queue entries the side list shows (around the current one); the rest are a filter away."""


def queue_html(ctx: PageContext) -> str:
    rows = []
    current = ctx.item.conflict.id if ctx.item else None
    ids = [i.conflict.id for i in ctx.queue]
    here = ids.index(current) if current in ids else 0
    first = max(0, min(here - QUEUE_SHOWN // 2, len(ids) - QUEUE_SHOWN))
    shown = ctx.queue[first:first + QUEUE_SHOWN]
    for item in shown:
        c = item.conflict
        here = ' class="current"' if c.id == current else ""
        rows.append(f'<li{here}><a href="{href("/", f=c.id, **ctx.filters.query())}">'
                    f'<span class="badge sev-{esc(c.severity)}">{esc(c.severity[0])}</span> '
                    f'{esc(c.key.label())}{" · " + esc(c.as_of) if c.as_of else ""}'
                    f'<small>{esc(c.type)} · {esc(item.status)}{" · check the claims" if c.check_claims else ""}'
                    f'</small></a></li>')
    more = len(ctx.queue) - len(shown)
    rest = f'<p class="count">{more} more: use n / p or the filters</p>' if more else ""
    return (f'<ol class="queue" start="{first + 1}">{"".join(rows) or "<li>Nothing matches these filters.</li>"}'
            f'</ol>{rest}')


def nav_html(ctx: PageContext) -> str:
    ids = [i.conflict.id for i in ctx.queue]
    here = ids.index(ctx.item.conflict.id) if ctx.item and ctx.item.conflict.id in ids else -1
    links = []
    for rel, label, key, idx in (("prev", "← previous", "p", here - 1), ("next", "next →", "n", here + 1)):
        if 0 <= idx < len(ids):
            links.append(f'<a id="{rel}" rel="{rel}" href="{href("/", f=ids[idx], **ctx.filters.query())}">'
                         f'{label} <kbd>{key}</kbd></a>')
    undo = ""
    if ctx.undoable is not None:
        keep = "".join(hidden(k, v) for k, v in ctx.filters.query().items())
        undo = (f'<form method="post" action="/undo" id="undo">{hidden("csrf", ctx.csrf)}{keep}'
                f'<button type="submit">Undo <kbd>u</kbd></button> <small>your last: '
                f'{esc(undo_words(ctx.undoable))}</small></form>')
    return f'<nav class="pager">{" ".join(links)}{undo}</nav>'


def undo_words(d: Decision) -> str:
    """What `u` takes back, naming its finding: `OCOP products 5 sao in Hà Nội (2025-06): accepted 9 — an, …`."""
    from ..reconcile.words import key_words
    finding = key_words(d.key) if d.key is not None else d.finding_id
    when = f" ({d.as_of})" if d.as_of else ""
    return f"{finding}{when}: {describe(d)}"


def review_page(ctx: PageContext) -> str:
    head = (f'<header><strong>ocop review</strong> <span id="left">{ctx.left}</span> left of {ctx.total} '
            f'findings · reviewer {esc(ctx.reviewer)}</header>')
    flash = f'<p class="flash" role="status">{esc(ctx.flash)}</p>' if ctx.flash else ""
    if ctx.item is None:
        main = ('<section class="finding empty"><h1>Nothing to review here</h1><p>No finding matches these '
                'filters. Choose status “all” to see decided ones.</p></section>')
    else:
        main = finding_html(ctx)
    stale = stale_html(ctx.corrections, ctx.outputs.records, article_names_of(ctx)) if ctx.corrections else ""
    body = (f'{head}<div class="layout"><aside>{filters_html(ctx)}<p class="count">{len(ctx.queue)} in this '
            f'queue</p>{queue_html(ctx)}{stale}</aside>'
            f'<main>{flash}{nav_html(ctx)}{main}{shortcuts_html()}</main></div>')
    return layout("ocop review", body)


def article_page(article: ArticleOut, records: list[dict], marked_ids: set[str]) -> str:
    """The whole cleaned article, escaped, with every count's evidence lightly marked and the asked-for
    records' evidence strongly marked (the first one scrolled to)."""
    spans = []
    for r in records:
        ev = r.get("evidence") or {}
        start, end = ev.get("start"), ev.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article.text):
            spans.append((r.get("id") not in marked_ids, start, end, r.get("id")))
    spans.sort()
    chosen: list[tuple[int, int, bool, str]] = []
    for other, start, end, rid in spans:  # marked ones first; skip what overlaps a span already taken
        if all(end <= s or start >= e for s, e, _, _ in chosen):
            chosen.append((start, end, not other, rid))
    chosen.sort()
    text, pos, parts, first = article.text, 0, [], True
    for start, end, strong, rid in chosen:
        parts.append(esc(text[pos:start]))
        anchor = ' id="evidence"' if strong and first else ""
        first = first and not strong
        parts.append(f'<mark class="{"evidence" if strong else "count"}"{anchor} title="{esc(rid)}">'
                     f'{esc(text[start:end])}</mark>')
        pos = end
    parts.append(esc(text[pos:]))
    meta = " · ".join(esc(x) for x in (article.source, article.published, article.url) if x)
    name = article_name(article.model_dump(mode="json", include={"id", "title", "text"})).strip("“”")
    body = (f'<main class="article"><p><a href="/">← review queue</a></p><h1>{esc(name)}'
            f'</h1><p class="meta">{meta} <code>{esc(article.id)}</code></p>'
            f'<div class="text">{"".join(parts)}</div></main>')
    return layout(name, body)
