"""The drawn time line reads at a glance (issue 11): a year-only figure is drawn over its year with its
point at the end (not at mid-year), labels that would overlap are lifted apart, figures on very different
scales get panels of their own, and a bad --plot name is refused before any work."""
import subprocess
import sys
from datetime import date

from extract.reconcile.plot_layout import label_offsets, panels, where
from extract.review.chart import year_fraction


def test_a_year_only_figure_is_a_span_with_its_point_at_the_end():
    assert where("2024") == (date(2024, 1, 1), date(2024, 12, 31), date(2024, 12, 31))
    assert date(2024, 12, 1) < where("2024-12~")[2] < date(2024, 12, 31) and where("2024-12~")[0] is None
    assert where("2021/2025")[2] == date(2025, 12, 31)
    assert year_fraction("2024") > year_fraction("2024-12~") > year_fraction("2024-06")


def test_labels_that_would_meet_are_lifted_apart():
    points = [(10.0, 9.0), (10.0, 9.0), (12.0, 9.2), (200.0, 9.0), (10.0, 50.0)]
    lifts = label_offsets(points, x_near=30, y_near=1)
    assert lifts == [0, 1, 2, 0, 0]
    placed = {(x, y, lift) for (x, y), lift in zip(points, lifts)}
    assert len(placed) == len(points)


def test_classes_on_very_different_scales_get_separate_panels():
    groups = panels({"OCOP products 5 sao": [4, 6, 9], "OCOP products tiềm năng 5 sao": [12, 13, 19],
                     "OCOP products 3 sao": [534, 1859], "OCOP products từ 3 sao trở lên": [1649, 3463]})
    assert groups == [["OCOP products 3 sao", "OCOP products từ 3 sao trở lên"],
                      ["OCOP products 5 sao", "OCOP products tiềm năng 5 sao"]]
    assert panels({"a": [10, 12], "b": [40]}) == [["a", "b"]]


def test_a_bad_plot_name_is_refused_before_any_work(tmp_path):
    done = subprocess.run([sys.executable, "-m", "extract.cli", "timeline", "products", "--scope", "Hà Nội",
                           "--out", str(tmp_path / "no-such-output"), "--plot", str(tmp_path / "x.gif")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert ".png or .svg" in done.stderr and "not found" not in done.stderr


def test_an_end_of_year_figure_is_read_and_drawn_at_the_year_end_not_mid_year():
    """Through the real extraction: `đến hết năm`, `tính đến 31/12`, `cuối năm` are the end of 2024, and both
    the review chart and the drawn time line place them in its last month."""
    from extract import extract_text
    for said in ("Đến hết năm 2024, Hà Nội có 3.000 sản phẩm OCOP.", "Tính đến 31/12/2024, Hà Nội có 3.000 sản phẩm OCOP.",
                 "Cuối năm 2024, Hà Nội có 3.000 sản phẩm OCOP."):
        [count] = [r for r in extract_text(said, published="2025-03-01") if r.type == "count"]
        assert count.as_of in ("2024-12~", "2024-12-31"), (said, count.as_of)
        assert date(2024, 12, 1) <= where(count.as_of)[2] <= date(2024, 12, 31), said
        assert 2024 + 11 / 12 <= year_fraction(count.as_of) < 2025, said


def test_the_drawn_labels_are_numbers_apart_with_a_legend_of_titles(tmp_path):
    """`ocop timeline --plot`'s drawing itself (matplotlib's SVG with its text kept as text): three sources of
    one date get labels that do not sit on each other, and the legend names them by title, never by id."""
    import xml.etree.ElementTree as ET

    import matplotlib

    from extract.reconcile import reconcile
    from extract.reconcile.naming import article_names
    from extract.reconcile.plot import plot_timeline

    def rec(article, value, as_of):
        said = f"Hà Nội có {value} sản phẩm OCOP 5 sao."
        start = said.index(str(value))
        return {"id": f"{article}#count@{start}", "article_id": article, "type": "count", "value": value,
                "unit": "sản phẩm", "metric": "ocop_products", "star": "5", "kind": "total", "scope": "Hà Nội",
                "as_of": as_of, "time_basis": "stated",
                "evidence": {"start": start, "end": start + len(str(value)), "text": str(value), "sentence": said}}
    ids = ["000_81a9d1e10ca821b1", "001_d422352a16ae81a9", "002_559d534dd66d6be0", "003_075c10e0e264decf"]
    records = [rec(ids[0], 9, "2025-06"), rec(ids[1], 9, "2025-06"), rec(ids[2], 6, "2025-06"), rec(ids[3], 4, "2021")]
    articles = [{"id": a, "title": f"Bài số {n} về OCOP Hà Nội", "text": "…"} for n, a in enumerate(ids, 1)]
    result = reconcile(records, articles)
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        path = plot_timeline(result.facts, {r["id"]: r for r in records}, tmp_path / "t.svg", article_names(articles))
    texts = list(ET.parse(path).iter("{http://www.w3.org/2000/svg}text"))
    labels = [(float(t.get("x")), float(t.get("y"))) for t in texts if "font-weight: 700" in (t.get("style") or "")]
    assert len(labels) == 4
    assert all(abs(a[0] - b[0]) >= 8 or abs(a[1] - b[1]) >= 8 for i, a in enumerate(labels) for b in labels[i + 1:])
    legend = sorted(t.text for t in texts if t.text and "về OCOP Hà Nội" in t.text)
    assert [line.split()[0] for line in legend] == ["1", "2", "3", "4"]
    assert {line.split("  ", 1)[1] for line in legend} == {f"“Bài số {n} về OCOP Hà Nội”" for n in range(1, 5)}
    assert not any(a in (t.text or "") for t in texts for a in ids)
