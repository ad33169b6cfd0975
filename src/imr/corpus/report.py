"""`imr corpus report`: one self-contained HTML page of charts (inline SVG) and tables over a corpus."""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from imr.corpus.dimensions import Dimension
from imr.corpus.query import connect
from imr.corpus.stats import GroupStats, corpus_stats
from imr.errors import InputError

_TOP_CATEGORIES = 6
_TOP_GUIDELINES = 12
_PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#843c0c")


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    caption: str
    svg: Markup | None  # None: nothing to draw yet


def _figure() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "path", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False})
    return plt.subplots(figsize=(7.2, 3.0), dpi=100)


def _svg(figure: Any) -> Markup:
    import matplotlib.pyplot as plt

    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return Markup(text[text.index("<svg") :])  # matplotlib's own SVG, its text already escaped


def _rows(connection: Any, sql: str) -> list[tuple[Any, ...]]:
    return list(connection.execute(sql).fetchall())


def _volume_chart(connection: Any) -> Chart:
    rows = _rows(
        connection,
        "SELECT date_trunc('month', decision_date) m, count(*) FROM letters WHERE decision_date IS NOT NULL "
        "GROUP BY m ORDER BY m",
    )
    title, caption = "Letters by month of decision", "Final Determination letters by the month they were decided."
    if not rows:
        return Chart(title, caption, None)
    figure, axes = _figure()
    axes.bar([r[0].strftime("%b %Y") for r in rows], [r[1] for r in rows], color=_PALETTE[0])
    axes.set_ylabel("letters")
    if len(rows) > 12:
        figure.autofmt_xdate()
    return Chart(title, caption, _svg(figure))


def _uphold_over_time_chart(connection: Any) -> Chart:
    top = [
        r[0]
        for r in _rows(
            connection,
            f"SELECT category FROM items WHERE category IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC "
            f"LIMIT {_TOP_CATEGORIES}",
        )
    ]
    title = "Uphold rate by service category over time"
    caption = f"Share of items upheld, by quarter of decision, for the {len(top)} most frequent categories."
    if not top:
        return Chart(title, caption, None)
    rows = _rows(
        connection,
        "SELECT i.category, date_trunc('quarter', l.decision_date) q, avg(CASE WHEN i.decision = 'upheld' "
        "THEN 1.0 ELSE 0.0 END), count(*) FROM items i JOIN letters l USING (letter_id) "
        "WHERE l.decision_date IS NOT NULL AND i.category IS NOT NULL GROUP BY 1, 2 ORDER BY 2",
    )
    quarters = sorted({r[1] for r in rows})
    position = {quarter: n for n, quarter in enumerate(quarters)}
    figure, axes = _figure()
    for colour, category in zip(_PALETTE, top, strict=False):
        points = [(position[r[1]], r[2]) for r in rows if r[0] == category]
        axes.plot(
            [p[0] for p in points], [p[1] for p in points], marker="o", color=colour, label=category.replace("_", " ")
        )
    axes.set_xticks(range(len(quarters)), [f"{q.year} Q{(q.month - 1) // 3 + 1}" for q in quarters])
    axes.set_xlim(-0.5, len(quarters) - 0.5)
    axes.set_ylim(0, 1.05)
    axes.yaxis.set_major_formatter("{x:.0%}")
    axes.legend(fontsize=7, ncol=3, frameon=False, loc="lower left")
    return Chart(title, caption, _svg(figure))


def _turnaround_chart(connection: Any) -> Chart:
    days = [r[0] for r in _rows(connection, "SELECT days_ur_to_decision FROM letters WHERE days_ur_to_decision >= 0")]
    title = "Turnaround: days from the UR decision to the IMR decision"
    caption = f"{len(days):,} letters with both dates."
    if not days:
        return Chart(title, caption, None)
    figure, axes = _figure()
    axes.hist(days, bins=min(40, max(5, len(set(days)))), color=_PALETTE[2])
    axes.set_xlabel("days")
    axes.set_ylabel("letters")
    return Chart(title, caption, _svg(figure))


def _guidelines_chart(connection: Any) -> Chart:
    rows = _rows(
        connection,
        "SELECT coalesce(title, family) t, count(*) n FROM citations WHERE party = 'reviewer' "
        f"GROUP BY t ORDER BY n DESC, t LIMIT {_TOP_GUIDELINES}",
    )
    title, caption = "Guidelines reviewers cite", "Citations on the reviewers' guideline lines, most cited first."
    if not rows:
        return Chart(title, caption, None)
    figure, axes = _figure()
    figure.set_size_inches(7.2, 0.3 * len(rows) + 0.8)
    labels = [str(r[0])[:60] for r in reversed(rows)]
    axes.barh(labels, [r[1] for r in reversed(rows)], color=_PALETTE[1])
    axes.set_xlabel("citations")
    return Chart(title, caption, _svg(figure))


def _headline(connection: Any) -> dict[str, Any]:
    letters, first, last = _rows(connection, "SELECT count(*), min(decision_date), max(decision_date) FROM letters")[0]
    items, upheld, decided, correct = _rows(
        connection,
        "SELECT count(*), count(*) FILTER (WHERE decision = 'upheld'), count(engine_decision), "
        "count(*) FILTER (WHERE engine_decision = decision) FROM items",
    )[0]
    errors = _rows(connection, "SELECT count(*) FROM errors")[0][0]
    return {
        "letters": letters,
        "item_count": items,
        "upheld_share": upheld / items if items else None,
        "first": first,
        "last": last,
        "errors": errors,
        "engine_items": decided,
        "engine_accuracy": correct / decided if decided else None,
    }


def _engine_by_category(groups: list[GroupStats]) -> list[GroupStats]:
    return [g for g in groups if g.engine_decided is not None]


def build_report(corpus: Path) -> str:
    connection = connect(corpus)
    try:
        headline = _headline(connection)
        charts = [
            _volume_chart(connection),
            _uphold_over_time_chart(connection),
            _turnaround_chart(connection),
            _guidelines_chart(connection),
        ]
    finally:
        connection.close()
    by_category = corpus_stats(corpus, Dimension.category)
    environment = Environment(loader=PackageLoader("imr.corpus", "templates"), autoescape=select_autoescape(["html"]))
    template = environment.get_template("report.html")
    return template.render(
        corpus=corpus.name or str(corpus),
        generated=dt.datetime.now(dt.UTC).strftime("%d %B %Y %H:%M UTC"),
        headline=headline,
        charts=charts,
        by_category=by_category,
        engine=_engine_by_category(by_category),
    )


def write_report(corpus: Path, out: Path) -> None:
    html = build_report(corpus)
    if out.is_dir():
        raise InputError("is a folder; give the HTML file to write", source=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.tmp")
    temporary.write_text(html, encoding="utf-8")
    os.replace(temporary, out)
