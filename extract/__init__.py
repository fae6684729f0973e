"""ocop: Vietnamese OCOP news in, validated and traceable records out, reconciled across sources.

The Python API (see extract/api.py), imported on first use so that `import extract` stays cheap:

    from extract import extract_text, extract_articles, reconcile
"""
from __future__ import annotations

import sys
import types

_API = {"extract_text": "extract.api", "extract_articles": "extract.api", "ArticleResult": "extract.pipeline",
        "ArticleError": "extract.api"}
__all__ = [*_API, "reconcile"]


def __getattr__(name: str):
    if name in _API:
        import importlib
        value = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'extract' has no attribute {name!r}")


class _CallableModule(types.ModuleType):
    """The `extract.reconcile` package, callable as its `reconcile` function."""

    def __call__(self, *args, **kwargs):
        function = self.__dict__.get("reconcile")
        if not callable(function):
            raise NotImplementedError("extract.reconcile does not define reconcile() yet")
        return function(*args, **kwargs)


class _Package(types.ModuleType):
    """`extract.reconcile` is both a subpackage and the API's `reconcile(records, articles=None,
    decisions=None, corrections=None, review_db=None)`. Importing a subpackage sets the attribute of the same name on its parent, so a
    plain function here would be replaced by the module whenever something imported it first. Instead
    the attribute always is the subpackage, made callable: `reconcile(records)` calls the function, and
    `extract.reconcile.run_reconcile` or `import extract.reconcile as r` work as usual."""

    @property
    def reconcile(self):
        import importlib
        module = importlib.import_module("extract.reconcile")
        if not isinstance(module, _CallableModule):
            module.__class__ = _CallableModule
        return module

    @reconcile.setter
    def reconcile(self, value):
        pass  # set by the import system when the subpackage loads; the property already gives it


sys.modules[__name__].__class__ = _Package
