"""`joblib.load` of plain pickles without importing joblib (and numpy, which it imports).

underthesea's word tokenizer reads its model's dictionary and its text normalizer's rules with
`joblib.load`; those files are plain pickles of dicts, sets and strings, and `import joblib` (with numpy,
loky, cloudpickle) took a tenth of a second of an `ocop extract` of one article, and joblib's Python
unpickler three times longer than the C one to read them. `install()` puts in `sys.modules` a `joblib`
whose `load` reads such a file with the C unpickler, and whose every other name, or any file that is not
a plain pickle of built-in values (numpy arrays, compressed files, file objects, options), runs joblib's
own `__init__` into the same module first: to every other caller it is joblib, imported in full.
"""
from __future__ import annotations

import importlib.util
import os
import pickle
import sys

PACKAGE = "joblib"


class _BuiltinsOnly(pickle.Unpickler):
    """The C unpickler, refusing any class or function: a file that names one is joblib's to read."""

    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"not a plain pickle: it names {module}.{name}")


def install() -> None:
    """Put the stand-in in `sys.modules`, unless joblib is imported already (or not installed)."""
    if PACKAGE in sys.modules:
        return
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.loader is None:
        return
    package = importlib.util.module_from_spec(spec)
    running = False

    def complete() -> None:
        nonlocal running
        if running:
            return
        running = True
        for name in ("__getattr__", "load"):
            package.__dict__.pop(name, None)
        spec.loader.exec_module(package)

    def __getattr__(name: str):
        if running:
            raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")
        complete()
        return getattr(package, name)

    def load(filename, *args, **kwargs):
        """joblib's `load(filename)`; read with the C unpickler when it is a plain pickle's path."""
        if not args and not kwargs and isinstance(filename, (str, os.PathLike)):
            with open(filename, "rb") as f:
                if f.read(1) == pickle.PROTO:
                    f.seek(0)
                    try:
                        return _BuiltinsOnly(f).load()
                    except Exception:       # (a class named, or no pickle at all: joblib says what)
                        pass
        complete()
        return package.load(filename, *args, **kwargs)

    package.__getattr__ = __getattr__
    package.load = load
    sys.modules[PACKAGE] = package
