"""Response to treatment: changes between dated visits, named gains and losses, and the treatment credited."""

from __future__ import annotations

import datetime as dt

import pytest

from imr.facts import extract_facts
from imr.records import Fact, Presence

GABAPENTIN = (
    "On 06/20/2016 she rated her burning right arm pain 8/10 and slept about 3 hours a night. Gabapentin 300 mg "
    "three times a day was started on that visit. On 09/26/2016 she rates the burning pain 5/10. Since starting "
    "gabapentin she sleeps 5 to 6 hours a night and she has resumed household chores, including laundry and "
    "cooking."
)


def _of(text: str, *kinds: str) -> list[Fact]:
    return [f for f in extract_facts(text).facts if f.kind in kinds]


def test_a_fall_in_pain_between_visits_is_measured_and_credited_to_the_drug_started_between() -> None:
    (change,) = _of(GABAPENTIN, "pain_change")
    assert (change.value, change.about, change.date) == ("decreased", "gabapentin", dt.date(2016, 9, 26))
    assert change.measure is not None
    assert (change.measure.before, change.measure.after, change.measure.unit) == (8, 5, "/10")
    assert change.measure.before_date == dt.date(2016, 6, 20)
    assert change.measure.change_percent == -38
    assert change.measure.before_span is not None
    assert GABAPENTIN[change.measure.before_span.start : change.measure.before_span.end].endswith("pain 8/10")
    assert GABAPENTIN[change.span.start : change.span.end] == change.text == "rates the burning pain 5/10"


def test_functional_gains_are_named_measured_and_credited() -> None:
    gains = {(f.detail, f.about): f for f in _of(GABAPENTIN, "function_gain")}
    assert set(gains) == {("sleep", "gabapentin"), ("household chores", "gabapentin")}
    sleep = gains["sleep", "gabapentin"].measure
    assert sleep is not None and (sleep.before, sleep.after, sleep.unit) == (3, 5.5, "hours")
    chores = gains["household chores", "gabapentin"]
    assert chores.text == "has resumed household chores" and chores.presence is Presence.PRESENT


@pytest.mark.parametrize(
    ("text", "before", "after", "value"),
    [
        ("Her neck pain is 5/10, down from 8/10 at the last visit.", 8, 5, "decreased"),
        ("Low back pain is now 7/10 (previously 4/10).", 4, 7, "increased"),
        ("On 3/1/2016 pain 8/10 with stiffness. On 4/5/2016 pain 5/10.", 8, 5, "decreased"),
        ("On 03/01/2016 pain was 6/10. On 04/05/2016 pain was 6/10.", 6, 6, "unchanged"),
        (
            "Medical records dated 03-01-2016 noted pain 8/10. A note dated 04-05-2016 noted pain 5/10.",
            8,
            5,
            "decreased",
        ),
    ],
)
def test_pain_changes(text: str, before: float, after: float, value: str) -> None:
    (change,) = _of(text, "pain_change")
    assert change.value == value
    assert change.measure is not None and (change.measure.before, change.measure.after) == (before, after)


@pytest.mark.parametrize(
    "text",
    [
        # one visit: with and without medication are not a change
        "On 03/01/2016 pain was 4/10 with medication and 8/10 without medication.",
        # two sites at two visits are compared site by site, not across
        "On 03/01/2016 neck pain was 8/10. On 04/05/2016 knee pain was 3/10.",
        # undated ratings
        "Pain is 8/10. Pain is 5/10.",
        # a date is no rating
        "She was seen on 9/10/2016 and 10/10/2016.",
    ],
)
def test_no_pain_change(text: str) -> None:
    assert _of(text, "pain_change") == []


def test_ratings_of_two_records_are_dated_by_each_record() -> None:
    first = "PROGRESS REPORT\nDate of examination: 06/20/2016\nLow back pain 7/10.\n\n"
    second = "PROGRESS REPORT\nLow back pain 4/10.\n\n"
    third = "PROGRESS REPORT\nDate of examination: 09/26/2016\nLow back pain 4/10.\n"
    facts = extract_facts(first + second + third, documents=[0, len(first), len(first + second)])
    changes = [(f.measure.before, f.measure.after, f.measure.before_date, f.date) for f in facts.facts if f.measure]
    # the undated second record borrows no date from the first
    assert changes == [(7, 4, dt.date(2016, 6, 20), dt.date(2016, 9, 26))]


def test_ratings_of_one_site_pair_across_visits_beside_other_sites() -> None:
    text = "On 03/01/2016 neck pain was 8/10 and knee pain 3/10. On 04/05/2016 neck pain was 5/10 and knee pain 3/10."
    changes = sorted((f.detail, f.value) for f in _of(text, "pain_change"))
    assert changes == [("knee", "unchanged"), ("neck", "decreased")]


@pytest.mark.parametrize(
    ("text", "kind", "detail", "presence"),
    [
        ("Since the injections he is now able to walk his dog.", "function_gain", "walk his dog", Presence.PRESENT),
        ("She has not resumed driving.", "function_gain", "driving", Presence.ABSENT),
        ("He can no longer lift his grandson.", "function_static", "lift his grandson", Presence.PRESENT),
        ("She has stopped gardening because of the pain.", "function_static", "gardening", Presence.PRESENT),
        ("Walking tolerance increased from 10 to 30 minutes.", "function_gain", "walking", Presence.PRESENT),
        ("She sleeps 6 hours a night instead of 3.", "function_gain", "sleep", Presence.PRESENT),
    ],
)
def test_named_and_measured_function(text: str, kind: str, detail: str, presence: Presence) -> None:
    found = [(f.detail, f.presence) for f in _of(text, kind)]
    assert (detail, presence) in found


@pytest.mark.parametrize(
    "text",
    [
        "She is able to walk two blocks.",  # a capacity, not a gain
        "If she resumes work, the restrictions apply.",  # not yet
        "She is unable to lift over 10 lb.",  # a limit, not a loss
    ],
)
def test_no_named_change(text: str) -> None:
    assert [f for f in _of(text, "function_gain", "function_static") if f.detail] == []


def test_pain_relief_in_one_sentence_is_measured_and_credited() -> None:
    (relief,) = _of("Lyrica reduced her pain from 8/10 to 4/10.", "pain_relief")
    assert relief.about == "pregabalin"
    assert relief.measure is not None and relief.measure.change_percent == -50


def test_a_response_with_two_drugs_named_is_credited_to_neither() -> None:
    (relief,) = _of("With Norco and gabapentin her pain improved.", "pain_relief")
    assert relief.about is None
