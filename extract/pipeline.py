"""Extraction of one article: a pure function from an `Article` to its records (no I/O), so that a
batch can map it over processes or a cluster.

    clean -> segment -> match -> assemble -> validate
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from dataclasses import dataclass, field

from pydantic import ValidationError

from schemas import Article, ArticleOut, validate_record

from .doc import Doc, make_doc

RULES_VERSION = "0.1.0"
"""Bumped by hand for changes the fingerprint below cannot see (a new dependency's behaviour)."""


def rule_files() -> list[Path]:
    """Every file that decides what extraction finds: the code and vocabularies of cleaning,
    segmentation, matchers, assembly and the gazetteer, and the schemas."""
    here = Path(__file__).parent
    return [f for f in sorted([*here.glob("*.py"), *here.glob("*.json"), *(here / "clean").glob("*.*"),
                               *(here / "matchers").glob("*.*"), *(here / "assemble").glob("*.*"),
                               *(here / "gazetteer").glob("*.*"),
                               *(Path(__file__).parents[1] / "schemas").glob("*.py")])
            if f.suffix in (".py", ".json", ".tsv") and f.is_file()]


def _fingerprint() -> str:
    """A hash of the rule files (their paths and bytes). Any change to a rule re-extracts every article."""
    root = Path(__file__).parents[1]
    h = hashlib.sha256()
    for f in rule_files():
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


PIPELINE_VERSION = f"{RULES_VERSION}+{_fingerprint()}"
"""Changes whenever extraction may give other records for the same text (re-extraction in batch runs)."""


@dataclass
class ArticleResult:
    article: ArticleOut
    records: list = field(default_factory=list)      # validated pydantic records, in text order
    rejected: list[dict] = field(default_factory=list)  # {"article_id", "record", "errors"}


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_records(doc: Doc) -> list[dict]:
    """Candidate records (plain dicts in the record format) of one document."""
    from .assemble import assemble
    return assemble(doc)


def strip_heading_marks(title: str) -> str:
    """A Markdown heading's title without its marks: `# Hà Nội: …` -> `Hà Nội: …`.

    >>> strip_heading_marks("## Hà Nội: Gia tăng giá trị ##"), strip_heading_marks("#OCOP")
    ('Hà Nội: Gia tăng giá trị', '#OCOP')
    """
    title = title.strip()
    if title.startswith("#") and title.lstrip("#")[:1] in (" ", "\t"):
        title = title.lstrip("#").strip().rstrip("#").strip()
    return title


def headline(text: str) -> str | None:
    r"""The first line of a cleaned text when it reads as a headline: short, not ending like a sentence,
    and followed by more text. Used as the title of articles read without one (.txt files).

    >>> headline("Hà Nội: Gia tăng giá trị từ sản phẩm OCOP\n\nSau một thời gian …")
    'Hà Nội: Gia tăng giá trị từ sản phẩm OCOP'
    >>> headline("# Hà Nội: Gia tăng giá trị từ sản phẩm OCOP\n\nSau một thời gian …")
    'Hà Nội: Gia tăng giá trị từ sản phẩm OCOP'
    >>> headline("Năm 2021, Thành phố đã công nhận 1.649 sản phẩm.\nTheo kế hoạch …") is None
    True
    """
    first, _, rest = text.strip().partition("\n")
    first = strip_heading_marks(first)
    if rest.strip() and 10 <= len(first) <= 160 and first[-1:] not in ".!?…;:,":
        return first
    return None


def extract_article(article: Article) -> ArticleResult:
    """The records of one article; ValueError (saying where) when a string of it is not text (a lone
    surrogate, which JSON and Python allow but UTF-8 cannot hold)."""
    from .inputs.formats import lone_surrogate
    if bad := lone_surrogate({"id": article.id, "text": article.text, "title": article.title}):
        raise ValueError(f"article {article.id!r}: {bad}")
    doc = make_doc(article)
    records, rejected = [], []
    for data in find_records(doc):
        try:
            records.append(validate_record(data, text=doc.text))
        except ValidationError as e:
            rejected.append({"article_id": article.id, "record": data,
                             "errors": [f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors()]})
    counts: dict[str, int] = {}
    for r in records:
        counts[r.type] = counts.get(r.type, 0) + 1
    if rejected:
        counts["rejected"] = len(rejected)
    title = strip_heading_marks(article.title or "") or headline(doc.text)
    out = ArticleOut(id=article.id, title=title, source=article.source, url=article.url,
                     published=article.published, path=article.path, content_hash=content_hash(article.text),
                     text=doc.text, counts=counts)
    return ArticleResult(out, records, rejected)
