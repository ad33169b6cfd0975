"""Words that qualify a request rather than name it (modifiers.yaml).

"Additional ..." / "CONTINUE ..." / "Initial ...", "Retrospective ..." / "DOS: 11/11/2016", "Post-op ...",
"Associated surgical service: ...", "purchase" / "14 days rental".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from imr.requests.counts import UNIT, CountGrammar, DurationRule
from imr.requests.phrases import Phrase, PhraseMatcher, phrase_regex
from imr.requests.schema import ModifiersFile

KINDS = (
    "additional",
    "initial",
    "retrospective",
    "postoperative",
    "associated_surgical",
    "purchase",
    "rental",
)


class Qualifiers(NamedTuple):
    additional: bool | None = None
    retrospective: bool = False
    postoperative: bool = False
    associated_surgical: bool = False
    purchase: bool | None = None
    rental_days: int | None = None
    body_start: int = 0  # where the request proper starts, after "Associated surgical service:"
    spans: tuple[tuple[int, int], ...] = ()  # where the qualifying words are, so no service is read there


@dataclass(frozen=True, slots=True)
class QualifierGrammar:
    matcher: PhraseMatcher[str]
    prefix: re.Pattern[str]
    rental: tuple[DurationRule, ...]
    counts: CountGrammar

    @classmethod
    def build(cls, model: ModifiersFile, counts: CountGrammar) -> QualifierGrammar:
        matcher = PhraseMatcher(Phrase(kind, text) for kind in KINDS for text in getattr(model, kind))
        associated = _alternatives(model.associated_surgical)
        rental = _alternatives(model.rental)
        return cls(
            matcher=matcher,
            prefix=re.compile(rf"^\s*(?:{associated})\s*[:\-]\s*", re.IGNORECASE),
            rental=(
                # "Vascutherm unit, 14 days rental", "1 month rental"
                DurationRule(re.compile(rf"[\s\-]*{UNIT}'?\s*(?:{rental})(?![a-z])")),
                # "rental for 30 days"
                DurationRule(
                    re.compile(rf"[\s\-]*{UNIT}(?![a-z])"),
                    re.compile(rf"(?<![a-z])(?:{rental})\s*(?:for|x|of|:)?\s*$"),
                ),
            ),
            counts=counts,
        )

    def read(self, text: str) -> Qualifiers:
        hits = self.matcher.find(text)
        kinds = [hit.payload for hit in hits]
        additional: bool | None = None
        if "additional" in kinds:
            additional = True
        elif "initial" in kinds:
            additional = False
        prefix = self.prefix.match(text)
        rental = "rental" in kinds
        return Qualifiers(
            additional=additional,
            retrospective="retrospective" in kinds,
            postoperative="postoperative" in kinds,
            associated_surgical=prefix is not None or "associated_surgical" in kinds,
            purchase=True if "purchase" in kinds else (False if rental else None),
            rental_days=self.counts.duration_days(text.lower(), self.rental) if rental else None,
            body_start=prefix.end() if prefix else 0,
            spans=tuple((hit.start, hit.end) for hit in hits),
        )


def _alternatives(phrases: list[str]) -> str:
    """One regular expression for lower-case ``phrases``, longest first."""
    return "|".join(phrase_regex(text.lower()) for text in sorted(phrases, key=len, reverse=True))
