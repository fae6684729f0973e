"""Vietnam's administrative units before and after the reorganisation of 1 July 2025, from the
`vietnamadminunits` package (MIT; its SQLite dataset: 63 provinces, 696 districts and 10,040 communes
before, 34 provinces and 3,321 communes after, coordinates, and which old provinces make up each new one).

- `data`: the units (`Unit`), read once from the package's dataset and kept for the process;
- `names`: `name_key` (the spelling-insensitive key of a name) and the index of units by it;
- `provinces`: provinces at a date, the merges of 2025, coordinates; `resolve` picks one unit among
  candidates from what surrounds a name.

>>> from extract.gazetteer import lookup
>>> [(u.name, u.kind, u.province) for u in lookup("mường khương", level="district")]
[('Mường Khương', 'huyện', 'Lào Cai')]
"""
from __future__ import annotations

from .data import REFORM_DATE, Unit, units
from .names import as_written, lookup, name_key

__all__ = ["REFORM_DATE", "Unit", "units", "as_written", "lookup", "name_key"]
