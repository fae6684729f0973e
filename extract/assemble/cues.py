"""Cue lists from cues.vocab.json, compiled once, and the finders assembly uses on windows of text.

>>> nearest_before("Thành phố đã công nhận được 12", 28, ("achieved_before", "added_before"))
('achieved_before', 'công nhận được')
>>> has("toàn thành phố có thêm 50 sản phẩm", "kind", "target")
False
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import regex

from ..matchers import longest_first, scan

VOCAB = json.loads((Path(__file__).parent / "cues.vocab.json").read_text(encoding="utf-8"))


def words(*path: str) -> list[str]:
    node = VOCAB
    for p in path:
        node = node[p]
    return node


@lru_cache(maxsize=None)
def pattern(*path: str) -> regex.Pattern:
    """Whole-word, case-insensitive alternation of a cue list (longest first)."""
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}\d]){longest_first(words(*path))}(?![\p{{L}}\p{{M}}])",
                         regex.IGNORECASE)


COMMA = regex.compile(r"[,;]")
"""What ends a clause inside a sentence's stretch of figures (`…, lũy kế có …`)."""
CLAUSE_MARKS = regex.compile(r"[,;:()]")
"""What ends a noun phrase or a clause: a comma, a semicolon, a colon, a bracket."""


@lru_cache(maxsize=None)
def starts(*path: str):
    """Where a cue of the list can start (see matchers/scan.py)."""
    return scan.starts_before(words(*path), word_end=scan.LETTERS)


def has(text: str, *path: str) -> bool:
    return scan.search(pattern(*path), starts(*path), text) is not None


def first(text: str, *path: str):
    return scan.search(pattern(*path), starts(*path), text)


def finditer(text: str, *path: str):
    """The cues of the list in `text`, in order (as pattern(*path).finditer)."""
    return scan.finditer(pattern(*path), starts(*path), text)


def last(text: str, *path: str):
    """The last cue of the list in `text`, or None."""
    found = None
    for found in finditer(text, *path):
        pass
    return found


def nearest_before(text: str, pos: int, groups: tuple[str, ...], section: str = "kind"):
    """The cue list and cue nearest before `pos` (ending last) among `groups` of a section; not a cue inside a
    word of the section's list `GROUP_not`, where there is one (`tổng` in `hội nghị tổng kết`).

    >>> nearest_before("Tại hội nghị tổng kết, 7 sản phẩm mới", 23, ("total_before",))
    """
    best = None
    head = text[:pos]           # as finditer(text, 0, pos): the text ends at `pos` for the look-aheads too
    for g in groups:
        not_path = (section, g + "_not") if g + "_not" in VOCAB[section] else None
        for m in finditer_outside(head, (section, g), not_path):
            if best is None or m.end() > best[2] or (m.end() == best[2] and len(m.group()) > len(best[1])):
                best = (g, m.group().lower(), m.end())
    return (best[0], best[1]) if best else None


def before_parts(right: str) -> str:
    """The words after a count up to its parts (`có 11 sản phẩm OCOP, trong đó sản phẩm cam sấy mới được công
    nhận năm 2025`): what they say of the parts is not said of the count.

    >>> before_parts(" sản phẩm OCOP, trong đó 1 sản phẩm mới được công nhận")
    ' sản phẩm OCOP, '
    >>> before_parts(" sản phẩm trong số này đã được công nhận lại")    # (these of the ones before)
    ' sản phẩm trong số này đã được công nhận lại'
    """
    inside = next((m for m in finditer(right, "parts", "inside") if _OPENS_PARTS.search(right, 0, m.start())), None)
    return right[:inside.start()] if inside is not None else right


_OPENS_PARTS = regex.compile(r"[,;:(]\s*$")


def right_before(text: str, pos: int, *path: str, window: int = 25):
    """The cue of the list that ends right before `pos` (only spaces between), or None: the word that
    governs the number at `pos` (`tăng 128 sản phẩm`).

    >>> right_before("có 185 sản phẩm, tăng 128", 22, "metric", "difference_cues").group()
    'tăng'
    >>> right_before("tăng cường quảng bá 20", 20, "metric", "difference_cues") is None
    True
    """
    left = text[max(0, pos - window):pos]
    m = last(left, *path)
    return m if m is not None and not left[m.end():].strip() else None


def first_outside(text: str, cue_path: tuple[str, ...], not_path: tuple[str, ...]) -> int | None:
    """Where the first cue of `cue_path` that is not inside a word of `not_path` starts, or None.

    >>> first_outside("Năm 2022 công nhận 52 sản phẩm, lũy kế đến nay có 301", ("kind", "now_cues"), ("kind", "now_not"))
    32
    """
    return next((m.start() for m in finditer_outside(text, cue_path, not_path)), None)


def finditer_outside(text: str, cue_path: tuple[str, ...], not_path: tuple[str, ...] | None):
    """The cues of `cue_path` in `text`, in order, but those inside a word of `not_path` (all, without one)."""
    inside = [(m.start(), m.end()) for m in finditer(text, *not_path)] if not_path else []
    return (m for m in finditer(text, *cue_path) if not any(a <= m.start() and m.end() <= b for a, b in inside))


def has_outside(text: str, cue_path: tuple[str, ...], not_path: tuple[str, ...]) -> bool:
    """A cue of `cue_path` that is not inside a word of `not_path`: `hiện` counts in `Hiện nay` and
    `hiện có`, not in `thực hiện` or `hiện đại`.

    >>> has_outside("các chủ thể thực hiện tốt", ("kind", "now_cues"), ("kind", "now_not"))
    False
    >>> has_outside("Hiện Tp duy trì 105 điểm", ("kind", "now_cues"), ("kind", "now_not"))
    True
    """
    return first_outside(text, cue_path, not_path) is not None


_MEASURED_BY = regex.compile(rf"(?:%|(?<![\p{{L}}\p{{M}}]){longest_first(words('kind', 'target_measured_by'))})"
                             rf"(?:\s+(?:{longest_first(words('kind', 'target'))}))*\s*$",    # vượt chỉ tiêu kế hoạch
                             regex.IGNORECASE)


def target(text: str) -> regex.Match | None:
    """The first target cue of `text` that speaks of a plan, not of what was done measured against it
    (`phấn đấu có thêm 40 sản phẩm`; not `đạt 115% kế hoạch`, `vượt chỉ tiêu`).

    >>> target("Năm 2024, tỉnh đạt 115% kế hoạch với 46 sản phẩm") is None
    True
    >>> target("tỉnh đã hoàn thành vượt chỉ tiêu kế hoạch năm 2024 với 45 sản phẩm") is None
    True
    >>> target("tỉnh vượt kế hoạch, phấn đấu năm sau có 50 sản phẩm").group()
    'phấn đấu'
    """
    return next((m for m, measured in _targets(text) if not measured), None)


_TARGET_NAMED = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:{longest_first(words('kind', 'plan_intro'))})"
    rf"(?:\s+(?:đề ra|đặt ra|được giao))?(?:\s+(?:cho\s+)?(?:(?:cả\s+)?năm(?:\s+\d{{4}}|\s+nay)?|giai đoạn \d{{4}}\s*[-–]\s*\d{{4}}|đến năm \d{{4}}))?"
    rf"\s*(?:là|:)\s*$", regex.IGNORECASE)
_PLAN_WORD_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{longest_first(words('kind', 'plan_intro'))})\s*$", regex.IGNORECASE)
_TARGET_AFTER = regex.compile(rf"\s*(?:OCOP\s+)?(?:{longest_first(words('kind', 'plan_intro'))})(?![\p{{L}}\p{{M}}])",
                              regex.IGNORECASE)
_SET_BY = regex.compile(r"\s*(?:OCOP\s+)?(?:(?:mà|do|được)\s+[^,;.()]{0,40}?)?(?:đề ra|đặt ra|giao)(?![\p{L}\p{M}])",
                        regex.IGNORECASE)


def names_target(left: str) -> bool:
    """The number right after names a target's value (`vượt mục tiêu đề ra là 200 sản phẩm`, `chỉ tiêu năm
    2025: 50 sản phẩm`, after a share of it: `đạt 119,6% mục tiêu 500 sản phẩm`, `đạt 102% so với kế hoạch
    90 sản phẩm`, or compared with: `So với mục tiêu 100 sản phẩm, …`), even where what was done is measured
    against it.

    >>> names_target("toàn tỉnh có 240 sản phẩm, vượt mục tiêu đề ra là "), names_target("vượt chỉ tiêu kế hoạch ")
    (True, False)
    >>> names_target("vượt mục tiêu đề ra cho giai đoạn 2019 - 2020 là "), names_target("đạt 119,6% mục tiêu ")
    (True, True)
    >>> names_target("So với mục tiêu "), names_target("So với năm 2023 "), names_target("Kế hoạch năm là ")
    (True, False, True)
    >>> names_target("vượt 8,6% so với kế hoạch cả năm 2023 là ")
    True
    """
    return bool(_TARGET_NAMED.search(left[-60:]) or _SHARE_OF_PLAN.search(left[-40:]))


_SHARE_OF_PLAN = regex.compile(rf"(?:\d\s*%\s+(?:so với\s+)?|(?<![\p{{L}}\p{{M}}])so với\s+)(?:{longest_first(words('kind', 'plan_intro'))})"
                               rf"(?:\s+(?:đề ra|đặt ra|được giao))?\s+$", regex.IGNORECASE)


def target_named_after(left: str, right: str) -> bool:
    """The number is a target's value as its noun phrase says after it: `38 sản phẩm/30 sản phẩm kế hoạch`,
    `vượt mục tiêu 200 sản phẩm mà Nghị quyết đề ra` (right: the text after its unit).

    >>> target_named_after("công nhận 38 sản phẩm OCOP/", " kế hoạch, đạt 127%")
    True
    >>> target_named_after("vượt mục tiêu ", " mà Nghị quyết đề ra."), target_named_after("tỉnh có ", " mà Nghị quyết đề ra.")
    (True, False)
    >>> target_named_after("vượt mục tiêu ", " OCOP đề ra cho giai đoạn 2021-2025.")
    True
    """
    return bool(_TARGET_AFTER.match(right)) or bool(_PLAN_WORD_BEFORE.search(left[-20:]) and _SET_BY.match(right))


def measured_target(text: str) -> bool:
    """A target word of `text` measures what was done (`vượt chỉ tiêu kế hoạch 118 sản phẩm`): the plan it
    names may follow in a bracket (`(mỗi năm có 400 sản phẩm)`).

    >>> measured_target("Hà Nội vượt chỉ tiêu kế hoạch 118 sản phẩm ("), measured_target("phấn đấu có")
    (True, False)
    """
    return any(measured for _, measured in _targets(text))


def _targets(text: str):
    """Each target cue of `text`, and whether what was done is measured by it (not what is aimed at: `để đạt
    mục tiêu 150 sản phẩm`); not a plan named as the document the work follows by its number (`Thực hiện Kế
    hoạch số 45/KH-UBND`).

    >>> [m.group() for m, _ in _targets("Thực hiện Kế hoạch số 45/KH-UBND, huyện phấn đấu có 5 sản phẩm")]
    ['phấn đấu']
    """
    for m in finditer(text, "kind", "target"):
        if _DOCUMENT_NUMBER.match(text, m.end()) or (_DOCUMENT_CODE.match(text, m.end()) and text[m.start() - 1:m.start()] == "/"):
            continue        # 'Kế hoạch số 45/KH-UBND', 'Kế hoạch 45/KH-UBND': a document's name and number
        measured = _MEASURED_BY.search(text, 0, m.start())
        yield m, bool(measured) and not _AIMED.search(text, max(0, measured.start() - 12), measured.start())


_DOCUMENT_NUMBER = regex.compile(r"(?:\s+số)?\s+\d+\s*/")
"""A document's number after its type (`Kế hoạch số 45/KH-UBND`, `Kế hoạch 45/KH-UBND`)."""
_DOCUMENT_CODE = regex.compile(r"-\p{Lu}")
"""What follows a document type's letters in a document's number (`45/KH-UBND`, `12/QĐ-SNN`)."""
_AIMED = regex.compile(r"(?<![\p{L}\p{M}])(?:để|nhằm|mới|sẽ|phải|cần)\s*$", regex.IGNORECASE)
