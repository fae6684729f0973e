"""A business name written in quotes after its legal form: `HTX "Tràm Hương Vĩnh Linh"`, `Công ty TNHH
“Cà phê Khe Sanh”`, `Hợp tác xã nông nghiệp “Sạch Tân Lập”`. The name is the quoted words with the form and
any trade words before them, quotes included (a name is taken as written); the quotes say where it ends,
so no word grouping is needed.

The words between the form and the opening quote (at most MAX_WORDS) are trade words: none of them may
end a name (a stop word such as `với`, `của`, `là`, or an administrative word), so `Công ty X với sản
phẩm "Trà Ô Long"` keeps its own reading. The quoted text starts with a capital and holds no sentence mark.

>>> text = 'Tinh dầu tràm của HTX "Tràm Hương Vĩnh Linh" đạt 4 sao.'
>>> end = quoted_end(text, text.index(' "'))
>>> text[text.index("HTX"):end]
'HTX "Tràm Hương Vĩnh Linh"'
>>> t = "cà phê của Công ty TNHH thương mại “Khe Sanh”."
>>> t[t.index("Công"):quoted_end(t, t.index(" thương"))]
'Công ty TNHH thương mại “Khe Sanh”'
>>> quoted_end('Công ty Minh An với sản phẩm "Trà Ô Long"', 11) is None
True
"""
from __future__ import annotations

import regex

from . import load_vocab

VOCAB = load_vocab("orgs")
_ENDERS = {w for w in [*VOCAB["stop_words"], *VOCAB["place_words"]] if " " not in w}
MAX_WORDS = 6
_QUOTED = regex.compile(r"(?P<words>(?:\s+[\p{L}\p{M}&\-]+){0,%d}?)\s*(?:\"|“)\s*\p{Lu}[^\"“”.;:!?()\n]{0,60}?(?:\"|”)"
                        % MAX_WORDS)


def quoted_end(text: str, pos: int) -> int | None:
    """The end of a quoted name whose words start at `pos` (right after a legal form), or None."""
    m = _QUOTED.match(text, pos)
    if m is None or any(w.lower() in _ENDERS for w in m.group("words").split()):
        return None
    return m.end()
