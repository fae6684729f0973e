"""`ocop timeline … --plot FILE.png|svg`: each claim a point at its date, the preferred values a line
(matplotlib, Agg backend: no display needed)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from schemas import Fact

from .timeline import interval, overlaps
from .views import ViewError, by_key

RANK_STYLE = {"preferred": dict(marker="o", alpha=1.0), "normal": dict(marker="s", alpha=0.7),
              "deprecated": dict(marker="x", alpha=0.8)}
FORMATS = {".png", ".svg"}


def _middle(edtf: str | None) -> date | None:
    iv = interval(edtf)
    if iv is None:
        return None
    return date.fromordinal((iv.lo + min(iv.hi, iv.lo + 366)) // 2)


def plot_timeline(facts: list[Fact], records: dict[str, dict], path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ViewError(f"--plot {path}: give a .png or .svg file name")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4.8))
    for (title, fs), colour in zip(by_key(facts).items(), plt.rcParams["axes.prop_cycle"].by_key()["color"] * 9):
        line = [(_middle(f.as_of), f.value) for f in fs if f.rank == "preferred" and _middle(f.as_of)]
        if line:
            ax.plot([d for d, _ in line], [v for _, v in line], "-", color=colour, label=title, linewidth=1.6)
        labelled = set()
        for f in fs:
            for rid in f.supporting or [None]:
                rec = records.get(rid) if rid else None
                # the record's own date, unless reconciliation placed it elsewhere (dated by arithmetic)
                own = rec.get("as_of") if rec else None
                when = _middle(own) if own and overlaps(interval(own), interval(f.as_of)) else _middle(f.as_of)
                if when is None:
                    continue
                ax.plot([when], [f.value], linestyle="none", color=colour, markersize=7, **RANK_STYLE[f.rank])
                if rec and (when, f.value, rec["article_id"]) not in labelled:
                    labelled.add((when, f.value, rec["article_id"]))
                    ax.annotate(rec["article_id"][:3], (when, f.value), textcoords="offset points",
                                xytext=(4, 4), fontsize=7, color=colour)
    ax.set_xlabel("as of")
    ax.set_ylabel("count")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    ax.set_title("● preferred   ■ normal   ✕ deprecated", fontsize=9)
    fig.autofmt_xdate()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
