"""Each finding type on small hand-written record sets, including sets that must yield no finding."""
from __future__ import annotations

import random

from extract.reconcile import reconcile
from extract.reconcile.samples import count_record as rec
from schemas import Conflict, Fact


def findings(result, type_=None) -> list[Conflict]:
    return [c for c in result.conflicts if type_ is None or c.type == type_]


def facts_of(result, star="5", kind="total", scope="Hà Nội", **key) -> list[Fact]:
    return [f for f in result.facts if f.key.star == star and f.key.kind == kind and f.key.scope == scope
            and all(getattr(f.key, k) == v for k, v in key.items())]


def preferred(result, **kw) -> list[tuple]:
    return [(f.as_of, f.value) for f in facts_of(result, **kw) if f.rank == "preferred"]


# --- value_mismatch ---------------------------------------------------------------------------------

def test_overlapping_days_different_values_is_a_mismatch_left_unresolved():
    r = reconcile([rec("a#1", "a", 6, as_of="2025-06~"), rec("b#1", "b", 9, as_of="2025")])
    [c] = findings(r)
    assert c.type == "value_mismatch" and c.severity == "high"
    assert sorted(c.values) == [6, 9] and {cl.article_id for cl in c.claims} == {"a", "b"}
    assert c.suggested.value is None and c.suggested.rule == "unresolved"
    assert {f.rank for f in facts_of(r)} == {"normal"}


def test_figures_of_different_years_are_a_time_line_not_a_conflict():
    r = reconcile([rec("a#1", "a", 4, as_of="2021"), rec("b#1", "b", 6, as_of="2022"),
                   rec("c#1", "c", 9, as_of="2025-06")])
    assert findings(r) == []
    assert preferred(r) == [("2021", 4), ("2022", 6), ("2025-06", 9)]


def test_qualifiers_agree_with_the_exact_figure():
    r = reconcile([rec("a#1", "a", 17000, star="3+", scope="Việt Nam", as_of="2025", approx="over"),
                   rec("b#1", "b", 17316, star="3+", scope="Việt Nam", as_of="2025"),
                   rec("a#2", "a", 105, metric="ocop_sales_points", unit="điểm", as_of="2025", approx="range",
                       value_max=110),
                   rec("b#2", "b", 110, metric="ocop_sales_points", unit="điểm", as_of="2025")])
    assert findings(r) == []
    [national] = [f for f in r.facts if f.key.scope == "Việt Nam"]
    assert national.value == 17316 and national.rank == "preferred" and national.rule == "sources"
    assert sorted(national.supporting) == ["a#1", "b#1"]


def test_over_does_not_stretch_to_any_larger_value():
    r = reconcile([rec("a#1", "a", 17000, star="3+", as_of="2025", approx="over"),
                   rec("b#1", "b", 25000, star="3+", as_of="2025")])
    assert [c.type for c in findings(r)] == ["value_mismatch"]


def test_more_independent_sources_win_but_copies_count_once():
    same = "Trong đó có 9 sản phẩm 5 sao."
    majority = reconcile([rec("a#1", "a", 6, as_of="2025"), rec("b#1", "b", 9, as_of="2025"),
                          rec("c#1", "c", 9, as_of="2025")])
    [c] = findings(majority)
    assert c.severity == "medium" and c.suggested.value == 9 and c.suggested.rule == "sources"
    copied = reconcile([rec("a#1", "a", 6, as_of="2025"), rec("b#1", "b", 9, as_of="2025", sentence=same),
                        rec("c#1", "c", 9, as_of="2025", sentence=same)])
    [c] = findings(copied)
    assert c.severity == "high" and c.suggested.value is None


def test_one_article_giving_two_values_is_not_a_disagreement_between_sources():
    r = reconcile([rec("a#1", "a", 6, as_of="2025"), rec("a#2", "a", 9, as_of="2025")])
    assert findings(r) == []
    assert {f.rule for f in facts_of(r)} == {"same_source"}


def test_repeats_in_one_article_are_one_claim():
    r = reconcile([rec("a#1", "a", 9, as_of="2025-06"), rec("a#2", "a", 9, time_basis="published"),
                   rec("b#1", "b", 6, as_of="2025")])
    [c] = findings(r)
    nine = [f for f in facts_of(r) if f.value == 9][0]
    assert nine.supporting == ["a#1", "a#2"] and nine.as_of == "2025-06"


def test_a_stated_change_explains_the_older_value():
    records = [rec("old#1", "old", 6, as_of="2025-06~", time_basis="context"),
               rec("new#1", "new", 3, kind="added", as_of="2025-06", organization="Công ty X"),
               rec("new#2", "new", 9, as_of="2025-06"),
               rec("other#1", "other", 9, as_of="2025")]
    r = reconcile(records)
    [c] = findings(r)
    assert c.type == "value_mismatch" and c.severity == "medium" and c.suggested.value == 9
    assert c.suggested.rule == "stated_change"
    [six] = [f for f in facts_of(r) if f.value == 6]
    [nine] = [f for f in facts_of(r) if f.value == 9]
    assert six.rank == "deprecated" and nine.rank == "preferred" and nine.rule == "stated_change"
    assert "June 2025" in six.explanation and "6 + 3 = 9" in six.explanation
    assert "new" in six.explanation


def test_a_stated_change_orders_the_sources_for_their_other_figures_at_that_time_only():
    records = [rec("old#5", "old", 6, as_of="2025-06~"), rec("old#4", "old", 1571, star="4", as_of="2025-06~"),
               rec("old#4b", "old", 1500, star="4", as_of="2021"),
               rec("chg#1", "chg", 3, kind="added", as_of="2025-06"), rec("chg#2", "chg", 9, as_of="2025-06"),
               rec("new#5", "new", 9, as_of="2025"), rec("new#4", "new", 1576, star="4", as_of="2025"),
               rec("new#4b", "new", 1400, star="4", as_of="2021")]
    r = reconcile(records)
    four = {c.as_of: c for c in findings(r) if c.key.star == "4"}
    assert four["2025-06~"].suggested.rule == "later_source" and four["2025-06~"].suggested.value == 1576
    assert "June 2025" in four["2025-06~"].explanation
    assert four["2021"].suggested.rule == "unresolved"
    [old] = [f for f in r.facts if f.value == 1571]
    assert old.rank == "deprecated" and old.explanation.startswith("Out of date")


def test_a_change_of_another_time_does_not_decide():
    r = reconcile([rec("a#1", "a", 6, as_of="2025"), rec("b#1", "b", 9, as_of="2025"),
                   rec("b#2", "b", 3, kind="added", as_of="2020")])
    [c] = findings(r)
    assert c.suggested.rule == "unresolved"


def test_additions_of_other_periods_are_other_figures():
    r = reconcile([rec("a#1", "a", 518, star="3+", kind="added", as_of="2022", period="2022"),
                   rec("b#1", "b", 1113, star="3+", kind="added", as_of="2022", period="2021/2022")])
    assert findings(r) == []
    assert sorted(f.value for f in r.facts if f.rank == "preferred") == [518, 1113]


# --- parts_sum --------------------------------------------------------------------------------------

def breakdown(article, total, parts, as_of="2025-06~", kind="total"):
    out = [rec(f"{article}#t", article, total, star="3+", as_of=as_of, kind=kind)]
    out += [rec(f"{article}#{star}", article, v, star=star, as_of=as_of, kind=kind) for star, v in parts.items()]
    return out


def test_parts_short_of_the_total_name_the_missing_class_and_its_size_elsewhere():
    records = breakdown("a", 3317, {"5": 6, "4": 1571, "3": 1718})
    records += breakdown("b", 3463, {"5": 9, "5p": 19, "4": 1576, "3": 1859}, as_of="2025")
    r = reconcile(records)
    [c] = findings(r, "parts_sum")
    assert c.values == [3317, 3295] and c.severity == "low"
    assert "22 short" in c.explanation and "tiềm năng 5 sao" in c.explanation
    assert "about the size of" in c.explanation and "19" in c.explanation
    assert {cl.article_id for cl in c.claims} == {"a"}


def test_parts_that_add_up_leave_support_not_a_finding():
    r = reconcile(breakdown("a", 1649, {"5": 4, "5p": 13, "4": 1098, "3": 534}, as_of="2021"))
    assert findings(r) == []
    [total] = facts_of(r, star="3+")
    [line] = [s for s in total.support if s.startswith("parts_sum")]
    assert line.startswith("parts_sum: 1.649 = ") and "= 1.649 (" in line and line.endswith(" in a")
    assert all(part in line for part in ["534", "1.098", "4 + ", "13", "tiềm năng 5 sao", "3 sao, 4 sao"])


def test_every_class_stated_but_the_sum_is_off():
    r = reconcile(breakdown("a", 2000, {"5": 4, "5p": 13, "4": 1098, "3": 534}, as_of="2021"))
    [c] = findings(r)
    assert c.type == "parts_sum" and c.severity == "medium" and "351 short" in c.explanation


def test_parts_from_another_article_or_time_are_not_parts():
    records = [rec("a#t", "a", 3317, star="3+", as_of="2025"),
               rec("b#5", "b", 6, as_of="2025"), rec("b#4", "b", 1571, star="4", as_of="2025"),
               rec("a#5", "a", 4, as_of="2021"), rec("a#4", "a", 1098, star="4", as_of="2021")]
    assert findings(reconcile(records), "parts_sum") == []


def test_one_part_alone_is_not_a_breakdown():
    r = reconcile([rec("a#t", "a", 162, star="3+", scope="Thạch Thất"),
                   rec("a#4", "a", 116, star="4", scope="Thạch Thất")])
    assert findings(r) == []


def test_groups_and_new_plus_rerated_are_checked_too():
    base = [rec("a#t", "a", 518, star="3+", kind="added", as_of="2022", period="2022")]
    groups = [rec(f"a#g{i}", "a", v, star=None, kind="added", as_of="2022", period="2022", category=name)
              for i, (name, v) in enumerate([("thực phẩm", 300), ("đồ uống", 200)])]
    status = [rec("a#n", "a", 491, star="3+", kind="added", as_of="2022", period="2022", status="new"),
              rec("a#r", "a", 27, star="3+", kind="added", as_of="2022", period="2022", status="renewed")]
    r = reconcile(base + groups + status)
    [c] = findings(r)
    assert c.type == "parts_sum" and c.values == [518, 500] and "đồ uống" in c.explanation
    [total] = [f for f in r.facts if f.value == 518]
    assert any("491 + 27" in s for s in total.support)


def at(record: dict, start: int) -> dict:
    """The record placed at `start` in its article's text."""
    ev = record["evidence"]
    record["evidence"] = {**ev, "start": start, "end": start + len(ev["text"])}
    return record


def test_parts_belong_to_the_total_stated_before_them_not_to_a_later_one():
    # 'huyện có 13 sản phẩm, gồm 3 sản phẩm 4 sao, 10 sản phẩm 3 sao … làng nghề A có 3 sản phẩm, làng nghề B 9'
    whole = [at(r, i * 20) for i, r in enumerate(breakdown("a", 13, {"4": 3, "3": 10}, as_of="2024"))]
    later = [at(rec(f"a#v{i}", "a", v, star="3+", as_of="2024"), 500 + 20 * i) for i, v in enumerate([3, 9])]
    r = reconcile(whole + later)
    assert findings(r, "parts_sum") == []
    [total] = [f for f in r.facts if f.value == 13]
    assert any(s.startswith("parts_sum: 13 = ") for s in total.support)
    # the same parts after the later totals are theirs: 9 against 3 + 10
    parts = [at(r, 900 + 20 * i) for i, r in enumerate(breakdown("b", 13, {"4": 3, "3": 10}, as_of="2024")[1:])]
    r = reconcile([at(rec("b#t", "b", 9, star="3+", as_of="2024"), 800)] + parts)
    [c] = findings(r, "parts_sum")
    assert c.values == [9, 13]


def test_a_figure_read_as_a_part_is_no_whole_of_the_parts_after_it():
    # '… đánh giá, phân hạng 101 sản phẩm; trong đó, có 16 sản phẩm nâng hạng, 20 sản phẩm tái chứng nhận …
    # Qua đó, có 36 sản phẩm đạt 4 sao và 65 sản phẩm đạt 3 sao'
    added = dict(kind="added", as_of="2023", period="2023")
    records = [at(rec("a#t", "a", 101, star="3+", **added), 0),
               at(rec("a#u", "a", 16, star="3+", rules=["kind.part_of_figure"], **added), 40),
               at(rec("a#r", "a", 20, star="3+", rules=["kind.part_of_figure"], **added), 80),
               at(rec("a#4", "a", 36, star="4", **added), 200), at(rec("a#3", "a", 65, star="3", **added), 240)]
    r = reconcile(records)
    assert findings(r, "parts_sum") == []
    [total] = [f for f in r.facts if f.value == 101]
    assert any(s.startswith("parts_sum: 101 = ") for s in total.support)


def test_a_part_of_one_class_is_no_class_of_the_total_above():
    # '… 109 sản phẩm OCOP được phê duyệt như sau: Công nhận 11 sản phẩm đạt hạng 4 sao (trong đó có 01 sản
    # phẩm tiềm năng 5 sao). Công nhận 98 sản phẩm đạt hạng 3 sao.'
    added = dict(kind="added", as_of="2021", period="2021")
    four = "Công nhận 11 sản phẩm OCOP đạt hạng 4 sao (trong đó có 01 sản phẩm tiềm năng 5 sao)."

    def in_sentence(record: dict, sentence_start: int, at_text: str | None = None) -> dict:
        ev = record["evidence"]
        offset = ev["sentence"].index(at_text) + at_text.index(ev["text"]) if at_text else ev["start"]
        record["evidence"] = {**ev, "sentence_start": sentence_start}
        return at(record, sentence_start + offset)

    records = [in_sentence(rec("a#t", "a", 109, star="3+", **added), 0),
               in_sentence(rec("a#4", "a", 11, star="4", sentence=four, **added), 100),
               in_sentence(rec("a#5p", "a", 1, star="5p", sentence=four, rules=["kind.part_of_figure"], **added), 100,
                           "01 sản phẩm tiềm năng"),
               in_sentence(rec("a#3", "a", 98, star="3", **added), 200)]
    r = reconcile(records)
    assert findings(r, "parts_sum") == []
    [total] = [f for f in r.facts if f.value == 109]
    assert any(s.startswith("parts_sum: 109 = 11 + 98 = 109") for s in total.support)
    # read as a part of the total itself (no other figure before it in its sentence), it is one of its classes
    records[2]["evidence"]["sentence_start"] = 300
    [c] = findings(reconcile(records), "parts_sum")
    assert c.values == [109, 110]


def test_product_groups_short_of_the_total_are_a_low_finding():
    base = [rec("a#t", "a", 155, star="3+", as_of="2024")]
    groups = [rec(f"a#g{i}", "a", v, star=None, as_of="2024", category=name)
              for i, (name, v) in enumerate([("nông sản", 19), ("đồ uống", 10), ("thực phẩm", 92)])]
    [c] = findings(reconcile(base + groups), "parts_sum")
    assert c.severity == "low" and "34 short" in c.explanation and "some product groups" in c.explanation


# --- stock_flow -------------------------------------------------------------------------------------

def test_totals_and_additions_that_agree_are_support():
    r = reconcile([rec("a#1", "a", 1649, star="3+", as_of="2021"), rec("b#1", "b", 2167, star="3+", as_of="2022"),
                   rec("b#2", "b", 518, star="3+", kind="added", as_of="2022", period="2022")])
    assert findings(r) == []
    lines = [s for f in r.facts for s in f.support if s.startswith("stock_flow")]
    assert len(lines) == 3 and "2.167" in lines[0] and "1.649" in lines[0] and "518" in lines[0]


def test_totals_and_additions_that_disagree_are_a_finding_and_not_also_a_decrease():
    r = reconcile([rec("a#1", "a", 13, star="5p", as_of="2021"), rec("b#1", "b", 12, star="5p", as_of="2022"),
                   rec("b#2", "b", 1, star="5p", kind="added", as_of="2022", period="2022")])
    [c] = findings(r)
    assert c.type == "stock_flow" and c.values == [13, 1, 12] and "36 months" in c.explanation


def test_a_shortfall_matched_by_another_class_gaining_is_read_as_products_moving_class():
    r = reconcile([rec("a#1", "a", 13, star="5p", as_of="2021"), rec("a#2", "a", 4, star="5", as_of="2021"),
                   rec("b#1", "b", 12, star="5p", as_of="2022"), rec("b#2", "b", 6, star="5", as_of="2022"),
                   rec("b#3", "b", 1, star="5p", kind="added", as_of="2022", period="2022")])
    [c] = findings(r)
    assert c.type == "stock_flow" and c.severity == "low"
    assert "2 products likely moved from tiềm năng 5 sao to 5 sao" in c.explanation
    assert c.suggested.value == 12          # what the move explains (13 + 1 - 2), not the 14 of the additions alone


def test_additions_of_another_period_are_not_checked_against_the_totals():
    r = reconcile([rec("a#1", "a", 1649, star="3+", as_of="2021"), rec("b#1", "b", 3000, star="3+", as_of="2025"),
                   rec("b#2", "b", 518, star="3+", kind="added", as_of="2022", period="2022")])
    assert findings(r) == []


# --- decrease ---------------------------------------------------------------------------------------

def test_a_total_that_falls_is_worth_a_look():
    r = reconcile([rec("a#1", "a", 100, star="4", as_of="2021"), rec("b#1", "b", 80, star="4", as_of="2023")])
    [c] = findings(r)
    assert c.type == "decrease" and c.severity == "medium" and c.values == [100, 80]
    assert "36 months" in c.explanation


def test_growth_or_a_fall_within_what_qualifiers_allow_is_no_decrease():
    grow = reconcile([rec("a#1", "a", 100, star="4", as_of="2021"), rec("b#1", "b", 120, star="4", as_of="2023")])
    vague = reconcile([rec("a#1", "a", 100, star="4", as_of="2021", approx="over"),
                       rec("b#1", "b", 101, star="4", as_of="2023")])
    assert findings(grow) == [] and findings(vague) == []


# --- share_mismatch ---------------------------------------------------------------------------------

def share_set(share, approx="exact"):
    return [rec("a#1", "a", 2167, star="3+", as_of="2022"),
            rec("a#2", "a", 9852, star="3+", scope="Việt Nam", as_of="2022"),
            rec("a#3", "a", share, metric="share_of_national", as_of="2022", approx=approx)]


def test_a_share_the_counts_do_not_give_is_a_finding():
    r = reconcile(share_set(30))
    [c] = findings(r)
    assert c.type == "share_mismatch" and c.severity == "medium" and c.values == [30, 22.0]
    assert "2.167" in c.explanation and "9.852" in c.explanation


def test_a_share_the_counts_give_is_support():
    for share, approx in [(22, "exact"), (20, "over")]:
        r = reconcile(share_set(share, approx))
        assert findings(r) == []
        [s] = [f for f in r.facts if f.key.metric == "share_of_national"]
        assert any(line.startswith("share: 2.167") for line in s.support)


def test_a_share_without_the_national_count_is_not_checked():
    r = reconcile(share_set(30)[::2])
    assert findings(r) == []


# --- ids and order ----------------------------------------------------------------------------------

def test_ids_and_order_do_not_depend_on_input_order():
    records = (breakdown("a", 3317, {"5": 6, "4": 1571, "3": 1718})
               + [rec("b#1", "b", 9, as_of="2025"), rec("c#1", "c", 13, star="5p", as_of="2021"),
                  rec("d#1", "d", 12, star="5p", as_of="2022")])
    first = reconcile(records)
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    again = reconcile(shuffled)
    assert [f.model_dump() for f in first.facts] == [f.model_dump() for f in again.facts]
    assert [c.model_dump() for c in first.conflicts] == [c.model_dump() for c in again.conflicts]
    assert len({f.id for f in first.facts}) == len(first.facts)


# --- dating by stocks and flows ---------------------------------------------------------------------

def test_an_inferred_date_gives_way_to_the_arithmetic_of_stocks_and_flows():
    sentence = "Thành phố đã công nhận 2.167 sản phẩm, trong đó có 6 sản phẩm 5 sao."
    r = reconcile([rec("a#1", "a", 1649, star="3+", as_of="2021"),
                   rec("b#1", "b", 2167, star="3+", as_of="2023", time_basis="inferred", sentence=sentence),
                   rec("b#2", "b", 6, star="5", as_of="2023", time_basis="context", sentence=sentence),
                   rec("b#3", "b", 518, star="3+", kind="added", as_of="2022", period="2022")])
    assert preferred(r, star="3+") == [("2021", 1649), ("2022", 2167)]
    assert preferred(r, star="5") == [("2022", 6)]
    [total] = [f for f in r.facts if f.value == 2167]
    assert any(s.startswith("dated to the end of 2022") for s in total.support)


def test_a_stated_date_is_not_moved_by_arithmetic():
    r = reconcile([rec("a#1", "a", 1649, star="3+", as_of="2021"),
                   rec("b#1", "b", 2167, star="3+", as_of="2023", time_basis="stated"),
                   rec("b#3", "b", 518, star="3+", kind="added", as_of="2022", period="2022")])
    assert preferred(r, star="3+") == [("2021", 1649), ("2023", 2167)]


# --- figures without a date -------------------------------------------------------------------------

def test_a_figure_without_a_date_stands_at_the_publication_date():
    from schemas import ArticleOut
    article = ArticleOut(id="a", published="2025-07-01", content_hash="x", text="…")
    r = reconcile([rec("a#1", "a", 9)], articles=[article])
    [f] = r.facts
    assert (f.as_of, f.rank) == ("2025-07-01", "preferred")


def test_an_undated_article_places_its_undated_figures_after_the_latest_date_it_reports():
    r = reconcile([rec("a#1", "a", 17000, star="3+", scope="Việt Nam", as_of="2025-09"),
                   rec("a#2", "a", 9)])
    [f] = [f for f in r.facts if f.value == 9]
    assert f.as_of == "2025-09/.." and f.rank == "preferred"


def test_figures_with_no_date_at_all_are_kept_but_not_compared():
    r = reconcile([rec("a#1", "a", 110, metric="ocop_sales_points", unit="điểm"),
                   rec("b#1", "b", 90, metric="ocop_sales_points", unit="điểm")])
    assert findings(r) == []
    assert {(f.value, f.rank, f.rule, f.as_of) for f in r.facts} == {(110, "normal", "undated", None),
                                                                    (90, "normal", "undated", None)}


# --- the policy is a replaceable function -----------------------------------------------------------

def test_another_policy_can_be_given():
    from extract.reconcile.policy import Resolution, Verdict

    def smallest_wins(point, ctx):
        low, *rest = sorted(point.groups, key=lambda g: g.value)
        return Resolution([Verdict(low, "preferred", "smallest", 0.5)]
                          + [Verdict(g, "deprecated", "smallest", 0.1, "larger") for g in rest], "smallest")

    r = reconcile([rec("a#1", "a", 6, as_of="2025"), rec("b#1", "b", 9, as_of="2025")], policy=smallest_wins)
    assert [(f.value, f.rank, f.rule) for f in r.facts] == [(6, "preferred", "smallest"), (9, "deprecated", "smallest")]
    [c] = r.conflicts
    assert c.suggested.value == 6 and c.suggested.rule == "smallest"


def test_a_craft_villages_count_is_a_part_of_its_province_not_its_total():
    # 'Làng nghề Vạn Phúc có 5 sản phẩm OCOP' is kept at its province (annotation.md) with the village rule
    village = rec("v#1", "v", 5, star="3+", as_of="2024", rules=["scope.article", "part.within_scope"],
                  sentence="Làng nghề Vạn Phúc có 5 sản phẩm OCOP.")
    province = rec("p#1", "p", 2900, star="3+", as_of="2024")
    assert findings(reconcile([village, province])) == []
    # without the rule the same record would be a second, disagreeing total of Hà Nội
    plain = {**village, "rules": ["scope.article"]}
    assert [c.type for c in findings(reconcile([plain, province]))] == ["value_mismatch"]
