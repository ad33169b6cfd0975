"""One-fact-changed rows for the physical medicine rules: manipulation, aquatic therapy, TENS, acupuncture,
the 2016 CPMTG, and the Postsurgical Treatment Guidelines' initial and subsequent courses."""

from __future__ import annotations

import datetime as dt

import pytest

from imr.facts import extract_facts
from imr.guidelines.decide import decide_item
from imr.guidelines.variables import CaseDates

D2014 = dt.date(2014, 6, 2)
D2016 = dt.date(2016, 9, 12)
NECK14 = "The 41-year-old female clerk injured her neck on 01/06/2014."
BACK14 = "The 50-year-old male loader injured his low back on 01/06/2014."
NECK16 = "The 41-year-old female clerk injured her neck on 01/04/2016."
BACK16 = "The 50-year-old male loader injured his low back on 01/04/2016."
FI = " with improved function and returned to full duty."

ROWS: list[tuple[str, str, str, str, dt.date, str, str]] = [
    # ---- acupuncture (8 CCR 9792.24.1) ---------------------------------------------------------------------
    (
        "acupuncture first course within 6 vs beyond",
        NECK14 + " She does a home exercise program.",
        NECK14 + " She does a home exercise program.",
        "Acupuncture x 6 for the neck|Acupuncture x 12 for the neck",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "acupuncture extension with vs without functional improvement",
        NECK14 + " She completed 6 sessions of acupuncture" + FI + " She does a home exercise program.",
        NECK14 + " She completed 6 sessions of acupuncture. She does a home exercise program.",
        "Additional acupuncture x 6 for the neck",
        D2014,
        "overturned",
        "upheld",
    ),
    # ---- manipulation, 2009 and 2016 ------------------------------------------------------------------------
    (
        "2009 manipulation of the low back vs of the wrist",
        BACK14,
        BACK14,
        "Chiropractic manipulation x 6 for the lumbar spine|Chiropractic manipulation x 6 for the right wrist",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "2009 manipulation trial of 6 vs 12",
        BACK14,
        BACK14,
        "Chiropractic manipulation x 6 for the lumbar spine|Chiropractic manipulation x 12 for the lumbar spine",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "2009 manipulation continued within 18 vs beyond",
        BACK14 + " He completed 6 sessions of chiropractic treatment" + FI,
        BACK14 + " He completed 16 sessions of chiropractic treatment" + FI,
        "Additional chiropractic x 6 for the lumbar spine",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "2016 manipulation of the low back vs of the knee",
        BACK16,
        BACK16,
        "Chiropractic manipulation x 6 for the lumbar spine|Chiropractic manipulation x 6 for the right knee",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "2016 manipulation trial of 6 vs 12",
        BACK16,
        BACK16,
        "Chiropractic manipulation x 6 for the lumbar spine|Chiropractic manipulation x 12 for the lumbar spine",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "2016 manipulation continued within 18 vs beyond",
        BACK16 + " He completed 6 sessions of chiropractic treatment" + FI,
        BACK16 + " He completed 16 sessions of chiropractic treatment" + FI,
        "Additional chiropractic x 6 for the lumbar spine",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- aquatic therapy ------------------------------------------------------------------------------------
    (
        "2009 aquatic therapy with vs without a reason to reduce weight bearing",
        BACK14 + " He is morbidly obese.",
        BACK14,
        "Aquatic therapy x 8 for the lumbar spine",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "2009 aquatic therapy continued within vs beyond the allowance",
        BACK14 + " He is morbidly obese. He completed 4 sessions of aquatic therapy" + FI,
        BACK14 + " He is morbidly obese. He completed 8 sessions of aquatic therapy" + FI,
        "Additional aquatic therapy x 4 for the lumbar spine",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "2016 aquatic therapy with vs without a reason to reduce weight bearing",
        BACK16 + " He is morbidly obese.",
        BACK16,
        "Aquatic therapy x 8 for the lumbar spine",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "2016 aquatic therapy continued within vs beyond the allowance",
        BACK16 + " He is morbidly obese. He completed 4 sessions of aquatic therapy" + FI,
        BACK16 + " He is morbidly obese. He completed 8 sessions of aquatic therapy" + FI,
        "Additional aquatic therapy x 4 for the lumbar spine",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- TENS -----------------------------------------------------------------------------------------------
    (
        "2009 TENS one-month rental vs purchase without a trial",
        BACK14 + " Diagnosis: lumbar radiculopathy. He failed conservative treatment and does a home exercise program.",
        BACK14 + " Diagnosis: lumbar radiculopathy. He failed conservative treatment and does a home exercise program.",
        "TENS unit rental for one month|TENS unit purchase",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "2016 TENS for neuropathic pain vs for axial strain",
        BACK16 + " Diagnosis: lumbar radiculopathy. He failed conservative treatment and does a home exercise program.",
        BACK16 + " Diagnosis: lumbar strain. He failed conservative treatment and does a home exercise program.",
        "TENS unit rental for one month",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- 2016 physical medicine and massage -----------------------------------------------------------------
    (
        "2016 first course within vs beyond the allowance",
        BACK16 + " Diagnosis: lumbar strain.",
        BACK16 + " Diagnosis: lumbar strain.",
        "Physical therapy x 8 for the lumbar spine|Physical therapy x 12 for the lumbar spine",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "2016 continued therapy with vs without functional improvement",
        NECK16 + " She completed 4 sessions of physical therapy" + FI,
        NECK16 + " She completed 4 sessions of physical therapy.",
        "Additional physical therapy x 4 for the neck",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "2016 massage with vs without an exercise program",
        NECK16 + " She does a home exercise program.",
        NECK16 + " She rests at home.",
        "Massage therapy x 4 for the neck",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- Postsurgical Treatment Guidelines: initial course is half the general course ----------------------
    (
        "PTG discectomy: initial 8 vs 12",
        "The 45-year-old male underwent a lumbar discectomy on 03/01/2014.",
        "The 45-year-old male underwent a lumbar discectomy on 03/01/2014.",
        "Post-op physical therapy x 8 for the lumbar spine|Post-op physical therapy x 12 for the lumbar spine",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "PTG discectomy: subsequent within 16 vs beyond",
        "The 45-year-old male underwent a lumbar discectomy on 03/01/2014. He completed 8 sessions of physical therapy"
        + FI,
        "The 45-year-old male underwent a lumbar discectomy on 03/01/2014. He completed 12 sessions of physical therapy"
        + FI,
        "Additional post-op physical therapy x 6 for the lumbar spine",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "PTG cervical fusion: initial 12 vs 16",
        "The 52-year-old female underwent a cervical fusion on 03/01/2014.",
        "The 52-year-old female underwent a cervical fusion on 03/01/2014.",
        "Post-op physical therapy x 12 for the cervical spine|Post-op physical therapy x 16 for the cervical spine",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "PTG cervical fusion: subsequent within 24 vs beyond",
        "The 52-year-old female underwent a cervical fusion on 03/01/2014. She completed 12 sessions of physical therapy"
        + FI,
        "The 52-year-old female underwent a cervical fusion on 03/01/2014. She completed 16 sessions of physical therapy"
        + FI,
        "Additional post-op physical therapy x 10 for the cervical spine",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "PTG carpal tunnel release: initial 4 vs 8",
        "The 38-year-old female had a carpal tunnel release on 04/01/2014.",
        "The 38-year-old female had a carpal tunnel release on 04/01/2014.",
        "Post-op occupational therapy x 4 for the right hand|Post-op occupational therapy x 8 for the right hand",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "PTG carpal tunnel release: subsequent within 8 vs beyond",
        "The 38-year-old female had a carpal tunnel release on 04/01/2014. She completed 4 sessions of occupational therapy"
        + FI,
        "The 38-year-old female had a carpal tunnel release on 04/01/2014. She completed 6 sessions of occupational therapy"
        + FI,
        "Additional post-op occupational therapy x 4 for the right hand",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "PTG rotator cuff repair: initial 12 vs 24",
        "The 55-year-old male is status post rotator cuff repair on 03/01/2014.",
        "The 55-year-old male is status post rotator cuff repair on 03/01/2014.",
        "Post-op physical therapy x 12 for the right shoulder|Post-op physical therapy x 24 for the right shoulder",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "PTG rotator cuff repair: subsequent within 40 vs beyond",
        "The 55-year-old male is status post rotator cuff repair on 03/01/2014. He completed 20 sessions of physical therapy"
        + FI,
        "The 55-year-old male is status post rotator cuff repair on 03/01/2014. He completed 32 sessions of physical therapy"
        + FI,
        "Additional post-op physical therapy x 12 for the right shoulder",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "PTG meniscectomy: initial 6 vs 10",
        "The 33-year-old male had a meniscectomy of the right knee on 04/01/2014.",
        "The 33-year-old male had a meniscectomy of the right knee on 04/01/2014.",
        "Post-op physical therapy x 6 for the right knee|Post-op physical therapy x 10 for the right knee",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "PTG meniscectomy: subsequent within 12 vs beyond",
        "The 33-year-old male had a meniscectomy of the right knee on 04/01/2014. He completed 6 sessions of physical therapy"
        + FI,
        "The 33-year-old male had a meniscectomy of the right knee on 04/01/2014. He completed 8 sessions of physical therapy"
        + FI,
        "Additional post-op physical therapy x 6 for the right knee",
        D2014,
        "overturned",
        "upheld",
    ),
]


def _decide(summary: str, request: str, day: dt.date) -> str | None:
    item = decide_item(1, request, extract_facts(summary), CaseDates(request_date=day))
    return item.decision.value if item.decision else None


@pytest.mark.parametrize(
    ("name", "before", "after", "requests", "day", "first", "second"), ROWS, ids=[r[0] for r in ROWS]
)
def test_one_fact_changes_the_decision(
    name: str, before: str, after: str, requests: str, day: dt.date, first: str, second: str
) -> None:
    request_before, _, request_after = requests.partition("|")
    assert _decide(before, request_before, day) == first
    assert _decide(after, request_after or request_before, day) == second
