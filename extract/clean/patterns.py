"""The cleaner's vocabulary (`clean.vocab.json`) compiled into regexes, once.

Phrases match whole words, ignoring case; a space in a phrase matches any run of spaces; alternations
are built longest first so that the longest phrase wins.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import regex

VOCAB_PATH = Path(__file__).with_name("clean.vocab.json")
FLAGS = regex.IGNORECASE | regex.VERBOSE


def phrase(words: str) -> str:
    """A vocabulary phrase as a regex: its words escaped, any run of spaces between them.

    >>> phrase("Ảnh  minh họa")
    'Ảnh\\\\s+minh\\\\s+họa'
    """
    return r"\s+".join(regex.escape(w) for w in words.split())


def alternation(items, whole_words: bool = True) -> str:
    """Phrases as one alternation, longest first so that the longest phrase wins; with `whole_words`,
    not inside a word.

    >>> alternation(["Ảnh", "Ảnh minh họa"], whole_words=False)
    '(?:Ảnh\\\\s+minh\\\\s+họa|Ảnh)'
    """
    ordered = sorted(set(items), key=lambda w: (-len(w), w))
    choice = "(?:" + "|".join(phrase(w) for w in ordered) + ")"
    return rf"(?<!\w){choice}(?!\w)" if whole_words else choice


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
        self.site_title = regex.compile(rf"^ \s* {alternation(v['site_titles']['items'])} (?![\p{{L}}])", FLAGS)
        # a row of three or more short items with no digits between bars (`Trang chủ | Giới thiệu | Văn bản chỉ
        # đạo điều hành | Hỏi đáp`): a menu, whatever its words
        self.pipe_menu = regex.compile(r"^ \s* (?: [^|\d.!?]{1,40} \| ){2,} [^|\d.!?]{1,40} \|? \s* $", FLAGS)
        bc = v["breadcrumb"]
        crumb_sep = "[" + "".join(regex.escape(c) for c in bc["separators"]) + "]"
        crumb = rf"[^\d.!?;:{''.join(regex.escape(c) for c in bc['separators'])}]{{1,{bc['max_item_chars']}}}"
        self.breadcrumb = regex.compile(rf"^ \s* (?: {crumb} \s {crumb_sep} \s )+ {crumb} $", FLAGS)
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
            (?: (?-i: (?: \p{{Lu}}[\p{{L}}\p{{M}}.]*+ [ \t]++ ){{0,3}} \p{{Lu}}[\p{{L}}\p{{M}}.]*+ )   # a byline: PV, Minh Anh
                [ \t]*+ [|\-–—] [ \t]*+ )?+                #   and a bar or dash before the date
            (?: {alternation(dl['weekdays'] + dl['labels'])} [\s:,\-–|]*+ )*+   # Thứ tư, / Cập nhật:
            (?: {date} | {time} )                           # a date or a time
            (?: [\s,/\-–|]*+ (?:{alternation(dl['connectors'])}\s*+)?+  # then more of them (lúc ...),
                (?: {date} | {time} | {zone} ) )*+          # or a time zone
            (?: [ \t]*+ \| [^|\n]{{1,40}}+ )*+            # then a section or a hotline after bars: | Kinh tế
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
        kicker = alternation(v["media_kickers"]["items"])
        self.media_title = regex.compile(rf"^\s* {kicker} \s*:\s* \S+ (?:\s+\S+){{2,}}", FLAGS)
        self.footer = regex.compile(rf"^\s* {alternation(v['footer_starts']['items'], whole_words=False)}", FLAGS)
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
        marks = alternation(v["related_link_marks"]["items"], whole_words=False)
        self.related_link = regex.compile(rf"""
              ^ [\s\-–—*•·#]* {headings} \s*[:>»]+\s* \S    # Xem thêm: another headline
            | ^ \s* {marks} \s* \S                          # >> another headline
            """, FLAGS)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns(vocab())
