"""HTML building blocks: every piece of text from outside goes through `esc` (html.escape), so an article
that contains `<script>` shows it as text.

>>> esc('<script>alert("x")</script>')
'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
>>> marked("Có 6 sản phẩm.", 3, 4)
'Có <mark class="number">6</mark> sản phẩm.'
>>> number("3317"), number(2.5)
('3.317', '2,5')
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote, urlencode

SHORTCUTS = [
    ("1…9", "accept claim N's value"),
    ("b", "both right, different dates (type the older date, Enter)"),
    ("c", "correct value (type it, Enter)"),
    ("d", "dismiss: not a real conflict"),
    ("f then 1…9", "fix claim N: its kind, star, metric, place or date (Enter saves)"),
    ("n / j", "next finding"),
    ("p / k", "previous finding"),
    ("u", "undo your last decision"),
    ("/", "write a note"),
    ("Esc", "leave a text field"),
]


def esc(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def number(value) -> str:
    """A number the Vietnamese way: dots group thousands, a comma before decimals."""
    if value is None:
        return "—"
    v = float(value)
    if v.is_integer():
        return f"{int(v):,}".replace(",", ".")
    return f"{v:g}".replace(".", ",")


def marked(text: str, start: int, end: int, css: str = "number", attrs: str = "") -> str:
    """`text` escaped, with [start:end] in a <mark>."""
    if not (0 <= start <= end <= len(text)):
        return esc(text)
    return (f"{esc(text[:start])}<mark class=\"{css}\"{attrs}>{esc(text[start:end])}</mark>"
            f"{esc(text[end:])}")


def article_href(article_id: str, **params) -> str:
    """The link to an article's page, whatever its id holds (`?`, `#`, `%`, `/`, `../`): the id is one
    escaped path segment, or a query parameter when it is `.` or `..` (which URLs resolve away).

    >>> article_href("a?b#c%d/../e", mark="r1")
    '/article/a%3Fb%23c%25d%2F..%2Fe?mark=r1'
    >>> article_href("..")
    '/article/?id=..'
    """
    if article_id in (".", ".."):
        return href("/article/", id=article_id, **params)
    return href("/article/" + quote(article_id, safe=""), **params)


def href(path: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return esc(f"{path}?{query}" if query else path)


def hidden(name: str, value) -> str:
    return f'<input type="hidden" name="{esc(name)}" value="{esc(value)}">'


def select(name: str, label: str, options: list[str], chosen: str, blank: str | None = "any") -> str:
    opts = [f'<option value="">{esc(blank)}</option>'] if blank is not None else []
    opts += [f'<option value="{esc(o)}"{" selected" if o == chosen else ""}>{esc(o)}</option>'
             for o in options]
    return f'<label>{esc(label)} <select name="{esc(name)}">{"".join(opts)}</select></label>'


def layout(title: str, body: str, script: bool = True) -> str:
    js = '<script src="/static/review.js" defer></script>' if script else ""
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(title)}</title><link rel="stylesheet" href="/static/review.css">{js}</head>'
            f'<body>{body}</body></html>')


def message_page(title: str, message: str) -> str:
    """A page that only says something: an error, or what to run first."""
    return layout(title, f'<main class="message"><h1>{esc(title)}</h1><p>{esc(message)}</p>'
                         f'<p><a href="/">Back to the review queue</a></p></main>', script=False)


def shortcuts_html() -> str:
    rows = "".join(f"<tr><td><kbd>{esc(k)}</kbd></td><td>{esc(what)}</td></tr>" for k, what in SHORTCUTS)
    return f'<section class="shortcuts"><h2>Keyboard</h2><table>{rows}</table></section>'
