"""`ocop map METRIC --plot FILE.png|svg`: the latest figure of every province at a date, a dot at the
province's coordinates (from the gazetteer; no tiles, nothing downloaded), its size and colour the value,
labelled. The provinces of the map of the date: from 1 July 2025 an enlarged province (`X (mới)`) stands
for the old provinces it is made of once it has a figure of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from schemas import Fact

from .eras import NEW_MARK, province_of
from .timeline import interval
from .values import fmt
from .views import ViewError

FORMATS = {".png", ".svg"}
METRIC_TITLES = {"ocop_products": "OCOP products", "ocop_subjects": "OCOP subjects (businesses, cooperatives)",
                 "ocop_sales_points": "OCOP sales points", "ocop_centers": "OCOP centres"}


@dataclass
class Dot:
    province: str           # as labelled: `Tuyên Quang (mới)`, `Hà Giang`
    value: float
    as_of: str
    lat: float
    lon: float


def latest_by_province(facts: list[Fact], metric: str, star: str | None, as_of: date) -> list[Dot]:
    """The latest preferred total of each province holding at `as_of` (its time starts on or before it)."""
    from ..gazetteer.provinces import absorbed, coordinates
    metrics = {metric, f"ocop_{metric}"}
    day = as_of.toordinal()
    best: dict[str, tuple[tuple, Fact]] = {}
    for f in facts:
        if f.key.metric not in metrics or f.key.kind != "total" or f.rank != "preferred" or not f.key.scope:
            continue
        if f.key.star != star or f.key.category or getattr(f.key, "status", None):
            continue
        iv = interval(f.as_of)
        if iv is None or iv.lo > day:
            continue
        scope = f.key.scope
        if not scope.endswith(NEW_MARK) and province_of(scope) is None:
            continue                                     # a district, a commune, the country
        label = scope if scope.endswith(NEW_MARK) else province_of(scope)
        rank = (iv.hi, iv.lo, -f.value)
        if label not in best or rank > best[label][0]:
            best[label] = (rank, f)
    covered = {old for label in best if label.endswith(NEW_MARK) for old in absorbed(label[:-len(NEW_MARK)])}
    dots = []
    for label, (_, f) in sorted(best.items()):
        if label in covered:
            continue                                     # Hà Giang, once Tuyên Quang (mới) has a figure
        new = label.endswith(NEW_MARK)
        where = coordinates(label[:-len(NEW_MARK)] if new else label, new) or coordinates(label, not new)
        if where is None or None in where:
            continue
        dots.append(Dot(label, f.value, f.as_of or "", *where))
    return dots


def plot_map(dots: list[Dot], path: str | Path, title: str) -> Path:
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ViewError(f"--plot {path}: give a .png or .svg file name")
    if not dots:
        raise ViewError("no province has a figure at that date: nothing to draw")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from ..gazetteer.data import province_units

    fig, ax = plt.subplots(figsize=(7, 10))
    # the country's shape: every province's centre, small and grey (old and new maps)
    outline = province_units(False) + province_units(True)
    ax.scatter([u.lon for u in outline], [u.lat for u in outline], s=6, color="#cccccc", zorder=1)
    top = max(d.value for d in dots) or 1
    sizes = [40 + 900 * (d.value / top) for d in dots]
    points = ax.scatter([d.lon for d in dots], [d.lat for d in dots], s=sizes, c=[d.value for d in dots],
                        cmap="viridis", vmin=0, vmax=top, alpha=0.8, edgecolors="black", linewidths=0.5, zorder=2)
    for d in dots:
        ax.annotate(f"{d.province} {fmt(d.value)}\n({d.as_of})", (d.lon, d.lat), textcoords="offset points",
                    xytext=(7, 4), fontsize=7, zorder=3)
    fig.colorbar(points, ax=ax, shrink=0.5, label="value")
    ax.set_xlim(101.5, 110.5)
    ax.set_ylim(8.0, 23.8)
    ax.set_aspect(1.05)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.grid(True, alpha=0.2)
    ax.set_title(title, fontsize=10)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, bbox_inches="tight", dpi=110)
    plt.close(fig)
    return path


def map_title(metric: str, star: str | None, as_of: date) -> str:
    what = METRIC_TITLES.get(metric if metric.startswith("ocop_") else f"ocop_{metric}", metric)
    stars = {"3+": "3 stars or more", "5p": "potential 5 stars"}.get(star or "", f"{star} stars" if star else "")
    return f"{what}{', ' + stars if stars else ''}: the latest figure of each province as of {as_of.isoformat()}"
