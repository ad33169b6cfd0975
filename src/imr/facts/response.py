"""Response to treatment: the change in pain and function between visits, the gains and losses a record names,
and the treatment each response is credited to.

Facts made here:

* ``pain_change`` (value ``decreased``, ``increased`` or ``unchanged``): a pain rating compared with the one
  recorded at an earlier visit, or given with it ("5/10, down from 8/10"); ``measure`` holds both ratings and
  where the earlier one is written, ``date`` the later visit, ``detail`` the site when named;
* ``function_gain`` (value ``gain``) and ``function_static`` (values ``loss`` and ``static``): an activity
  measured at two visits ("slept about 3 hours ... sleeps 5 to 6 hours") or named as regained or lost ("she has
  resumed household chores", "he can no longer lift his son"); ``detail`` names the activity.

Every response fact, these and the pain relief and functional gain facts of the target rules, is credited
(``about``) to the one drug or treatment its sentence names, or, for a change between visits, to the one drug
the record started between them ("Gabapentin 300 mg three times a day was started on that visit").
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from imr.facts.context import span_context
from imr.facts.measures import PAIN, Change, Value, alternation, changes, measured_values, number, response_file
from imr.facts.reading import Sentences
from imr.facts.treatment_history import modality_mentions
from imr.records import Fact, Measure, Presence, Span

_RESPONSE_KINDS = frozenset({"pain_relief", "pain_change", "function_gain", "function_static"})
_FROM_TO = re.compile(
    r"\bfrom\s+(?P<before>\d{1,2}(?:\.\d)?)(?:\s*/\s*10)?\s+to\s+(?P<after>\d{1,2}(?:\.\d)?)\s*/\s*10"
)
_WAS_STARTED = re.compile(r"[^.;]{0,50}?\b(?:was|were)\s+(?:started|begun|initiated|added|prescribed)\b")


@dataclass(frozen=True, slots=True)
class _Cues:
    gain: re.Pattern[str]  # "has resumed household chores"
    loss: re.Pattern[str]  # "can no longer lift his son"
    markers: re.Pattern[str]  # "now", "again": what makes "is able to" a gain
    started: re.Pattern[str]  # "since starting", "trial of": a treatment begun, just before its name


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    model = response_file()
    ends = alternation(model.activity_ends)
    # an activity: up to six words, ending before a word of activity_ends or at punctuation
    activity = rf"(?P<activity>(?:(?!(?:{ends})\b)[A-Za-z][\w'/-]*(?:[ \t]+|(?=[.,;:)]|$))){{1,6}})"
    return _Cues(
        gain=re.compile(rf"\b(?P<cue>{alternation(model.gain_cues)})\s+{activity}", re.IGNORECASE),
        loss=re.compile(rf"\b(?P<cue>{alternation(model.loss_cues)})\s+{activity}", re.IGNORECASE),
        markers=re.compile(rf"\b(?:{alternation(model.gain_markers)})\b", re.IGNORECASE),
        started=re.compile(rf"\b(?:{alternation(model.started_cues)})\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE),
    )


def response_facts(
    text: str, sentences: Sentences, facts: Sequence[Fact], documents: Sequence[int] = ()
) -> tuple[list[Fact], list[Fact]]:
    """The response facts found in ``text``, and ``facts`` with their own response facts credited and measured."""
    values = measured_values(text, sentences, documents)
    found = [*_changes_between_visits(text, changes(values)), *_changes_within(text, values)]
    found.extend(_named_changes(text, sentences))
    treatments = _treatments(text, sentences, facts)
    credited = [_credited(fact, treatments) for fact in found]
    existing = [_credited(_measured(fact), treatments) if fact.kind in _RESPONSE_KINDS else fact for fact in facts]
    return credited, existing


def _change_fact(text: str, after: Value, measure: Measure) -> Fact:
    span = after.span
    if after.kind == PAIN:
        direction = "decreased" if measure.after < measure.before else "increased"
        value = direction if measure.after != measure.before else "unchanged"
        return Fact(
            "pain_change", value, text[span.start : span.end], span, date=after.date, detail=after.site, measure=measure
        )
    if measure.after > measure.before:
        kind, value = "function_gain", "gain"
    else:
        kind, value = "function_static", "loss" if measure.after < measure.before else "static"
    return Fact(kind, value, text[span.start : span.end], span, date=after.date, detail=after.kind, measure=measure)


def _changes_between_visits(text: str, found: Iterable[Change]) -> Iterable[Fact]:
    for change in found:
        yield _change_fact(text, change.after, change.measure)


def _changes_within(text: str, values: Iterable[Value]) -> Iterable[Fact]:
    for value in values:
        if value.previous is not None:
            yield _change_fact(text, value, Measure(value.previous, value.value, value.unit))


def _named_changes(text: str, sentences: Sentences) -> Iterable[Fact]:
    cues = _cues()
    gains: list[tuple[int, int, str]] = []
    for match in cues.gain.finditer(text):
        start, end = sentences.around(match.start())
        marked = cues.markers.search(match.group("cue")) or cues.markers.search(text, start, end)
        if match.end("activity") <= end and marked:
            gains.append((match.start(), match.end("activity"), _activity(match)))
    for match in cues.loss.finditer(text):
        first, last = match.start(), match.end("activity")
        if last <= sentences.around(first)[1]:
            yield Fact("function_static", "loss", text[first:last].rstrip(), Span(first, last), detail=_activity(match))
    judged = span_context(text, [(first, last) for first, last, _ in gains])
    for (first, last, activity), context in zip(gains, judged, strict=True):
        # "she has not resumed driving": no gain; "if she resumes work": none yet
        if context.presence in (Presence.PRESENT, Presence.ABSENT, Presence.UNDOCUMENTED):
            words = text[first:last].rstrip()
            span = Span(first, first + len(words))
            yield Fact("function_gain", "gain", words, span, context.presence, detail=activity)


def _activity(match: re.Match[str]) -> str:
    return " ".join(match.group("activity").split()).lower()


def _measured(fact: Fact) -> Fact:
    """A pain relief fact that gives the ratings ("pain from 8/10 to 5/10") carries them as its measure."""
    if fact.kind != "pain_relief" or fact.measure is not None:
        return fact
    ratings = _FROM_TO.search(fact.text)
    if ratings is None:
        return fact
    return dataclasses.replace(fact, measure=Measure(number(ratings["before"]), number(ratings["after"]), "/10"))


# ---------------------------------------------------------------------------------------------------------------
# Credit: which treatment a response belongs to


@dataclass(frozen=True)
class _Treatments:
    """Every drug the record names (by its generic name) and every treatment modality, in text order."""

    text: str
    found: tuple[tuple[int, int, str], ...]
    sentences: Sentences

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _, _ in self.found]

    def between(self, low: int, high: int) -> Iterable[tuple[int, int, str]]:
        index = bisect.bisect_left(self._starts, low)
        while index < len(self.found) and self.found[index][0] < high:
            if self.found[index][1] <= high:
                yield self.found[index]
            index += 1


def _treatments(text: str, sentences: Sentences, facts: Sequence[Fact]) -> _Treatments:
    found = [(f.span.start, f.span.end, f.value) for f in facts if f.kind == "medication"]
    found.extend((start, end, key) for start, end, key in modality_mentions(text))
    return _Treatments(text, tuple(sorted(found)), sentences)


def _credited(fact: Fact, treatments: _Treatments) -> Fact:
    if fact.about is not None or fact.kind not in _RESPONSE_KINDS:
        return fact
    first, last = treatments.sentences.around(fact.span.start)
    about = _one({name for _, _, name in treatments.between(first, last)}) or _started_between(fact, treatments)
    return dataclasses.replace(fact, about=about) if about else fact


def _started_between(fact: Fact, treatments: _Treatments) -> str | None:
    """For a change between visits: the one treatment the record started between the two values."""
    measure = fact.measure
    if measure is None or measure.before_span is None:
        return None
    low, high = sorted((measure.before_span.end, fact.span.start))
    started = _cues().started
    text = treatments.text
    names = {
        name
        for start, end, name in treatments.between(low, high)
        if started.search(text[max(low, start - 40) : start]) or _was_started(text, end)
    }
    return _one(names)


def _was_started(text: str, end: int) -> bool:
    """ "Gabapentin 300 mg three times a day was started on that visit"."""
    return bool(_WAS_STARTED.match(text, end, end + 80))


def _one(names: set[str]) -> str | None:
    return next(iter(names)) if len(names) == 1 else None
