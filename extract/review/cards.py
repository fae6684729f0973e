"""A claim's card on the review page: its value and date, its sentence with the number marked, the
article's other sentences that state it, how it was read, its accept button and its "fix this claim" form."""
from __future__ import annotations

from schemas import ArticleOut, Claim, Decision

from .fixes import fix_form
from .html import article_href, esc, marked, number
from .page_context import PageContext, name_of


def sentence_html(claim: Claim, record: dict | None, article: ArticleOut | None) -> str:
    """The claim's sentence with its number highlighted (from the record's evidence when there is one)."""
    sentence = claim.sentence
    ev = (record or {}).get("evidence") or {}
    start = ev.get("start", claim.evidence_start)
    end = ev.get("end", claim.evidence_end)
    sentence_start = ev.get("sentence_start")
    if sentence_start is None and article is not None and start is not None:
        sentence_start = article.text.rfind(sentence, 0, start + len(sentence))
    if start is not None and end is not None and sentence_start is not None and sentence_start >= 0:
        local = start - sentence_start
        if sentence[local:local + end - start] == (ev.get("text") or sentence[local:local + end - start]):
            return marked(sentence, local, local + end - start)
    span = ev.get("text")
    if span and span in sentence:
        i = sentence.index(span)
        return marked(sentence, i, i + len(span))
    return esc(sentence)


def claim_card(n: int, group: list[Claim], ctx: PageContext, chosen: Decision | None) -> str:
    """Card N: one claim, with every sentence its records come from (a sentence the article repeats is
    quoted once, saying so)."""
    claim = group[0]
    article = ctx.outputs.articles.get(claim.article_id)
    record = ctx.outputs.records.get(claim.record_id)
    title = name_of(ctx, claim.article_id)
    meta = " · ".join(esc(x) for x in (article.source if article else None,
                                       article.published if article else None) if x)
    approx = "" if claim.approx == "exact" else f' <span class="approx">({esc(claim.approx)})</span>'
    vmax = f"–{number(claim.value_max)}" if claim.value_max is not None else ""
    ids = {cl.record_id for cl in group}
    picked = " picked" if chosen and chosen.action == "accept" and chosen.record_id in ids else ""
    key = f"{n}" if n <= 9 else ""
    return (f'<article class="claim{picked}" data-record-id="{esc(claim.record_id)}">'
            f'<div class="claim-head"><span class="n">{n}</span>'
            f'<span class="value">{number(claim.value)}{vmax}</span>{approx}'
            f'<span class="as-of">as of {esc(claim.as_of or "?")}</span></div>'
            f'<h3>{esc(title)}</h3><p class="meta">{meta or "&nbsp;"}</p>'
            f'<blockquote>{sentence_html(claim, record, article)}</blockquote>{repeats_html(group, ctx)}'
            f'{basis_html(record)}'
            f'<p><a class="article-link" href="{article_href(claim.article_id, mark=claim.record_id)}"'
            f' target="_blank">whole article, evidence marked ↗</a></p>'
            f'<button type="submit" name="choice" value="accept:{esc(claim.record_id)}" '
            f'data-accept="{key}">Accept {number(claim.value)} <kbd>{key}</kbd></button>'
            f'{fix_form(n, record, ctx.corrections.get(claim.record_id), len(group))}</article>')


def repeats_html(group: list[Claim], ctx: PageContext) -> str:
    """What else of the article the claim is: copies of its sentence (counted, not quoted again) and other
    sentences that state the same figure (quoted)."""
    first = group[0]
    copies = sum(cl.sentence == first.sentence for cl in group)
    out = ""
    if copies > 1:
        out += (f'<p class="repeated">The article repeats this sentence: {copies} times in all, one claim '
                f'(read once, fixed once).</p>')
    seen = {first.sentence}
    for cl in group[1:]:
        if cl.sentence in seen:
            continue
        seen.add(cl.sentence)
        article = ctx.outputs.articles.get(cl.article_id)
        out += (f'<p class="repeated">The article states the same figure again:</p>'
                f'<blockquote class="again">{sentence_html(cl, ctx.outputs.records.get(cl.record_id), article)}'
                f'</blockquote>')
    return out


def basis_html(record: dict | None) -> str:
    """How the claim was read: each attribute stated in its own clause, carried from context, or a default."""
    if not record:
        return ""
    from ..basis import kind_basis, scope_basis
    rules = record.get("rules")
    parts = [("kind", record.get("kind_basis") or kind_basis(rules)),
             ("place", record.get("scope_basis") or scope_basis(rules)), ("date", record.get("time_basis"))]
    shown = [f'<span class="basis-{esc(b)}">{name} {esc(b)}</span>' for name, b in parts if b]
    return f'<p class="basis">read: {" · ".join(shown)}</p>' if shown else ""
