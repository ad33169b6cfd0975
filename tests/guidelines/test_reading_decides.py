"""The record-reading failures reported on a case written from scratch, tested where they matter: in the decision.
Each test changes one fact and sees the decision move exactly where the guideline says it should."""

from __future__ import annotations

import datetime as dt

from imr.guidelines.decide import decide_case
from imr.records import Decision, DecisionCase

GABAPENTIN_BEFORE = (
    "The injured worker is a 52 year old female who sustained an industrial crush injury to the right foot on "
    "06-01-2015 and has chronic neuropathic pain of the right foot. On 03/01/2016 she reported burning pain in the right "
    "foot rated 8/10 and sleeping 3 hours a night. Gabapentin 300 mg three times a day was started."
)


def _decide(summary: str, request: str, on: dt.date) -> tuple[Decision | None, str]:
    item = decide_case(DecisionCase(summary=summary, requests=(request,), request_date=on)).items[0]
    return item.decision, item.rationale


def test_a_measured_response_to_gabapentin_is_documented_benefit() -> None:
    better = (
        " On 04/05/2016 her burning pain was 5/10, she sleeps 5-6 hours a night and she has resumed household chores."
    )
    same = " On 04/05/2016 her burning pain was 8/10 and she sleeps 3 hours a night."
    decision, rationale = _decide(GABAPENTIN_BEFORE + better, "Gabapentin 300mg #90", dt.date(2016, 4, 20))
    assert decision is Decision.OVERTURNED, rationale
    decision, rationale = _decide(GABAPENTIN_BEFORE + same, "Gabapentin 300mg #90", dt.date(2016, 4, 20))
    assert decision is Decision.UPHELD, rationale


def test_a_response_credited_to_gabapentin_is_not_the_opioid_s() -> None:
    summary = (
        GABAPENTIN_BEFORE
        + " She also takes Norco 10/325 twice a day since 2015. On 04/05/2016 her burning pain was 5/10 and she sleeps"
        " 5-6 hours a night."
    )
    decision, rationale = _decide(summary, "Norco 10/325mg #60", dt.date(2016, 4, 20))
    assert decision is Decision.UPHELD, rationale


def test_chiropractic_in_the_plan_is_a_first_trial_not_history() -> None:
    record = (
        "HISTORY: The injured worker is a 40 year old male with chronic low back pain since an industrial injury on "
        "02-01-2016. Treatment to date has included physical therapy and naproxen, which helped him return to modified "
        "work.\nEXAMINATION: Lumbar range of motion is reduced.\nPLAN: Request a first trial of chiropractic, 6 visits."
    )
    decision, rationale = _decide(record, "Chiropractic 6 visits for the lumbar spine", dt.date(2016, 10, 1))
    assert "earlier chiropractic" not in rationale.lower()
    assert decision is Decision.OVERTURNED, rationale


def test_without_radiculopathy_is_no_radicular_diagnosis_for_an_epidural() -> None:
    base = (
        "The injured worker is a 47 year old male with chronic neck pain since an industrial injury on 02-01-2015. "
        "MRI of the cervical spine showed a C5-6 disc protrusion compressing the right C6 nerve root. He has completed "
        "physical therapy and takes naproxen without lasting relief. He continues a home exercise program. "
    )
    radicular = base + "The diagnosis is cervical radiculopathy with decreased sensation in the right C6 dermatome."
    without = base + "The diagnosis is cervical strain without cervical radiculopathy."
    request = "Cervical epidural steroid injection C5-6"
    decision, rationale = _decide(without, request, dt.date(2016, 10, 1))
    assert decision is Decision.UPHELD, rationale
    decision, rationale = _decide(radicular, request, dt.date(2016, 10, 1))
    assert decision is Decision.OVERTURNED, rationale


NORCO_CASE = (
    "The injured worker is a 55 year old male with chronic low back pain since an industrial injury on 03-01-2014. "
    "He takes Norco 10/325 twice a day and reports constipation; he remains off work, and no improvement in pain "
    "or function on the opioid is documented."
)


def test_a_laxative_follows_the_opioid_it_accompanies() -> None:
    items = decide_case(
        DecisionCase(
            summary=NORCO_CASE, requests=("Norco 10/325mg #60", "Colace 100mg #60"), request_date=dt.date(2016, 12, 1)
        )
    ).items
    assert items[0].decision is Decision.UPHELD, items[0].rationale
    assert items[1].decision is Decision.UPHELD, items[1].rationale
    assert "item 1 (Norco 10/325mg #60), which is not medically necessary" in items[1].rationale
    alone = decide_case(
        DecisionCase(summary=NORCO_CASE, requests=("Colace 100mg #60",), request_date=dt.date(2016, 12, 1))
    ).items[0]
    assert alone.decision is Decision.OVERTURNED, alone.rationale


def test_post_operative_therapy_already_given_makes_a_later_request_a_subsequent_course() -> None:
    summary = (
        "The injured worker is a 56 year old male who underwent right shoulder arthroscopic rotator cuff repair five "
        "months ago. He has completed {done} sessions of post-operative physical therapy, and his motion has been "
        "unchanged over the last eight visits."
    )
    request = "Post-op physical therapy x 12 right shoulder"
    given = decide_case(
        DecisionCase(summary=summary.format(done=36), requests=(request,), request_date=dt.date(2016, 10, 1))
    )
    assert given.items[0].rule_ids == ("ptg-2009.shoulder.subsequent-course",)
    assert given.items[0].decision is Decision.UPHELD, given.items[0].rationale
    first = summary.replace("He has completed {done} sessions of post-operative physical therapy, and his", "His")
    start = decide_case(DecisionCase(summary=first, requests=(request,), request_date=dt.date(2016, 10, 1)))
    assert start.items[0].rule_ids == ("ptg-2009.shoulder.initial-course",)


def test_anaesthesia_follows_the_injection_it_is_asked_for_with() -> None:
    summary = (
        "The injured worker is a 45 year old male with chronic low back pain since 2014. There is no radiating pain, "
        "and the neurological examination is normal."
    )
    requests = ("Lumbar epidural steroid injection L4-5", "Associated surgical service: Monitored anesthesia care")
    items = decide_case(DecisionCase(summary=summary, requests=requests, request_date=dt.date(2016, 12, 1))).items
    assert items[0].decision is Decision.UPHELD, items[0].rationale
    assert items[1].decision is Decision.UPHELD, items[1].rationale
    assert "item 1 (Lumbar epidural steroid injection L4-5)" in items[1].rationale
