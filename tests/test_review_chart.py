"""The time line chart: a numbered point per dated claim, the reconciled values a line, valid SVG."""
import xml.etree.ElementTree as ET

from extract.review.chart import timeline_svg
from extract.review.sample import sample_outputs
from schemas import Claim, Conflict, Key

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str):
    return ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_every_claim_is_a_numbered_point_and_the_facts_a_line():
    articles, _, conflicts, facts = sample_outputs()
    mismatch = conflicts[0]
    published = {a.id: str(a.published) for a in articles}
    tree = parse(timeline_svg(mismatch, [f for f in facts if f.key == mismatch.key], published))
    labels = [g.find(f"{SVG}text").text for g in tree.iter(f"{SVG}g") if g.get("class") == "claim"]
    assert labels == ["1", "2", "3"]
    [line] = [e for e in tree.iter(f"{SVG}polyline") if e.get("class") == "chosen"]
    assert len(line.get("points").split()) == 2
    points = {g.find(f"{SVG}text").text: (float(g.find(f"{SVG}circle").get("cx")),
                                          float(g.find(f"{SVG}circle").get("cy")))
              for g in tree.iter(f"{SVG}g")}
    assert points["1"][0] < points["2"][0] and points["1"][1] > points["2"][1]  # 6 earlier and lower than 9
    assert abs(points["2"][0] - points["3"][0]) >= 17  # close points are kept apart


def test_undated_claims_are_listed_and_markup_is_escaped():
    key = Key(metric="ocop_products", scope="<b>Huế</b>", kind="total")
    conflict = Conflict(id="x", type="value_mismatch", severity="low", key=key, explanation="-",
                        claims=[Claim(record_id="r1", article_id="a", value=3, sentence="s"),
                                Claim(record_id="r2", article_id="b", value=4, as_of="2024", sentence="s")])
    svg = timeline_svg(conflict, [], {"a": None})
    assert "<b>" not in svg and "&lt;b&gt;Huế" in svg
    assert "undated: claim 1" in svg
    parse(svg)


def test_no_dated_claim_says_so():
    conflict = Conflict(id="x", type="decrease", severity="low", explanation="-",
                        key=Key(metric="ocop_products", kind="total"),
                        claims=[Claim(record_id="r1", article_id="a", value=3, sentence="s")])
    assert "No claim of this finding has a date" in timeline_svg(conflict, [], {})


def test_one_point_a_claim_and_its_tooltip_names_the_article():
    key = Key(metric="ocop_products", scope="Nam Định", kind="total")
    claims = [Claim(record_id="9f3a#c1", article_id="9f3a", value=120, as_of="2024", sentence="s"),
              Claim(record_id="9f3a#c2", article_id="9f3a", value=120, as_of="2024", sentence="s",
                    same_claim_as="9f3a#c1"),
              Claim(record_id="7b1e#c1", article_id="7b1e", value=350, as_of="2024-12~", sentence="t")]
    conflict = Conflict(id="x", type="value_mismatch", severity="medium", key=key, explanation="-", claims=claims)
    tree = parse(timeline_svg(conflict, [], {}, {"9f3a": "“Nông sản vươn xa”"}))
    points = [g for g in tree.iter(f"{SVG}g") if g.get("class") == "claim"]
    tips = {g.find(f"{SVG}text").text: g.find(f"{SVG}circle").find(f"{SVG}title").text for g in points}
    assert len(points) == 2                                                  # the repeated record is no point
    assert tips == {"1": "claim 1: 120 (2024, “Nông sản vươn xa”)", "2": "claim 2: 350 (2024-12~, an article)"}
