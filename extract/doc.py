"""The document every stage works on: one cleaned text, its sentences, and (lazily) their words."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from schemas import Article

from .clean import Cleaned, clean
from .segment import Token, sentence_spans, word_tokens


@dataclass
class Sentence:
    doc_text: str = field(repr=False)
    start: int
    end: int
    index: int

    @property
    def text(self) -> str:
        return self.doc_text[self.start:self.end]

    @cached_property
    def tokens(self) -> list[Token]:
        """underthesea's words, with offsets into the document's text (tokenized on first use)."""
        return word_tokens(self.doc_text, self.start, self.end)


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

    def sentence_at(self, offset: int) -> Sentence:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        raise ValueError(f"{self.id}: offset {offset} is in no sentence")


def make_doc(article: Article) -> Doc:
    return Doc(article, clean(article.text))
