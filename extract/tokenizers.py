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

import importlib
import importlib.util
import sys

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
    _package_without_init()
    from underthesea.pipeline.sent_tokenize import sent_tokenize as split
    return split(text)


def _word_tokenize_module():
    _package_without_init()
    # text_normalize first: it and word_tokenize import each other, and only this order completes both
    # (the order of underthesea's own __init__)
    import underthesea.pipeline.text_normalize  # noqa: F401
    import underthesea.pipeline.word_tokenize as module
    return module


def word_tokenize(text: str) -> list[str]:
    return _word_tokenize_module().word_tokenize(text)


def regex_tokens(text: str) -> list[str]:
    """The pieces word_tokenize's CRF groups into words."""
    return _word_tokenize_module().regex_tokenize.tokenize(text)
