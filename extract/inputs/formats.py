"""One reader per kind of file: bytes of a file (or a stream of JSON lines) -> articles or problems.

- `.txt`, `.md`: the whole file is the text; the id is the file name without extension; a Markdown file's
  first `# heading` is its title.
- `.html`, `.htm`: main text, title and publication date taken by trafilatura.
- `.jsonl`: one article a line (`id`, `text`, and optionally `title`, `published`, `url`, `source`).
"""
from __future__ import annotations

import json
import logging
import unicodedata
import warnings
from html import escape
from html.parser import HTMLParser
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Iterable, Iterator

import regex
from pydantic import ValidationError

from schemas import Article

from .decode import Refused, decode_bytes
from .language import is_vietnamese, letter_counts, not_vietnamese_reason, vocabulary


@dataclass(frozen=True)
class Problem:
    where: str      # file, or file:line
    message: str
    kind: str = "other"   # empty, binary, too_large, encoding, malformed_json, not_article, not_vietnamese,
    #                       no_text, unreadable, missing, duplicate, extraction_failed

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


_MD_HEADING = regex.compile(r"""
    ^\#{1,6}[ \t]+      # a Markdown heading mark at the start of a line
    (?P<title>[^\n]+?)  # the heading itself
    [ \t#]*$            # optional closing marks
""", regex.VERBOSE | regex.MULTILINE)


def text_problem(text: str, where: str) -> Problem | None:
    """The policy every article text goes through: not empty, and Vietnamese."""
    if not text.strip():
        return Problem(where, "is empty", "empty")
    if not is_vietnamese(text):
        return Problem(where, not_vietnamese_reason(text), "not_vietnamese")
    return None


def too_short_for_an_article(text: str) -> bool:
    """Policy for what a page extractor returns: fewer letters than a sentence (a menu, a caption) is not
    an article's main text."""
    return letter_counts(text)[0] < vocabulary()["min_letters"]


def file_id(path: Path) -> str:
    """An article's id from its file name, in NFC (macOS and some archives write names in NFD)."""
    return unicodedata.normalize("NFC", path.stem)


def read_text_file(path: Path, raw: bytes) -> Article | Problem:
    try:
        decoded = decode_bytes(raw)
    except Refused as e:
        return Problem(str(path), str(e), e.kind)
    text = decoded.text
    if problem := text_problem(text, str(path)):
        return problem
    title = None
    if path.suffix.lower() == ".md" and (m := _MD_HEADING.search(text)):
        title = m.group("title")
    return Article(id=file_id(path), text=text, title=title, path=str(path))


def read_html_file(path: Path, raw: bytes) -> Article | Problem:
    try:
        html = decode_bytes(raw, markup=True).text
    except Refused as e:
        return Problem(str(path), str(e), e.kind)
    if not html.strip():
        return Problem(str(path), "is empty", "empty")
    import trafilatura
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)   # its "discarding data" lines: ours say why
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(shallow_html(html), with_metadata=True, include_comments=False,
                                          include_tables=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip() or too_short_for_an_article(text):
        found = f" (only {text.strip()[:40]!r})" if text and text.strip() else ""
        return Problem(str(path), f"no main text found in the HTML page{found}", "no_text")
    if problem := text_problem(text, str(path)):
        return problem
    return Article(id=file_id(path), text=text, title=getattr(doc, "title", None) or None,
                   published=_iso_date(getattr(doc, "date", None)), url=getattr(doc, "url", None) or None,
                   source=getattr(doc, "sitename", None) or None, path=str(path))


MAX_DEPTH = 100
"""Pages nested deeper than this (bad generators, hostile pages: parsers give up past 255 or 2048 levels)
have their deeper tags dropped, text kept, before the main text is looked for; no article needs more."""


def shallow_html(html: str) -> str:
    """`html` itself, or, when it is nested deeper than MAX_DEPTH, the same page with the tags below that
    depth left out (their text kept).

    >>> shallow_html("<div>" * 3 + "Sản phẩm" + "</div>" * 3) == "<div>" * 3 + "Sản phẩm" + "</div>" * 3
    True
    >>> shallow_html("<body>" + "<div>" * 5000 + "3 sao &amp; 4 sao" + "</div>" * 5000).count("<div>")
    99
    """
    if html.count("<") < MAX_DEPTH:
        return html
    flat = _Flattener()
    flat.feed(html)
    flat.close()
    return "".join(flat.out) if flat.deepest > MAX_DEPTH else html


class _Flattener(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []     # (tag, written)
        self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            self.out.append(self.get_starttag_text() or "")
            return
        written = len(self.open) < MAX_DEPTH
        self.open.append((tag, written))
        self.deepest = max(self.deepest, len(self.open))
        if written:
            self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if not any(t == tag for t, _ in self.open):
            return
        while self.open:
            t, written = self.open.pop()
            if written:
                self.out.append(f"</{t}>")
            if t == tag:
                return

    def handle_data(self, data):
        self.out.append(escape(data, quote=False))

    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def _iso_date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def iter_jsonl_stream(f: IO[bytes], where: str, max_bytes: int | None) -> Iterator[Article | Problem]:
    """Articles of a JSON Lines byte stream, one line at a time (memory does not grow with the file).
    The size limit applies to each line (one article), not to the file."""
    for n, (line, size) in enumerate(_lines(f, max_bytes), 1):
        here = f"{where}:{n}"
        if line is None:
            yield Problem(here, f"line is {size} bytes, over the limit of {max_bytes} (--max-bytes)",
                          "too_large")
            continue
        if n == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as e:
            yield Problem(here, f"is not UTF-8 (byte {line[e.start]:#04x} at column {e.start + 1}); "
                                "JSON Lines must be UTF-8", "encoding")
            continue
        yield from parse_jsonl_lines([text], where, first=n)


_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def lone_surrogate(data: dict) -> str | None:
    r"""What is wrong when a JSON line's strings hold a lone surrogate (`"\ud800"`): JSON can write one,
    but it is half of a UTF-16 pair, not a character, and no UTF-8 text can hold it.

    >>> lone_surrogate({"id": "a", "text": "Có 3 sản phẩm \ud800"})
    "field 'text' holds a lone surrogate (U+D800 at character 14), which is not text"
    """
    for key, value in data.items():
        if isinstance(value, str) and (m := _SURROGATE.search(value)):
            return (f"field {key!r} holds a lone surrogate (U+{ord(m.group()):04X} at character {m.start()}), "
                    "which is not text")
    return None


def _lines(f: IO[bytes], limit: int | None, chunk: int = 1 << 20) -> Iterator[tuple[bytes | None, int]]:
    """(line, its size) for each line of `f`; (None, size) for a line over `limit` bytes, which is read
    through without being kept (a 1 GB line costs no more memory than a short one)."""
    while True:
        line = f.readline() if limit is None else f.readline(limit + 1)
        if not line:
            return
        if limit is None or len(line) <= limit:
            yield line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = f.readline(chunk)
            if not line:
                break
            size += len(line)
        yield None, size


def parse_jsonl_lines(lines: Iterable[str], where: str, first: int = 1) -> Iterator[Article | Problem]:
    for n, line in enumerate(lines, first):
        here = f"{where}:{n}"
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            yield Problem(here, f"malformed JSON: {e.msg} (column {e.colno})", "malformed_json")
            continue
        if not isinstance(data, dict):
            yield Problem(here, "a line must be a JSON object with 'id' and 'text'", "not_article")
            continue
        if (bad := lone_surrogate(data)) is not None:
            yield Problem(here, bad, "encoding")
            continue
        try:
            art = Article.model_validate({**data, "path": here})
        except ValidationError as e:
            bad = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
            yield Problem(here, f"not an article ({bad})", "not_article")
            continue
        if not art.text.strip():
            yield Problem(here, f"article {art.id!r} has an empty text", "empty")
            continue
        if not is_vietnamese(art.text):
            yield Problem(here, f"article {art.id!r}: {not_vietnamese_reason(art.text)}", "not_vietnamese")
            continue
        yield art
