"""Body regions and their side in a request title ("low back, right shoulder, right wrist").

A side word applies to the lateral regions that follow it in one list, so "bilateral shoulder, elbow and
wrist" is three bilateral regions and in "lumbar spine, left hip, lower leg, and knee" the leg and the knee
are left too. The list ends at the next side word or at any word that is not a list word. A plural without
a side means both sides ("SSEP of the lumbar and lower extremities"). Sides never attach to the spine ("MRI
of the cervical spine bilateral").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from imr.records import BodyRegion
from imr.requests.phrases import Hit
from imr.requests.vocabulary import RegionWord, Vocabulary

# What may stand between the members of one list: "shoulder, elbow and wrist", "wrist/hand", "Extremity & Low
# Back", "left shoulder wrist and hip", "lumbar spine, left hip, lower leg, and knee".
_LIST_GAP = re.compile(r"[\s,;&/]*(?:(?:and|or|the|of|to)(?![A-Za-z])[\s,;&/]*)*", re.IGNORECASE)


def find_regions(text: str, vocabulary: Vocabulary, *, skip: Sequence[tuple[int, int]] = ()) -> tuple[BodyRegion, ...]:
    """The body regions ``text`` names, in order, without repeats; words inside a ``skip`` span (the service
    phrase: "knee scooter") are not regions."""
    hits = vocabulary.region_matcher.find(text)
    if skip:
        inside = _covering(skip)
        hits = [hit for hit in hits if not inside(hit.start, hit.end)]
    found: list[BodyRegion] = []
    side: str | None = None
    previous_end: int | None = None
    for hit in hits:
        if previous_end is not None and not _LIST_GAP.fullmatch(text, previous_end, hit.start):
            side = None
        previous_end = hit.end
        word: RegionWord = hit.payload
        if word.region is None:
            side = word.side
            continue
        region = _region(hit, word, side, vocabulary)
        if region not in found:
            found.append(region)
    return tuple(found)


def _covering(spans: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether ``[start, end)`` lies inside one of ``spans``, in logarithmic time: the spans sorted by
    start, with the furthest end reached by any span starting at or before each."""
    ordered = sorted(spans)
    starts = [start for start, _ in ordered]
    furthest: list[int] = []
    for _, end in ordered:
        furthest.append(max(end, furthest[-1]) if furthest else end)

    def inside(start: int, end: int) -> bool:
        position = bisect.bisect_right(starts, start) - 1
        return position >= 0 and furthest[position] >= end

    return inside


def _region(hit: Hit[RegionWord], word: RegionWord, side: str | None, vocabulary: Vocabulary) -> BodyRegion:
    assert word.region is not None
    entry = vocabulary.regions[word.region]
    if not entry.lateral:
        return BodyRegion(word.region)
    if word.side is not None:  # "RUE"
        return BodyRegion(word.region, word.side)
    if side is not None:
        return BodyRegion(word.region, side)
    if hit.plural and entry.plural_bilateral:
        return BodyRegion(word.region, "bilateral")
    return BodyRegion(word.region)
