"""Which lines of a (normalized) text are the article.

A line is dropped whole, with a reason, by one of the policies below; their words live in
`clean.vocab.json`. Three passes:

1. `line_reason`: the line alone is page furniture (menu, dateline, share widget, caption, tags, ...);
2. `drop_repeats`, `drop_related_blocks`: a caption repeated in a row; blocks of other stories under a
   heading such as `Có thể bạn quan tâm`;
3. `drop_tail`: after the last body line, a newspaper name, a byline, a `Nguồn: ...` line.

>>> [l.drop for l in classify("Thứ tư 12/3/2025 08:15\\nHà Nội có 9 sản phẩm 5 sao.\\nChia sẻ")]
['dateline', None, 'furniture line']
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

VOCAB_PATH = Path(__file__).with_name("clean.vocab.json")
FLAGS = regex.IGNORECASE | regex.VERBOSE


@dataclass
class Line:
    start: int                 # offset of the line's first character in the text
    end: int                   # offset of its '\n' (or of the end of the text)
    text: str
    drop: str | None = None    # why the line is not the article; None: kept

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def size(self) -> int:
        return len(self.text.strip())


def phrase(words: str) -> str:
    """A vocabulary phrase as a regex: its words escaped, any run of spaces between them.

    >>> phrase("Ảnh  minh họa")
    'Ảnh\\\\s+minh\\\\s+họa'
    """
    return r"\s+".join(regex.escape(w) for w in words.split())


def alternation(items) -> str:
    """Phrases as one alternation, longest first so that the longest phrase wins, not inside a word."""
    ordered = sorted(set(items), key=lambda w: (-len(w), w))
    return r"(?<!\w)(?:" + "|".join(phrase(w) for w in ordered) + r")(?!\w)"


@lru_cache(maxsize=1)
def vocab() -> dict:
    with open(VOCAB_PATH, encoding="utf-8") as f:
        return json.load(f)


def limit(name: str) -> int:
    return vocab()["limits"][name]


class Patterns:
    """The vocabulary's regexes, compiled once."""

    def __init__(self, v: dict):
        sep = r"[\s|/•·>»\-–—,:]"   # what separates the items of a menu or a row of buttons
        self.furniture = regex.compile(rf"""
            ^ [\s\-–—*•·#>|]*                               # a bullet or markdown mark, maybe
            {alternation(v['furniture_lines']['items'])}    # the whole line is one furniture phrase
            [\s:|.]* $                                      # a trailing ':' or '|'
            """, FLAGS)
        item = alternation(v["menu_words"]["items"])
        self.menu_item = regex.compile(item, regex.IGNORECASE)
        self.menu = regex.compile(rf"^ {sep}*+ (?: {item} {sep}*+ )++ $", FLAGS)
        dl = v["dateline"]
        month, year = alternation(dl["month_words"]), alternation(dl["year_words"])
        date = rf"""(?: \d{{1,2}} \s*+[/.\-]\s*+ \d{{1,2}} (?:\s*+[/.\-]\s*+\d{{2,4}})?+   # 12/3/2025, 12-03
                     | \d{{1,2}} \s++ {month} \s++ \d{{1,2}}                             # 12 tháng 3
                       (?:\s*+,?\s*+ {year} \s++ \d{{4}})?+ )                            # năm 2025
                  """
        time = rf"\d{{1,2}} \s*+[:hg]\s*+ \d{{2}} (?:\s*+:\s*+\d{{2}})?+ (?:\s*+{alternation(dl['time_suffixes'])})?+"
        zone = rf"\(?\s*+{alternation(dl['zones'])}\s*+[+\-]\s*+\d{{1,2}}\s*+\)?"
        # possessive quantifiers (*+, ?+): each run of separators is read one way only, so a long line
        # of near-dates fails in linear time
        self.dateline = regex.compile(rf"""
            ^\s*+
            (?: {alternation(dl['weekdays'] + dl['labels'])} [\s:,\-–|]*+ )*+   # Thứ tư, / Cập nhật:
            (?: {date} | {time} )                           # a date or a time
            (?: [\s,\-–|]*+ (?:{alternation(dl['connectors'])}\s*+)?+   # then more of them (lúc ...),
                (?: {date} | {time} | {zone} ) )*+          # or a time zone
            [\s.]*+ $
            """, FLAGS)
        fp = v["follow_prompts"]
        self.follow = regex.compile(rf"""
            ^\s* {alternation(fp['starts'])}                # Theo dõi
            .{{0,80}}? {alternation(fp['where'])} \s*       # ... trên
            (?: {alternation(fp['platforms'])} | !\[ | \| | $ )  # Google News / an icon / nothing
            """, FLAGS)
        self.widget = regex.compile(alternation(v["widget_phrases"]["items"]), regex.IGNORECASE)
        self.contact = regex.compile(rf"""
            ^\s* {alternation(v['contact_labels']['items'])} # Hotline
            \s* (?: : | (?=[\d+(]) )                        # a colon or the number itself
            (?= .* (?: \d[\d\s.\-()]{{5,}} | @ ) )          # somewhere a phone number or an address
            """, FLAGS)
        self.label = regex.compile(rf"^\s* {alternation(v['label_lines']['items'])} \s*:", FLAGS)
        self.tail_label = regex.compile(rf"^\s* {alternation(v['tail_labels']['items'])} \s*:", FLAGS)
        sources = alternation(v["byline_sources"]["items"])
        self.byline = regex.compile(rf"""
            ^\s* [^\d.!?:\n]{{1,50}}?                       # a name
            \s* (?: \(\s*{sources}\s*\)                     # (t/h)
                  | [-–—]\s*{sources} )                     # - TTXVN
            \s*\.?\s* $
            """, FLAGS)
        credit = alternation(v["caption_credits"]["items"])
        self.caption = regex.compile(rf"""
              \( \s* {credit} [^()\n]{{0,60}} \) [\s.|]* $  # ... (Ảnh NGỌC SƠN) / (Ảnh: TL)
            | (?: ^ | [.!?…"”)] \s* | \s[-–—|]\s* )         # after a sentence or a dash, or alone:
              {credit} \s*:\s* [^:\n]{{0,60}}? [\s.|]* $    # ... Sóc Sơn. Ảnh: VGP |
            | ^ [\s(]* {credit} [\s.:)]* $                  # Ảnh minh họa.
            """, FLAGS)
        self.template = regex.compile(r"^\s* (?: \{[\w.\-]*\} \s* )+ $", FLAGS)
        ext = "|".join(regex.escape(e) for e in v["image_extensions"]["items"])
        self.image_file = regex.compile(rf"^\s* \S+ \.(?:{ext}) (?:\?\S*)? [\s|]* $", FLAGS)
        self.url = regex.compile(r"^\s* (?:https?://|www\.) \S+ \s* $", FLAGS)
        self.markdown_image = regex.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
        self.markdown_link = regex.compile(r"^\s* \[[^\]\n]+\]\([^)\n]+\) [\s|]* $", FLAGS)
        self.pipes = regex.compile(r"^[\s|]*\|[\s|]*$")
        headings = alternation(v["related_headings"]["items"])
        self.related_heading = regex.compile(rf"""
            ^ [\s\-–—*•·#>]*                                # a bullet or markdown mark, maybe
            {headings}                                      # Có thể bạn quan tâm
            [\s:*.|]* $                                     # with or without ':'
            """, FLAGS)
        marks = "|".join(regex.escape(m) for m in sorted(v["related_link_marks"]["items"], key=len, reverse=True))
        self.related_link = regex.compile(rf"""
              ^ [\s\-–—*•·#]* {headings} \s*:\s* \S         # Xem thêm: another headline
            | ^ \s* (?:{marks}) \s* \S                      # >> another headline
            """, FLAGS)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns(vocab())


# ---- policies of one line ------------------------------------------------------------------------

def ends_sentence(text: str) -> bool:
    """Whether the line ends like a sentence (closing quotes and brackets aside).

    >>> ends_sentence("… 1.859 sản phẩm 3 sao”."), ends_sentence("Pháp luật và Xã hội")
    (True, False)
    """
    return text.rstrip(" \t\"”’'»)]*|").endswith((".", "!", "?", "…"))


def is_menu(text: str) -> bool:
    """Only menu words and separators, at least `min_items` of them."""
    p = patterns()
    return bool(p.menu.match(text)) and len(p.menu_item.findall(text)) >= vocab()["menu_words"]["min_items"]


def is_markdown_remnant(text: str) -> bool:
    """`![]() |`, `![]() | Another headline |`, `[headline](url)`, a line of '|'."""
    p = patterns()
    if p.pipes.match(text) or p.markdown_link.match(text):
        return True
    bare, count = p.markdown_image.subn("", text)
    return count > 0 and len(bare.strip()) <= limit("link_max_chars")


def line_reason(text: str) -> str | None:
    """Why this line, on its own, is not the article (None: it may be)."""
    p = patterns()
    size = len(text.strip())
    if not size:
        return None
    if p.furniture.match(text):
        return "furniture line"
    if size <= limit("menu_max_chars") and is_menu(text):
        return "menu"
    if size <= limit("dateline_max_chars") and p.dateline.match(text):
        return "dateline"
    if size <= limit("widget_max_chars"):
        if p.follow.match(text) and not ends_sentence(text):
            return "follow prompt"
        if p.widget.search(text):
            return "share widget"
        if p.contact.match(text):
            return "contact"
    if p.template.match(text):
        return "template leftover"
    if p.image_file.match(text) or p.url.match(text):
        return "file name or url"
    if is_markdown_remnant(text):
        return "markdown remnant"
    if size <= limit("caption_max_chars"):
        if p.label.match(text):
            return "tags or source"
        if p.caption.search(text):
            return "caption"
    if size <= limit("link_max_chars") and p.related_link.match(text):
        return "related link"
    return None


def is_prose(line: Line) -> bool:
    """A body paragraph: long, or fairly long and ending a sentence."""
    return line.size > limit("prose_long_chars") or (line.size >= limit("prose_min_chars") and ends_sentence(line.text))


def tail_reason(text: str) -> str | None:
    """Why this line, after the last body line, is not the article."""
    p = patterns()
    if p.tail_label.match(text) and len(text.strip()) <= limit("caption_max_chars"):
        return "source line"
    if p.byline.match(text):
        return "byline"
    stripped = text.strip()
    if (len(stripped) <= limit("tail_max_chars") and len(stripped.split()) <= limit("tail_max_words")
            and not any(c.isdigit() for c in stripped) and not ends_sentence(stripped)
            and not stripped.endswith((":", ",", ";"))):
        return "newspaper name or byline"
    return None


# ---- policies over several lines -----------------------------------------------------------------

def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for part in text.split("\n"):
        lines.append(Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return lines


def content(lines: list[Line], start: int = 0) -> list[int]:
    """Positions of the lines still kept and not blank, from `start` on."""
    return [i for i in range(start, len(lines)) if lines[i].drop is None and not lines[i].blank]


def drop_repeats(lines: list[Line]) -> None:
    """A short line repeated right after itself (a caption printed twice): the copy goes."""
    prev: Line | None = None
    for line in lines:
        if line.blank:
            continue
        if (prev is not None and line.drop is None and line.size <= limit("caption_max_chars")
                and line.text.strip() == prev.text.strip()):
            line.drop = "repeated line"
        prev = line


def drop_related_blocks(lines: list[Line]) -> None:
    """Each heading of other stories and what is under it: up to the next such heading, up to where the
    article resumes (two prose paragraphs in a row: not a headline + teaser list), or else to the end."""
    heading = patterns().related_heading
    kept = content(lines)
    heads = {k for k, i in enumerate(kept) if heading.match(lines[i].text)}
    k = 0
    while k < len(kept):
        if k not in heads:
            k += 1
            continue
        lines[kept[k]].drop = "related stories heading"
        k += 1
        while k < len(kept) and k not in heads:
            nxt = k + 1
            if (nxt < len(kept) and nxt not in heads
                    and is_prose(lines[kept[k]]) and is_prose(lines[kept[nxt]])):
                break
            lines[kept[k]].drop = "related stories"
            k += 1


def drop_tail(lines: list[Line]) -> None:
    """Short lines after the last body line (newspaper name, byline, source), when a body line precedes."""
    found: list[tuple[int, str]] = []
    generic = 0
    i = len(lines) - 1
    while i >= 0:
        line = lines[i]
        if line.drop or line.blank:
            i -= 1
            continue
        reason = tail_reason(line.text)
        if reason is None:
            break
        generic += reason == "newspaper name or byline"
        if generic > limit("tail_max_lines"):
            return
        found.append((i, reason))
        i -= 1
    if i < 0 or not (ends_sentence(lines[i].text) or lines[i].size > limit("prose_long_chars")):
        return
    for j, reason in found:
        lines[j].drop = reason


def classify(text: str) -> list[Line]:
    """The lines of `text` (NFC, '\\n' line ends), each with the reason it is dropped or None."""
    lines = split_lines(text)
    for line in lines:
        line.drop = line_reason(line.text)
    drop_repeats(lines)
    drop_related_blocks(lines)
    drop_tail(lines)
    return lines
