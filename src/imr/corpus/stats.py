"""Uphold and overturn rates by a dimension, with Wilson intervals, turnaround, and the engine's agreement."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path

from imr.corpus.dimensions import Dimension
from imr.corpus.query import connect

_GROUP_EXPRESSIONS: dict[Dimension, str] = {
    Dimension.all: "'all'",
    Dimension.service: "i.service",
    Dimension.category: "i.category",
    Dimension.guideline: "i.reviewer_family",
    Dimension.specialty: "l.reviewer_specialty",
    Dimension.month: "strftime(l.decision_date, '%Y-%m')",
    Dimension.year: "CAST(year(l.decision_date) AS VARCHAR)",
    Dimension.priority: "l.priority",
    Dimension.region: "i.region",
    Dimension.drug_class: "i.drug_class",
    Dimension.layout: "l.layout",
}

_Z95 = 1.959963984540054


def wilson_interval(successes: int, trials: int) -> tuple[float, float]:
    """95% Wilson score interval of a proportion; (0, 1) with no trials."""
    if trials == 0:
        return 0.0, 1.0
    share = successes / trials
    denominator = 1 + _Z95**2 / trials
    centre = (share + _Z95**2 / (2 * trials)) / denominator
    half = _Z95 * math.sqrt(share * (1 - share) / trials + _Z95**2 / (4 * trials**2)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True, slots=True)
class GroupStats:
    group: str
    letters: int
    items: int
    upheld: int
    overturned: int
    uphold_rate: float
    uphold_ci_low: float
    uphold_ci_high: float
    median_days_ur_to_decision: float | None
    engine_decided: int | None = None  # None: the corpus was built without --decide
    engine_accuracy: float | None = None  # undecided counted as disagreement
    engine_balanced_accuracy: float | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


_QUERY = """
SELECT {group} AS grp,
       count(DISTINCT i.letter_id) AS letters,
       count(*) AS items,
       count(*) FILTER (WHERE i.decision = 'upheld') AS upheld,
       count(*) FILTER (WHERE i.decision = 'overturned') AS overturned,
       median(l.days_ur_to_decision) AS median_days,
       count(i.engine_decision) AS engine_rows,
       count(*) FILTER (WHERE i.engine_decision IN ('upheld', 'overturned')) AS engine_decided,
       count(*) FILTER (WHERE i.engine_decision = i.decision) AS engine_correct,
       count(*) FILTER (WHERE i.engine_decision = 'upheld' AND i.decision = 'upheld') AS upheld_hits,
       count(*) FILTER (WHERE i.engine_decision = 'overturned' AND i.decision = 'overturned') AS overturned_hits
FROM items i JOIN letters l USING (letter_id)
GROUP BY grp
ORDER BY items DESC, grp
"""


def _balanced(upheld_hits: int, upheld: int, overturned_hits: int, overturned: int) -> float:
    recalls = [hits / total for hits, total in ((upheld_hits, upheld), (overturned_hits, overturned)) if total]
    return sum(recalls) / len(recalls) if recalls else 0.0


def corpus_stats(corpus: Path, by: Dimension = Dimension.all) -> list[GroupStats]:
    connection = connect(corpus)
    try:
        rows = connection.execute(_QUERY.format(group=_GROUP_EXPRESSIONS[by])).fetchall()
    finally:
        connection.close()
    result: list[GroupStats] = []
    for grp, letters, items, upheld, overturned, days, engine_rows, decided, correct, up_hits, ov_hits in rows:
        low, high = wilson_interval(upheld, items)
        engine = engine_rows > 0
        result.append(
            GroupStats(
                group=grp if grp is not None else "(unknown)",
                letters=letters,
                items=items,
                upheld=upheld,
                overturned=overturned,
                uphold_rate=round(upheld / items, 4) if items else 0.0,
                uphold_ci_low=round(low, 4),
                uphold_ci_high=round(high, 4),
                median_days_ur_to_decision=float(days) if days is not None else None,
                engine_decided=decided if engine else None,
                engine_accuracy=round(correct / engine_rows, 4) if engine else None,
                engine_balanced_accuracy=round(_balanced(up_hits, upheld, ov_hits, overturned), 4) if engine else None,
            )
        )
    return result
