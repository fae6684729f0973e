"""The words and number shapes date expressions are made of (`dates.vocab.json`), shared by the pattern
(`dates.py`) and its readers (`date_readers.py`)."""
from __future__ import annotations

import regex

from . import load_vocab, longest_first

VOCAB = load_vocab("dates")
FLAGS = regex.VERBOSE | regex.IGNORECASE
WINDOW = 40


def alternation(key_or_list) -> str:
    return longest_first(VOCAB[key_or_list] if isinstance(key_or_list, str) else key_or_list)


YEAR = r"(?:19|20)\d\d(?!\d)"
MONTH = r"(?:0?[1-9]|1[0-2])(?!\d)"
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
SLASH = r"\s*/\s*|-"
IN_YEAR = r"(?:\s*(?:/|-)\s*|\s+năm\s+)"                     # tháng 6/2025, tháng 6 năm 2025
# the word after `năm` that makes the year relative (năm nay, năm ngoái, năm tới): from VOCAB["relative"]
RELATIVE_YEAR_WORDS = {w.split(" ", 1)[1]: rel for w, rel in VOCAB["relative"].items()
                       if w.startswith("năm ") and rel.endswith("_year")}
YEAR_WORD = rf"(?P<ynay>{alternation(list(RELATIVE_YEAR_WORDS))})(?!\w)(?!\s+đó(?!\w))"   # not năm trước đó
YEAR_SLOT = rf"(?:{IN_YEAR}(?P<y>{YEAR})|\s+năm\s+{YEAR_WORD})"   # ... 2025 / ... năm nay / năm ngoái
JOIN = rf"\s*{alternation('range_joiners')}\s*"
DAY_JOIN = rf"\s*{alternation(VOCAB['day_range_joiners'] + VOCAB['range_joiners'])}\s*"
