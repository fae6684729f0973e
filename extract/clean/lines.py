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

from dataclasses import dataclass

from .patterns import limit, patterns, vocab


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
    if size <= limit("menu_max_chars") and (is_menu(text) or p.pipe_menu.match(text)):
        return "menu"
    if size <= limit("dateline_max_chars") and p.site_title.match(text) and not ends_sentence(text):
        return "site title"
    if size <= limit("dateline_max_chars") and p.breadcrumb.match(text):
        return "breadcrumb"
    if size <= limit("section_max_chars") and p.menu.match(text):
        return "section label"      # one menu word on its own line: the page's section ('Kinh tế')
    if size <= limit("dateline_max_chars") and p.dateline.match(text):
        return "dateline"
    if size <= limit("widget_max_chars"):
        if p.follow.match(text) and not ends_sentence(text):
            return "follow prompt"
        if p.widget.search(text):
            return "share widget"
        if p.contact.match(text):
            return "contact"
        if p.footer.match(text):
            return "site footer"
    if p.template.match(text):
        return "template leftover"
    if p.image_file.match(text) or p.url.match(text):
        return "file name or url"
    if is_markdown_remnant(text):
        return "markdown remnant"
    if size <= limit("caption_max_chars"):
        if p.label.match(text):
            return "tags or source"
        if p.caption.search(text) and not p.media_title.match(text):
            return "caption"            # (not a story's title after its form: 'VIDEO: Hà Tĩnh công nhận …')
    if size <= limit("link_max_chars") and p.related_link.match(text):
        return "related link"
    return None


def is_prose(line: Line) -> bool:
    """A body paragraph: long, or fairly long and ending a sentence."""
    return line.size > limit("prose_long_chars") or (line.size >= limit("prose_min_chars") and ends_sentence(line.text))


def resumes(ahead: list[Line]) -> bool:
    """The article resumes at `ahead[0]` after other stories' headlines: two prose lines in a row, or two
    statements (`statement`) followed by a third or by the end of the text. A teaser, or a teaser and the
    next story's photo caption, is followed by that story's headline, which ends with no full stop."""
    if is_prose(ahead[0]) and is_prose(ahead[1]):
        return True
    return statement(ahead[0]) and statement(ahead[1]) and (len(ahead) < 3 or statement(ahead[2]) or is_prose(ahead[2]))


def statement(line: Line) -> bool:
    """A line of at least statement_min_chars that ends with a full stop."""
    return line.size >= limit("statement_min_chars") and line.text.rstrip(" \t\"”’'»)]*|").endswith((".", "…"))


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
    article resumes (two of its lines in a row, `resumes`: not a headline + teaser list), or else to the end."""
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
            if nxt < len(kept) and nxt not in heads and resumes([lines[i] for i in kept[k:nxt + 2]]):
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
    if sum(not line.blank for line in lines) <= 1:
        return lines            # a text of one line is the article (or an excerpt of it) as given
    for line in lines:
        line.drop = line_reason(line.text)
    drop_repeats(lines)
    drop_related_blocks(lines)
    drop_tail(lines)
    return lines
