"""Organizations: businesses (`Công ty TNHH …`, `CTCP …`, `HTX …`, `Hợp tác xã …`, `Tổ hợp tác …`,
`Doanh nghiệp tư nhân …`, `Hộ kinh doanh …`, `Cơ sở sản xuất …`) and agencies (`UBND …`, `Sở …`, `Bộ …`,
`Văn phòng Điều phối …`, `Hội đồng …`).

A name is read over words, not spaces (a business's from underthesea's tokenizer where its form leaves
them open, org_forms.py; an agency's from their form and the vocabulary, agency_words.py): after the
legal form come lower-case trade words and a proper name; the name ends where the proper name ends
(before `tại`, `ở`, `của`, `được`, a comma, a bracket, an administrative word, or lower-case words that
lead to no other proper name).

Value: `name` (as written, with its legal form), `org_class` (business | agency), `legal_form`
(normalized: TNHH, CP, HTX, THT, DNTN, …, or None), `location` (the place the text gives it, or None).

>>> [m.value["name"] for m in match("Sản phẩm của Công ty CP Dược thảo Thiên Phúc tại xã Phú Nam An (huyện Chương Mỹ).")]
['Công ty CP Dược thảo Thiên Phúc']
>>> match("Sản phẩm của Công ty CP Dược thảo Thiên Phúc tại xã Phú Nam An (huyện Chương Mỹ).")[0].value["location"]
'xã Phú Nam An, huyện Chương Mỹ'
>>> [m.value["name"] for m in match("chăn tơ tằm của Công ty TNHH Dâu tằm tơ Mỹ Đức tiếp tục gây tiếng vang.")]
['Công ty TNHH Dâu tằm tơ Mỹ Đức']
>>> [(m.value["name"], m.value["org_class"]) for m in match("Theo UBND thành phố Hà Nội Nguyễn Văn A, các công ty đều tham gia.")]
[('UBND thành phố Hà Nội', 'agency')]
"""
from __future__ import annotations

import regex

from ..segment import Token
from . import Match, load_vocab, longest_first
from . import agency_words, org_edges, org_forms, org_people, org_quoted, org_windows, places, scan
from .org_words import (JOINERS, NAME_WINDOW, PLACE_WORDS, STOP, VILLAGE_WORDS, capitalized, ends_name, is_proper,
                        is_word, lower, place_end, refine, short_number, starts_address, starts_place, village_in_name)

VOCAB = load_vocab("orgs")
BUSINESS = VOCAB["business_forms"]
AGENCY = VOCAB["agency_heads"]
TITLE_SUFFIXES = set(VOCAB["title_suffixes"])
LOOKAHEAD = int(VOCAB["lookahead"])
COMMUNE_WORDS = set(VOCAB["commune_words"])
AGENCY_LEVELS = set(VOCAB["agency_levels"])
HEADS_BEFORE_CAPITAL = set(VOCAB["heads_before_capital"])
NUMBER_LEADS = set(VOCAB["number_leads"])
_NOT_A_NAME = regex.compile(rf"\s+{longest_first(VOCAB['not_names_after'])}(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
_NOT_A_BASE = regex.compile(rf"\s+{longest_first(VOCAB['not_a_base_after'])}(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
_NESTED_GAP = regex.compile(r"\s*")
_CAPITAL_NEXT = regex.compile(r"\s+\p{Lu}")
_BRANCH_DASH = regex.compile(r"\s*[-–—]\s*")
_GLOSS = regex.compile(r"\s*\(\s*[\p{Lu}]{2,6}\s*\)")
_FUNCTION = longest_first(VOCAB['council_functions'])
_COUNCIL = regex.compile(
    rf"\s+(?P<function>{_FUNCTION}(?P<two>(?:\s*,\s*|\s+và\s+|\s+){_FUNCTION})?)(?P<rest>(?:\s+số\s+\d{{1,3}})?(?:\s+sản phẩm)?"
    r"(?:\s+OCOP)?(?:\s*\([^()]{1,40}\))?)(?![\p{L}\p{M}])", regex.IGNORECASE)
"""A council's function, with its number, products and programme (`đánh giá, phân hạng sản phẩm OCOP (Mỗi
xã một sản phẩm)`, `đánh giá chuyên ngành số 01`): part of its name."""
TOKEN_WINDOW = 80          # characters after the last legal form that are tokenized (a name is shorter)
_CAPITAL_SOON = regex.compile(r"[^.;:!?\n]{0,80}?[\p{Lu}]")

_FORMS = {f.lower() for f in BUSINESS}
"""A legal form after a joiner begins another business, named or not ('hộ kinh doanh và HTX quy mô nhỏ')."""
TRIGGER = regex.compile(rf"(?<![\p{{L}}\p{{M}}\-/])(?:{longest_first(list(BUSINESS) + list(AGENCY))})(?![\p{{L}}\p{{M}}])")
TRIGGER_STARTS = scan.starts_before([*BUSINESS, *AGENCY], not_after="-/", after_digits=True,   # see scan.py
                                    word_end=scan.LETTERS)


def _name_end(tokens: list[Token], i: int, agency: bool, trigger_starts: set[int], trades: bool = True) -> int | None:
    """Index of the name's last word, starting at tokens[i]; None when no proper name follows. `trades`:
    the name may run through a list of trades (a legal form written as a name's, with a capital)."""
    last, n = None, len(tokens)
    while i < n:
        t = tokens[i]
        low = t.lower
        if t.start in trigger_starts or (low in STOP and not capitalized(t)):
            break
        if agency and low in AGENCY_LEVELS:
            last = i     # 'Hội đồng OCOP cấp Quốc gia', 'Hội đồng cấp tỉnh Bình Định'
            i += 1
            continue
        if last is not None and not agency and starts_address(tokens, i):
            break       # 'CTCP Nông sản Việt Khu công nghiệp Mỹ Tho': the address of a flattened table
        if last is not None and not agency and capitalized(t) and t.lower in VILLAGE_WORDS and i + 1 < n \
                and starts_place(tokens[i + 1]):
            last = i    # a village word ending a name, its address's word next ('HTX Nông nghiệp hữu cơ Bồ Bản Xã
            i += 1      # Triệu Trạch' in a flattened table): no village's address, the name's last word
            continue
        if starts_place(t) and (agency or last is not None or not village_in_name(tokens, i)):
            if agency or (last is None and low in COMMUNE_WORDS and i + 1 < n and capitalized(tokens[i + 1])):
                # an agency's place is part of its name, and ends it; so is the commune of a cooperative
                # named by its trade alone ('HTX dịch vụ nông nghiệp xã Yên Lạc', 'HTX Nông nghiệp Phường 3')
                last = place_end(tokens, i)
            elif last is None and low in COMMUNE_WORDS and i + 1 < n and short_number(tokens[i + 1]) \
                    and ends_name(tokens, i + 1):
                last = i + 1
            break
        if agency and t.text in places.CANONICAL:
            last = i
            break
        if low in JOINERS or (t.text == "," and last is None and not agency and trades):
            nxt = tokens[i + 1] if i + 1 < n else None
            if nxt is not None and nxt.start not in trigger_starts and is_word(nxt) and nxt.lower not in _FORMS \
                    and not nxt.text[:1].isdigit() and (
                    capitalized(nxt) or (last is None and not agency and (trades or low != ",")
                                          and nxt.lower not in STOP
                                          and not starts_place(nxt))):
                # 'Thương mại và Dịch vụ'; before the proper name, a list of trades runs through commas
                # and 'và' ('HTX sản xuất, thương mại, dịch vụ Phú Lộc')
                i += 1
                continue
            break
        if not is_word(t):
            break
        if is_proper(tokens, i) or (agency and capitalized(t)):
            last = i
        elif lower(t) and last is not None:
            # after a proper name, lower-case words continue the name only on the way to another one
            j = i
            while j < n and j - i < LOOKAHEAD and lower(tokens[j]) and tokens[j].lower not in STOP \
                    and tokens[j].lower not in PLACE_WORDS:
                j += 1
            if j < n and (is_proper(tokens, j) or (agency and tokens[j].lower in PLACE_WORDS)) \
                    and tokens[j].start not in trigger_starts:
                i = j
                continue
            break
        elif t.text[:1].isdigit():
            if i > 0 and tokens[i - 1].lower in NUMBER_LEADS or (last == i - 1 and short_number(t) and ends_name(tokens, i)):
                last = i         # 'CTCP Thực phẩm số 2', 'HTX Nông nghiệp Hải Thanh 1, …'
            elif len(words := t.text.split()) > 1 and all(w[:1].isupper() for w in words[1:]):
                last = i         # the tokenizer's one word of a number and the name after it: '19/5 Mộc Châu'
            elif not (i + 1 < n and is_proper(tokens, i + 1)):
                break            # a digit inside the name only on the way to more of it ('PTK 879 Việt Nam')
        i += 1
    return last


def match(text: str) -> list[Match]:
    """Organizations in `text`."""
    # a name needs a capitalized word soon after its legal form: only then is the tokenizer asked
    # (or a council's function: `Hội đồng đánh giá, phân hạng đã họp`)
    # (and `Bộ`, `Sở` … only before a capitalized word: 'Bộ tiêu chí OCOP', 'Sở hữu trí tuệ' name no agency)
    triggers = [m for m in scan.finditer(TRIGGER, TRIGGER_STARTS, text)
                if (_CAPITAL_SOON.match(text, m.end()) or m.group() == "Hội đồng" and _COUNCIL.match(text, m.end()))
                and (m.group() not in HEADS_BEFORE_CAPITAL or _CAPITAL_NEXT.match(text, m.end()))]
    if not triggers:
        return []
    # only the stretch where names can be is tokenized, and only when a name's form leaves its words open,
    # in windows no longer than its reading needs (org_windows.py)
    stop = min(len(text), triggers[-1].end() + TOKEN_WINDOW)
    words = org_windows.Words(text, stop)
    trigger_starts = {m.start() for m in triggers}
    out: list[Match] = []
    for m in triggers:
        if out and m.start() < out[-1].end:
            continue
        form = m.group()
        agency = form in AGENCY
        if _NOT_A_NAME.match(text, m.end()) or (form.lower() == "cơ sở" and _NOT_A_BASE.match(text, m.end())):
            continue     # 'cơ sở dữ liệu', 'cơ sở vật chất', 'trên cơ sở sáp nhập'
        gloss = _GLOSS.match(text, m.end())    # 'Hợp tác xã (HTX) Chè Tân Lập'
        pos = gloss.end() if gloss else m.end()
        # a legal form right after another is part of one name: 'Hộ kinh doanh cơ sở Tâm Nguyên', 'Công ty
        # CP Tập đoàn Hann', 'Chi nhánh Công ty …' (and a branch takes its parent after a dash)
        nested = {t.start() for t in triggers if not agency and t.start() >= m.start()
                  and _NESTED_GAP.fullmatch(text, m.end(), t.start())}
        starts = trigger_starts - {m.start()} - nested
        trades = form[:1].isupper()
        # the form is read first (a quoted name, a name in org_forms' shape); the words only where it
        # leaves them open
        end = None if agency else org_quoted.quoted_end(text, pos) or org_forms.name_end(text, pos, stop, starts,
                                                                                           NAME_WINDOW)
        if agency and form == "Hội đồng" and (council := _COUNCIL.match(text, pos)):
            end = _council_end(text, council, stop, starts)
        if end is None and org_forms.no_name(text, pos, stop, starts, agency, trades=trades, window=NAME_WINDOW):
            continue     # lower-case words only: no name, whatever the words
        if end is None and agency:     # an agency's words from their form (agency_words.py)
            after, last = agency_words.read(text, pos, stop, lambda w: _name_end(w, 0, True, starts, trades=trades))
        elif end is None:
            after, last = words.read(m.start(), pos, _reading(text, pos, starts, trades))
        if end is None:
            if not after or after[0].lower in TITLE_SUFFIXES or last is None:
                continue
            end = after[last].end
        end = org_people.name_end_before_person(text, m.start(), pos, end, agency)   # 'Giám đốc HTX X Nguyễn Văn A'
        if end <= pos:
            continue        # 'Chủ nhiệm HTX Nguyễn Văn Bình': a person, no name of the cooperative
        end = org_edges.cut(text, pos, end, agency)     # a table's next cell, a titled person, an address
        name = text[m.start():end]
        value = {"name": name, "org_class": "agency" if agency else "business",
                 "legal_form": None if agency else BUSINESS[form], "location": org_edges.location(text, end)}
        start = m.start()
        if out and out[-1].value["legal_form"] == BUSINESS.get("Chi nhánh") and not agency \
                and _BRANCH_DASH.fullmatch(text, out[-1].end, start):
            branch = out.pop()     # 'Chi nhánh Quảng Nam – CTCP Nông sản Việt': a branch with its parent
            start, name = branch.start, text[branch.start:end]
            value = {**value, "name": name, "legal_form": branch.value["legal_form"]}
        elif out and not agency and BUSINESS[form] == BUSINESS.get("Chi nhánh") \
                and out[-1].value["org_class"] == "business" and _BRANCH_DASH.fullmatch(text, out[-1].end, start):
            parent = out.pop()     # 'Công ty TNHH Thực phẩm Hữu Nghị - Chi nhánh Hà Nam': the parent with its branch
            start, name = parent.start, text[parent.start:end]
            value = {**value, "name": name, "legal_form": parent.value["legal_form"], "location": value["location"]}
        out.append(Match("org", start, end, name, "orgs.agency" if agency else "orgs.business", value))
    return out


def _council_end(text: str, council: regex.Match, stop: int, starts: set[int]) -> int | None:
    """Where a council's name ends, its function's words (`_COUNCIL`) right after `Hội đồng`: with the
    level, place or proper name right after them (`… sản phẩm OCOP cấp tỉnh`, `… OCOP tỉnh Lạng Sơn`,
    `… OCOP Trung ương`), or with them when they are a list (`Hội đồng đánh giá, phân hạng chấm …`), hold
    a number or the programme (`… chuyên ngành số 2`, `… sản phẩm OCOP`), or are two functions followed by
    a stop word or a mark (`Hội đồng đánh giá phân hạng đã …`; its products alone, a mark). None: the
    function is the council's verb (`Hội đồng đánh giá 6 sản phẩm`, `được Hội đồng đánh giá và công nhận`).

    >>> t = "Hội đồng đánh giá 6 sản phẩm đạt 3 sao."
    >>> _council_end(t, _COUNCIL.match(t, 8), len(t), set()) is None
    True
    """
    pos = council.end()
    words, last = agency_words.read(text, pos, stop, lambda w: _name_end(w, 0, True, starts) if w and (
        capitalized(w[0]) or w[0].lower in AGENCY_LEVELS or w[0].lower in PLACE_WORDS) else None)
    if last is not None:
        return words[last].end
    if "," in council.group("function") or council.group("rest").lower().replace("sản phẩm", "").strip():
        return pos
    mark = not words or not is_word(words[0])
    return pos if mark and council.group("rest") or council.group("two") and (mark or words[0].lower in STOP) else None


def _reading(text: str, pos: int, starts: set[int], trades: bool):
    """The reading of a business's name whose words start at `pos`, over a window of the tokenizer's words
    (an agency's are read from their form, agency_words.py): the words from `pos` on and the index of the
    name's last one (None: no name)."""
    def read(tokens: list[Token]) -> tuple[org_windows.Read, int | None]:
        after = org_windows.Read(refine(text, tokens, pos))
        return after, _name_end(after, 0, False, starts, trades=trades)
    return read
