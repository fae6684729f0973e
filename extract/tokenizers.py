"""underthesea's sentence splitter and word tokenizer, imported without the rest of underthesea.

`import underthesea` runs its package `__init__`, which imports every pipeline it has (chunking, NER, POS
tagging, classification with `requests`, …): about half a second, most of an `ocop extract` of one
article, for two functions of which extraction needs the splitter always and the tokenizer only where an
organization's name is unclear. Here the package stands in `sys.modules` without its `__init__` having
run, so that its pipeline modules can be imported one by one; the first time anything asks the package
for a name it does not have yet (`from underthesea import ner`), its `__init__` runs then, once, and
answers: underthesea behaves as if imported in full to every other user.
"""
from __future__ import annotations

import functools
import importlib
import importlib.util
import re
import sys

from . import plain_joblib

PACKAGE = "underthesea"


def _package_without_init() -> None:
    if PACKAGE in sys.modules:
        return
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.loader is None:
        return                      # not installed: the import below says so
    package = importlib.util.module_from_spec(spec)
    running = False

    def complete(name: str):
        """The package's own `__init__`, run the first time a name it defines is asked for."""
        nonlocal running
        if running:
            raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")
        running = True
        package.__dict__.pop("__getattr__", None)
        spec.loader.exec_module(package)
        return getattr(package, name)

    package.__getattr__ = complete
    sys.modules[PACKAGE] = package


def sent_tokenize(text: str) -> list[str]:
    """underthesea's `sent_tokenize(text)`: the same sentences (`_sentences_from_text`)."""
    _package_without_init()
    import underthesea.pipeline.sent_tokenize as module
    module._load_model()
    splitter = module.sentence_tokenizer
    if splitter.SENT_END_CHARS != _ENDS:
        return splitter.sentences_from_text(text)      # not the splitter `_sentences_from_text` follows
    return _sentences_from_text(splitter, text)


_ENDS = frozenset(".?!")
_SENTENCE_END = re.compile(r"[.?!]")


def _cut(text: str, start: int, end: int, sentences: list[str]) -> int:
    """Ends a sentence at `end` (kept when not blank) and returns where the next one starts: past the
    spaces and line breaks after it."""
    sentence = text[start:end].strip()
    if sentence:
        sentences.append(sentence)
    while end < len(text) and text[end] in " \t\n\r":
        end += 1
    return end


def _sentences_from_text(splitter, text: str) -> list[str]:
    """underthesea's `PunktSentenceTokenizer.sentences_from_text(text)` (underthesea 9.x), which walks the
    text a character at a time in Python to find its `.`, `?` and `!` (3% of extraction): here the walk
    goes from one of them to the next (`str`'s search, in C), and everything done at one of them is
    underthesea's, line for line, its own `_is_sentence_boundary` deciding. tests/test_tokenizers.py
    compares the sentences with underthesea's own."""
    if not text or not text.strip():
        return []
    ends = splitter.SENT_END_CHARS
    sentences = []
    start = 0
    n = len(text)
    found = _SENTENCE_END.search(text)
    while found is not None:
        i = found.start()
        if text[i] == ".":
            dot_end = i
            while dot_end < n and text[dot_end] == ".":
                dot_end += 1
            if dot_end - i >= 3:            # an ellipsis: a boundary at the end or before a capital
                after = dot_end
                while after < n and text[after] in " \t":
                    after += 1
                if after >= n or text[after].isupper():
                    start = dot_end = _cut(text, start, dot_end, sentences)
                found = _SENTENCE_END.search(text, dot_end)
                continue
        if splitter._is_sentence_boundary(text, i):
            end = i + 1
            while end < n and text[end] in ends:
                end += 1
            start = _cut(text, start, end, sentences)
            found = _SENTENCE_END.search(text, start)
            continue
        found = _SENTENCE_END.search(text, i + 1)
    final = text[start:].strip()
    if final:
        sentences.append(final)
    return sentences


def _word_tokenize_module():
    _package_without_init()
    plain_joblib.install()      # its model's files are plain pickles: no joblib (and numpy) to read them
    # text_normalize first: it and word_tokenize import each other, and only this order completes both
    # (the order of underthesea's own __init__)
    import underthesea.pipeline.text_normalize  # noqa: F401
    import underthesea.pipeline.word_tokenize as module
    return module


def word_tokenize(text: str) -> list[str]:
    """underthesea's `word_tokenize(text)`, the same words, with less Python around its CRF (see
    `_words_of`)."""
    module = _word_tokenize_module()
    if module.word_tokenize_model is None:
        return module.word_tokenize(text)       # its first call loads the model
    return _words_of(module, text)


def _words_of(module, text: str) -> list[str]:
    """What underthesea's `word_tokenize(text)` (default arguments) does, step for step, with two of its
    per-token costs gone (its tokenizer is asked for short windows ~700 times per 100 articles, and
    these were a fifth of it):

    - a regex token is `m.group()`: underthesea takes the first named group that is set, of a pattern
      whose every alternative is one named group around all of it (`(?P<word>…)|(?P<punct>…)|…`), which
      is the whole match, found by building each match's `groupdict()`;
    - a token's normalization (`token_normalize`: character normalization and a map of misspellings, a
      function of the token alone) is remembered per token (`_normal_token`).

    The pattern is read from the module at each call, as underthesea does (a call with `fixed_words`
    replaces it for good). tests/test_tokenizers.py compares the words with underthesea's own."""
    regex_tokenize = module.regex_tokenize
    normal = regex_tokenize.normalize_characters_in_text(text)
    tokens = [_normal_token(m.group()) for m in regex_tokenize.patterns.finditer(normal)]
    tags = module.word_tokenize_model.predict([[token] for token in tokens])
    output: list[str] = []
    for i, (tag, token) in enumerate(zip(tags, tokens)):
        if tag == "I-W" and i > 0:
            output[-1] = output[-1] + " " + token
        else:
            output.append(token)
    return output


@functools.lru_cache(maxsize=1 << 16)
def _normal_token(token: str) -> str:
    """underthesea's `token_normalize(token)` (a token's syllables are few: their count bounds the cache)."""
    from underthesea.pipeline.text_normalize import token_normalize
    return token_normalize(token)


def regex_tokens(text: str) -> list[str]:
    """The pieces word_tokenize's CRF groups into words."""
    return _word_tokenize_module().regex_tokenize.tokenize(text)
