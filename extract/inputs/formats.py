"""One reader per kind of file: bytes of a file (or a stream of JSON lines) -> articles or problems.

- `.txt`, `.md`: the whole file is the text; the id is the file name without extension; a Markdown file's
  first `# heading` is its title.
- `.html`, `.htm`: main text, title and publication date taken by trafilatura.
- `.jsonl`: one article a line (`id`, `text`, and optionally `title`, `published`, `url`, `source`).
"""
from __future__ import annotations

import json
import warnings
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
    return Article(id=path.stem, text=text, title=title, path=str(path))


def read_html_file(path: Path, raw: bytes) -> Article | Problem:
    try:
        html = decode_bytes(raw, markup=True).text
    except Refused as e:
        return Problem(str(path), str(e), e.kind)
    if not html.strip():
        return Problem(str(path), "is empty", "empty")
    import trafilatura
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip() or too_short_for_an_article(text):
        found = f" (only {text.strip()[:40]!r})" if text and text.strip() else ""
        return Problem(str(path), f"no main text found in the HTML page{found}", "no_text")
    if problem := text_problem(text, str(path)):
        return problem
    return Article(id=path.stem, text=text, title=getattr(doc, "title", None) or None,
                   published=_iso_date(getattr(doc, "date", None)), url=getattr(doc, "url", None) or None,
                   source=getattr(doc, "sitename", None) or None, path=str(path))


def _iso_date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def iter_jsonl_stream(f: IO[bytes], where: str, max_bytes: int | None) -> Iterator[Article | Problem]:
    """Articles of a JSON Lines byte stream, one line at a time (memory does not grow with the file).
    The size limit applies to each line (one article), not to the file."""
    for n, line in enumerate(f, 1):
        here = f"{where}:{n}"
        if n == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        if max_bytes is not None and len(line) > max_bytes:
            yield Problem(here, f"line is {len(line)} bytes, over the limit of {max_bytes} (--max-bytes)",
                          "too_large")
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as e:
            yield Problem(here, f"is not UTF-8 (byte {line[e.start]:#04x} at column {e.start + 1}); "
                                "JSON Lines must be UTF-8", "encoding")
            continue
        yield from parse_jsonl_lines([text], where, first=n)


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
