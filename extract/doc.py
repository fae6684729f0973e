"""The document every stage works on: one cleaned text and its sentences (words are asked of
underthesea only where a pattern needs them: `segment.word_tokens`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from schemas import Article

from .clean import Cleaned, clean
from .segment import sentence_spans


@dataclass
class Sentence:
    doc_text: str = field(repr=False)
    start: int
    end: int
    index: int

    @cached_property
    def text(self) -> str:
        return self.doc_text[self.start:self.end]


@dataclass
class Doc:
    article: Article
    cleaned: Cleaned

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.cleaned.text

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [Sentence(self.text, s, e, i) for i, (s, e) in enumerate(sentence_spans(self.text))]


def make_doc(article: Article) -> Doc:
    return Doc(article, clean(article.text))
