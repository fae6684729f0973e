"""The owners of products: a number of businesses or subjects that owns the products counted before it
(`60 sản phẩm của 54 doanh nghiệp`, split by legal type or not), or that is said to have rated products
(`120 HTX, 45 DN có sản phẩm OCOP`). Owners' numbers do not end the products count's clause."""
from __future__ import annotations

import regex

from ..matchers import Match
from . import cues
from .parts import BOUNDARY, Figure, blanked

_OWNER_LEAD = regex.compile(rf"(?:{cues.longest_first(cues.words('owners', 'lead'))})\s*$", regex.IGNORECASE)
_OWNER_UNIT = regex.compile(rf"\s*{cues.longest_first(cues.words('owners', 'units'))}(?![\p{{L}}\p{{M}}])",
                            regex.IGNORECASE)


def owner_number(text: str, n: Match, m: Match) -> bool:
    """`m` counts the owners of `n`'s things (`12 sản phẩm của 10 chủ thể`, `5 sản phẩm/2 chủ thể`): it
    does not end `n`'s clause."""
    between = text[n.end:m.start]
    return len(between) < 40 and not BOUNDARY.search(between) and bool(_OWNER_LEAD.search(between)) \
        and bool(_OWNER_UNIT.match(text, m.end))


_OWNER_ITEM = rf"\d[\d.]*\s*{cues.longest_first(cues.words('owners', 'units'))}(?![\p{{L}}\p{{M}}])[^,;:()\d]{{0,30}}?"
_OWNERS_SO_FAR = regex.compile(
    rf"^[^,;:()\d]{{0,30}}?(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('owners', 'lead'))})\s*"
    rf"(?:{_OWNER_ITEM}\s*(?:,|và|và các)\s*)*$",
    regex.IGNORECASE)


def products_owned(text: str, n: Match, done: list[Figure], stars: list[Match] = ()) -> Figure | None:
    """The products count whose owners this number counts, split by legal type or not (`60 sản phẩm của 54
    doanh nghiệp`, `75 sản phẩm đạt 3 sao của 17 doanh nghiệp, 11 HTX và 24 hộ kinh doanh`); not a breakdown in
    brackets of a count of owners (`của 54 chủ thể (31 doanh nghiệp, …)`).

    >>> from ..matchers import numbers
    >>> t = "có 99 sản phẩm của 17 doanh nghiệp, 11 HTX và 24 hộ kinh doanh"
    >>> p, a, b, c = numbers.match(t)
    >>> f = Figure(p, "sản phẩm", {}, p.end + 9)
    >>> [products_owned(t, m, [f]) is f for m in (a, b, c)]
    [True, True, True]
    >>> t = "có 99 sản phẩm của 54 chủ thể (31 doanh nghiệp, 5 hợp tác xã)"
    >>> p, a, b, c = numbers.match(t)
    >>> f = Figure(p, "sản phẩm", {}, p.end + 9)
    >>> products_owned(t, b, [f]) is None
    True
    """
    products = next((f for f in reversed(done) if f.unit == cues.words("metric", "products_unit")), None)
    if products is None or n.start - products.end > 160:
        return None
    between = blanked(text, products.end, n.start, stars)
    return products if _OWNERS_SO_FAR.match(between) else None


def owner_unit(unit: str) -> bool:
    """A unit that counts owners of products (`chủ thể`, `hộ kinh doanh`, `tổ chức kinh tế`), not other
    things products belong to (`6 nhóm ngành hàng`).

    >>> owner_unit("tổ chức kinh tế"), owner_unit("nhóm"), owner_unit("HTX")
    (True, False, True)
    """
    return bool(_OWNER_UNIT.match(unit))
_HAVING_PRODUCTS = regex.compile(
    rf"(?:\s*(?:,|và)\s*{_OWNER_ITEM})*?\s*(?:đều\s+)?(?:có|sở hữu)\s+(?:sản phẩm|SP)\s+(?:OCOP|được công nhận|đạt)",
    regex.IGNORECASE)


def have_products(text: str, unit_end: int) -> bool:
    """The owners counted before `unit_end`, alone or in a list of legal types, are said to have rated
    products (`Toàn tỉnh có 120 HTX, 45 DN có sản phẩm OCOP`): subjects of the programme.

    >>> t = "Toàn tỉnh có 120 HTX, 45 DN và 12 hộ kinh doanh có sản phẩm OCOP"
    >>> have_products(t, t.index(" HTX") + 4), have_products(t, t.index(" DN") + 3)
    (True, True)
    >>> t = "có 30 doanh nghiệp tham gia, 12 HTX có sản phẩm OCOP"
    >>> have_products(t, t.index(" doanh nghiệp") + 13)
    False
    """
    return bool(_HAVING_PRODUCTS.match(text, unit_end))


_OPEN_BEFORE = regex.compile(r"\(\s*$")


def another_owner(info, n: Match, whole: Figure) -> bool:
    """A business named after a semicolon between a whole and the number, not the whole's owner (`Công ty X có 5
    sản phẩm, trong đó 2 sản phẩm 5 sao; HTX Y (huyện Z) có 3 sản phẩm 4 sao`): the number is its count, no part
    of the whole."""
    text = info.sentence.doc_text
    semicolon = text.rfind(";", whole.end, n.start)
    if semicolon < 0 or _OPEN_BEFORE.search(text, max(semicolon, n.start - 8), n.start):
        return False    # (a list of owners' bracketed counts: '… của HTX A (03 sản phẩm); Công ty B (02 sản phẩm)')
    return any(semicolon < o.start and o.end <= n.start and o.value["name"] != whole.fields["organization"]
                                  for o in info.businesses())


def owners_metric(text: str, n: Match, end: int, unit: str, done: list[Figure], stars: list[Match],
                  metric: str | None, rule: str) -> tuple[str | None, str]:
    """(metric, rule) of a count of owners: `ocop_subjects` when they own the rated products counted before
    them (`… của 17 doanh nghiệp, 11 HTX …`) or are said to have rated products (`120 HTX, 45 DN có sản phẩm
    OCOP`); none when the products they own are not rated (`15 sản phẩm (tham gia) của 6 chủ thể`); else as read."""
    if metric is None and owner_unit(unit) and (owned := products_owned(text, n, done, stars)) is not None \
            and owned.fields["metric"] == "ocop_products":
        return "ocop_subjects", "metric.owners_of_products"
    if metric is None and owner_unit(unit) and have_products(text, end):
        return "ocop_subjects", "metric.owners_having_products"
    if metric == "ocop_subjects" and (owned := products_owned(text, n, done, stars)) is not None \
            and owned.fields["metric"] is None:
        return None, "metric.owners_of_unrated"
    return metric, rule
