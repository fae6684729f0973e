"""How sure a reading is, for a count's kind and scope (as `time_basis` says for its date): stated in the
number's own clause, carried from context (the figure it is a part of, the paragraph, an earlier
sentence), or filled from the article's defaults. Read off the rule that decided the field.

>>> kind_basis(["numbers.digits", "kind.default_total"]), kind_basis(["kind.part_of_figure"])
('default', 'context')
>>> scope_basis(["scope.stated"]), scope_basis(["scope.article"]), scope_basis([]) is None
('stated', 'default', True)
>>> kind_basis(["kind.default_total", "review.correction"])
'stated'
>>> kind_basis(["kind.heading:kind.added_cue:xếp hạng"]), kind_basis(["kind.added_cue:thêm"])
('context', 'stated')
"""
from __future__ import annotations

KIND_CONTEXT = {"kind.part_of_figure", "kind.plan_paragraph", "kind.heading", "kind.district_line_of_addition",
                "kind.list_sibling", "kind.parts_add_up_to_figure", "kind.list_adds_up_to_figure", "kind.list_of_figure",
                "kind.classes_add_up_to_figure"}
KIND_DEFAULT = {"kind.default_total", "kind.lines_exceed_addition"}
SCOPE_CONTEXT = {"scope.context", "scope.part_of_figure", "scope.generic_is_article_place",
                 "scope.generic_is_article_district", "scope.generic_is_article_commune", "scope.bracket_of_figure",
                 "scope.generic_is_district_province", "scope.generic_is_named_before", "scope.place_of_round"}
SCOPE_DEFAULT = {"scope.article", "scope.article_district", "scope.none"}
REVIEWED = "review.correction"
"""A reviewer's correction (see extract/reconcile/corrections.py) states the fields it sets."""


def _basis(rules, prefix: str, context: set[str], default: set[str]) -> str | None:
    rules = list(rules or ())
    if REVIEWED in rules:
        return "stated"
    rule = next((r for r in reversed(rules) if r.startswith(prefix)), None)
    if rule is None:
        return None
    rule = rule.split(":")[0]       # 'kind.heading:kind.added_cue:xếp hạng' is decided by the heading
    if rule in default:
        return "default"
    return "context" if rule in context else "stated"


def kind_basis(rules) -> str | None:
    return _basis(rules, "kind.", KIND_CONTEXT, KIND_DEFAULT)


def scope_basis(rules) -> str | None:
    return _basis(rules, "scope.", SCOPE_CONTEXT, SCOPE_DEFAULT)
