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
