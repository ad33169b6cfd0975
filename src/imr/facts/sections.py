"""The sections of a medical record (history, examination, assessment, plan, work status), found by medspaCy's
Sectionizer from the headings in data/context/sections.yaml.

A heading starts a line and either ends it ("DIAGNOSES") or is followed by a colon ("Plan: Discharge to a home
program."). A section runs to the next heading or to the end of its document: several records joined into one
text are separate documents, and a section never runs from one into the next.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from imr.data_files import package_data_path, read_package_yaml, validated

SECTIONS_FILE = "context/sections.yaml"
PLAN = "plan"  # the section whose treatment is proposed, not given


class SectionModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str = Field(pattern=r"^[a-z_]+$")
    headings: list[str] = Field(min_length=1)


class SectionExampleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    sections: list[str]


class SectionFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    sections: list[SectionModel]
    plan_continues: list[str] = []
    examples: list[SectionExampleModel] = []


@lru_cache(maxsize=1)
def section_file() -> SectionFileModel:
    model: SectionFileModel = validated(
        SectionFileModel, read_package_yaml(SECTIONS_FILE), package_data_path(SECTIONS_FILE)
    )
    return model


def heading_pattern(headings: Iterable[str], others: Iterable[str] = ()) -> str:
    """One regex for the headings of a category: at a line start, optionally joined to a
    second name ("TREATMENT PLAN / REQUESTS"), then a colon or the end of the line. A joined heading another
    category lists itself ("ASSESSMENT AND PLAN" is a plan heading) is left to that category."""
    headings = list(headings)
    names = _alternation(headings)
    joined = r"(?:[ \t]*(?:/|&|\band\b)[ \t]*[A-Za-z][A-Za-z /&-]{0,40}?)?"
    end = r"[ \t]*(?::|(?=[ \t]*\r?$))"
    theirs = [o for o in others if any(re.match(rf"{re.escape(h)}\s*(?:/|&|and\b)", o, re.I) for h in headings)]
    not_theirs = rf"(?!(?:{_alternation(theirs)}){end})" if theirs else ""
    return rf"(?m)^[ \t]*{not_theirs}(?:{names}){joined}{end}"


def _alternation(headings: Iterable[str]) -> str:
    return "|".join(re.escape(h).replace(r"\ ", r"[ \t]+") for h in sorted(headings, key=len, reverse=True))


def section_rules() -> list[Any]:
    """medspaCy SectionRules, one per category, its headings as one regex."""
    from medspacy.section_detection import SectionRule

    sections = section_file().sections
    return [
        SectionRule(
            section.category,
            section.category,
            pattern=heading_pattern(
                section.headings, [h for other in sections if other is not section for h in other.headings]
            ),
        )
        for section in sections
    ]


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading found in the text: where it stands and the category it opens."""

    start: int
    end: int
    category: str


@dataclass(frozen=True, slots=True)
class SectionMap:
    """Which section each position of a text lies in. ``starts`` are sorted; ``categories[i]`` holds from
    ``starts[i]`` to the next start (``None``: no heading yet in this document)."""

    starts: tuple[int, ...]
    categories: tuple[str | None, ...]

    def at(self, position: int) -> str | None:
        index = bisect.bisect_right(self.starts, position) - 1
        return self.categories[index] if index >= 0 else None

    def spans(self, end: int) -> list[tuple[int, int, str | None]]:
        """``(start, end, category)`` of every stretch up to ``end``, the text's length."""
        bounds = [*self.starts[1:], end]
        return [(s, e, c) for s, e, c in zip(self.starts, bounds, self.categories, strict=True) if e > s]


def section_map(headings: Sequence[Heading], documents: Sequence[int] = ()) -> SectionMap:
    """The sections opened by ``headings``; every position in ``documents`` starts a new document, where no
    section holds until its first heading."""
    changes: list[tuple[int, int, str | None]] = [(0, 0, None)]
    changes.extend((start, 0, None) for start in documents)
    changes.extend((heading.start, 1, heading.category) for heading in headings)
    changes.sort(key=lambda change: (change[0], change[1]))
    starts: list[int] = []
    categories: list[str | None] = []
    for start, _, category in changes:
        if starts and starts[-1] == start:
            categories[-1] = category
            continue
        starts.append(start)
        categories.append(category)
    return SectionMap(tuple(starts), tuple(categories))
