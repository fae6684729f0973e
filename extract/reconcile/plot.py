"""`ocop timeline … --plot FILE.png|svg`: each claim a numbered point at its date, the preferred values a
line (matplotlib, Agg backend: no display needed). A year-only figure is drawn as the year's span with its
point at the end; the numbers are explained in a legend of sources under the chart (article titles, so
labels never pile up on the points); figures on very different scales get panels of their own.
"""
from __future__ import annotations

from pathlib import Path

from schemas import Fact

from .plot_layout import label_offsets, panels, where
from .timeline import interval, overlaps
from .views import ViewError, by_key

RANK_STYLE = {"preferred": dict(marker="o", alpha=1.0), "normal": dict(marker="s", alpha=0.7),
              "deprecated": dict(marker="x", alpha=0.8)}
FORMATS = {".png", ".svg"}


def check_plot_path(path: str | Path) -> Path:
    """The --plot file name, refused (before any work) when it cannot be written as a picture."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ViewError(f"--plot {path}: give a .png or .svg file name")
    if path.is_dir():
        raise ViewError(f"--plot {path}: is a folder; give a .png or .svg file name")
    parent = path.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise ViewError(f"--plot {path}: {parent} is not a folder")
    return path


def _points(fs: list[Fact], records: dict[str, dict]):
    """(fact, record or None, start, end, point date) for every source of every fact."""
    for f in fs:
        for rid in f.supporting or [None]:
            rec = records.get(rid) if rid else None
            # the record's own date, unless reconciliation placed it elsewhere (dated by arithmetic)
            own = rec.get("as_of") if rec else None
            edtf = own if own and overlaps(interval(own), interval(f.as_of)) else f.as_of
            start, end, when = where(edtf)
            if when is not None:
                yield f, rec, start, end, when


def _articles(facts: list[Fact], records: dict[str, dict]):
    for f in facts:
        for rid in f.supporting:
            if rid in records:
                yield records[rid]["article_id"]


def plot_timeline(facts: list[Fact], records: dict[str, dict], path: str | Path,
                  names: dict[str, str] | None = None) -> Path:
    path = check_plot_path(path)
    names = names or {}
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    keyed = by_key(facts)
    groups = panels({title: [f.value for f in fs] for title, fs in keyed.items()}) or [[]]
    sources: dict[str, int] = {}           # article id -> its number in the legend of sources
    height = 3.2 * len(groups) + 0.9 + 0.13 * len(set(_articles(facts, records)))
    fig, axes = plt.subplots(len(groups), 1, figsize=(9, height), squeeze=False, sharex=True)
    colours = dict(zip(keyed, plt.rcParams["axes.prop_cycle"].by_key()["color"] * 9))
    for ax, group in zip(axes[:, 0], groups):
        labels = []
        for title in group:
            fs, colour = keyed[title], colours[title]
            line = sorted((where(f.as_of)[2], f.value) for f in fs if f.rank == "preferred" and where(f.as_of)[2])
            if line:
                ax.plot([d for d, _ in line], [v for _, v in line], "-", color=colour, label=title, linewidth=1.6)
            seen = set()
            for f, rec, start, end, when in _points(fs, records):
                if start is not None:
                    ax.plot([start, end], [f.value, f.value], "-", color=colour, alpha=0.35, linewidth=5,
                            solid_capstyle="butt")
                ax.plot([when], [f.value], linestyle="none", color=colour, markersize=7, **RANK_STYLE[f.rank])
                if rec and (when, f.value, rec["article_id"]) not in seen:
                    seen.add((when, f.value, rec["article_id"]))
                    n = sources.setdefault(rec["article_id"], len(sources) + 1)
                    labels.append((when, f.value, n, colour))
        ax.grid(True, alpha=0.3)
        ax.margins(y=0.12)
        ax.set_ylabel("count")
        ax.legend(fontsize=8, loc="upper left")
        if labels:
            low, high = ax.get_ylim()
            xs = [mdates.date2num(w) for w, _, _, _ in labels]
            lifts = label_offsets(list(zip(xs, [v for _, v, _, _ in labels])), x_near=60,
                                  y_near=(high - low) * 0.06)
            for (when, value, n, colour), lift in zip(labels, lifts):
                ax.annotate(str(n), (when, value), textcoords="offset points", xytext=(5, 4 + 10 * lift),
                            fontsize=8, color=colour, fontweight="bold")
    axes[0, 0].set_title("● preferred   ■ normal   ✕ deprecated   ▬ a year (or longer) the figure covers; "
                         "numbers: sources below", fontsize=8)
    legend = [f"{n}  {names.get(a, a)}" for a, n in sorted(sources.items(), key=lambda x: x[1])]
    if legend:
        fig.text(0.01, 0.01, "\n".join(legend), fontsize=7, va="bottom", ha="left")
    fig.autofmt_xdate()
    fig.tight_layout(rect=(0, (0.15 + 0.13 * len(legend)) / height, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
