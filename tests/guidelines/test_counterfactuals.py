"""Change one fact, and the decision changes exactly where the guideline says it should.

Each row holds a base record and the same record with one fact changed; the outcome must move from the first
expected value to the second. Rules state guideline criteria, so none of these texts is a known letter.
"""

from __future__ import annotations

import datetime as dt

import pytest

from imr.facts import extract_facts
from imr.guidelines.decide import decide_item
from imr.guidelines.variables import CaseDates
from tests.guidelines.counterfactual import decision_of, requests_before_and_after

D2014 = dt.date(2014, 6, 2)  # CPMTG 2009 and ACOEM 2nd edition in force
NECK = "The 41-year-old female clerk injured her neck on 01/06/2014."
BACK = "The 50-year-old male loader injured his low back on 01/06/2014."
KNEE = "The 36-year-old male installer twisted his right knee on 01/06/2014."
SHOULDER = "The 55-year-old female stocker injured her right shoulder on 01/06/2014."
# a course of conservative care that names what was tried (ACOEM imaging criteria: a failed course of care)
FAILED_CARE = " He failed conservative treatment with physical therapy and NSAIDs."
SHOULDER_CARE = " She failed conservative treatment with physical therapy and a home exercise program."
SHOULDER_PLAN = (
    " Her pain is persistent despite conservative treatment with ibuprofen. She was referred to an orthopedic surgeon."
)
KNEE_CARE = " He failed conservative treatment with physical therapy and NSAIDs."
LEFT_FOOT = (
    " He reports tingling in the left foot. Examination shows decreased sensation over the dorsum of the left foot."
    " He takes ibuprofen."
)

ROWS: list[tuple[str, str, str, str, str, str]] = [
    # ---- physical medicine, a first course (CPMTG pp. 98-99) ---------------------------------------------
    (
        "initial course within allowance vs beyond it",
        BACK + " Diagnosis: lumbar strain.",
        BACK + " Diagnosis: lumbar strain.",
        "Physical therapy 2x4 for the lumbar spine|Physical therapy 3x4 for the lumbar spine",
        "overturned",
        "upheld",
    ),
    (
        "initial course vs the same after 28 prior sessions",
        BACK + " Diagnosis: lumbar strain.",
        BACK + " Diagnosis: lumbar strain. He has had 28 prior sessions of physical therapy.",
        "Physical therapy x 8 for the lumbar spine",
        "overturned",
        "upheld",
    ),
    (
        "radiculitis allowance 10: 10 requested vs 12",
        BACK + " Diagnosis: lumbar radiculopathy.",
        BACK + " Diagnosis: lumbar radiculopathy.",
        "Physical therapy x 10 for the lumbar spine|Physical therapy x 12 for the lumbar spine",
        "overturned",
        "upheld",
    ),
    (
        "CRPS allowance 24 vs myalgia allowance 10 for 16 visits",
        NECK + " Diagnosis: complex regional pain syndrome of the right arm.",
        NECK + " Diagnosis: myofascial pain of the neck.",
        "Physical therapy x 16 for the right upper extremity",
        "overturned",
        "upheld",
    ),
    (
        "open-ended request has no count",
        BACK + " Diagnosis: lumbar strain.",
        BACK + " Diagnosis: lumbar strain.",
        "Physical therapy x 6 for the lumbar spine|Physical therapy for the lumbar spine",
        "overturned",
        "upheld",
    ),
    # ---- physical medicine, continued care (CPMTG p. 8, pp. 98-99) ---------------------------------------
    (
        "documented functional improvement within the allowance vs none documented",
        NECK + " She completed 4 sessions of physical therapy with improved function and returned to full duty.",
        NECK + " She completed 4 sessions of physical therapy.",
        "Additional physical therapy x 4 for the neck",
        "overturned",
        "upheld",
    ),
    (
        "functional improvement vs off work on temporary total disability",
        NECK + " She completed 4 sessions of physical therapy with improved function.",
        NECK
        + " She completed 4 sessions of physical therapy with improved function. She remains off work on temporary total disability.",
        "Additional physical therapy x 4 for the neck",
        "overturned",
        "upheld",
    ),
    (
        "functional improvement, total within vs over the allowance",
        NECK + " She completed 4 sessions of physical therapy with improved function.",
        NECK + " She completed 8 sessions of physical therapy with improved function.",
        "Additional physical therapy x 4 for the neck",
        "overturned",
        "upheld",
    ),
    (
        "prior count known vs unknown",
        NECK + " She completed 4 sessions of physical therapy with improved function.",
        NECK + " She had physical therapy with improved function.",
        "Additional physical therapy x 4 for the neck",
        "overturned",
        "upheld",
    ),
    (
        "plateau stated vs improvement stated",
        NECK + " She completed 4 sessions of physical therapy, which were helpful.",
        NECK + " She completed 4 sessions of physical therapy and has plateaued.",
        "Additional physical therapy x 4 for the neck",
        "overturned",
        "upheld",
    ),
    (
        "negated functional improvement",
        NECK + " She completed 4 sessions of physical therapy with functional improvement.",
        NECK + " She completed 4 sessions of physical therapy with no functional improvement.",
        "Additional physical therapy x 4 for the neck",
        "overturned",
        "upheld",
    ),
    (
        "flare-up justifies a renewed course vs no flare-up",
        NECK
        + " She completed 12 sessions of physical therapy in 2014 with improved function and returned to full duty. She now has a flare-up of neck pain.",
        NECK
        + " She completed 12 sessions of physical therapy in 2014 with improved function and returned to full duty.",
        "Additional physical therapy x 6 for the neck",
        "overturned",
        "upheld",
    ),
    (
        "occupational therapy shares the physical therapy allowance",
        NECK + " She completed 4 sessions of occupational therapy with improved function.",
        NECK + " She completed 9 sessions of occupational therapy with improved function.",
        "Additional occupational therapy x 4 for the right wrist",
        "overturned",
        "upheld",
    ),
    # ---- massage (CPMTG p. 60) ---------------------------------------------------------------------------
    (
        "massage as an adjunct to a home exercise program vs no exercise program",
        NECK + " She does a home exercise program.",
        NECK + " She rests at home.",
        "Massage therapy x 4 for the neck",
        "overturned",
        "upheld",
    ),
    (
        "massage within 6 vs beyond after prior massage",
        NECK + " She does a home exercise program.",
        NECK + " She does a home exercise program and had 6 prior sessions of massage therapy.",
        "Massage therapy x 4 for the neck",
        "overturned",
        "upheld",
    ),
    (
        "massage 6 vs 8 visits",
        NECK + " She does a home exercise program.",
        NECK + " She does a home exercise program.",
        "Massage therapy x 6 for the neck|Massage therapy x 8 for the neck",
        "overturned",
        "upheld",
    ),
    # ---- lumbar imaging (ACOEM ch. 12 pp. 303-305) -------------------------------------------------------
    (
        "lumbar MRI: red flag vs none",
        BACK + " He reports new bowel incontinence.",
        BACK + " No red flags.",
        "MRI of the lumbar spine",
        "overturned",
        "upheld",
    ),
    (
        "lumbar MRI: nerve compromise with failed care and surgery vs normal neurological exam",
        BACK
        + " Exam shows 4/5 strength of the left ankle dorsiflexors."
        + FAILED_CARE
        + " He is a surgical candidate.",
        BACK + " Neurologically intact." + FAILED_CARE + " He is a surgical candidate.",
        "MRI of the lumbar spine",
        "overturned",
        "upheld",
    ),
    (
        "lumbar MRI: surgery considered vs not discussed",
        BACK
        + " Exam shows 4/5 strength of the left ankle dorsiflexors."
        + FAILED_CARE
        + " He is a surgical candidate.",
        BACK + " Exam shows 4/5 strength of the left ankle dorsiflexors." + FAILED_CARE,
        "MRI of the lumbar spine",
        "overturned",
        "upheld",
    ),
    (
        "lumbar MRI: failed conservative care vs not documented",
        BACK + " Exam shows decreased sensation in the L5 dermatome." + FAILED_CARE + " He is a surgical candidate.",
        BACK + " Exam shows decreased sensation in the L5 dermatome. He is a surgical candidate.",
        "MRI of the lumbar spine",
        "overturned",
        "upheld",
    ),
    # ---- cervical imaging (ACOEM ch. 8 pp. 177-179) ------------------------------------------------------
    (
        "cervical MRI: objective weakness vs intact exam, symptoms persisting after therapy",
        NECK + " Exam shows weakness of the right biceps. She continues to have arm pain despite physical therapy.",
        NECK + " Neurologically intact. She continues to have arm pain despite physical therapy.",
        "MRI of the cervical spine",
        "overturned",
        "upheld",
    ),
    (
        "cervical MRI: nerve findings persisting after care before a planned injection vs the planned injection alone",
        NECK
        + " Exam shows decreased sensation in the C6 dermatome. She continues to have arm pain despite physical therapy."
        + " An epidural steroid injection is planned.",
        NECK + " An epidural steroid injection is planned.",
        "MRI of the cervical spine",
        "overturned",
        "upheld",
    ),
    (
        "cervical MRI: red flag vs a provocative test alone",
        NECK + " There is concern for a fracture.",
        NECK + " Spurling's test is positive on the right.",
        "MRI of the cervical spine",
        "overturned",
        "upheld",
    ),
    # ---- shoulder imaging (ACOEM ch. 9 pp. 207-209) ------------------------------------------------------
    (
        "shoulder MRI after failed conservative care vs in the first weeks",
        SHOULDER + SHOULDER_CARE,
        "The 55-year-old female stocker injured her right shoulder on 05/20/2014." + SHOULDER_CARE,
        "MRI of the right shoulder",
        "overturned",
        "upheld",
    ),
    (
        "shoulder MRI: weakness vs full strength",
        SHOULDER + " There is 3/5 strength on abduction." + SHOULDER_PLAN,
        SHOULDER + " She has pain with overhead reaching." + SHOULDER_PLAN,
        "MRI of the right shoulder",
        "overturned",
        "upheld",
    ),
    # ---- knee imaging (ACOEM ch. 13 pp. 341-343) ---------------------------------------------------------
    (
        "knee MRI: suspected tear after failed care vs no derangement",
        KNEE + " He has locking." + KNEE_CARE + " Arthroscopy is being considered.",
        KNEE + " He has knee pain." + KNEE_CARE + " Arthroscopy is being considered.",
        "MRI of the right knee",
        "overturned",
        "upheld",
    ),
    (
        "knee MRI: suspected tear with surgery considered vs not",
        KNEE + " A meniscus tear is suspected and he is a surgical candidate." + KNEE_CARE,
        KNEE + " A meniscus tear is suspected." + KNEE_CARE,
        "MRI of the right knee",
        "overturned",
        "upheld",
    ),
    # ---- electrodiagnostics (ACOEM ch. 8 p. 178, ch. 12 p. 303) ------------------------------------------
    (
        "upper EMG/NCS: radiating numbness with a positive Spurling's test vs axial pain only",
        NECK
        + " She reports numbness radiating to both hands. Spurling's test is positive. She has had physical therapy.",
        NECK + " She reports axial neck pain. Sensation intact. She has had physical therapy.",
        "EMG/NCS of the bilateral upper extremities",
        "overturned",
        "upheld",
    ),
    (
        "lower EMG: symptoms for months vs only days",
        BACK + LEFT_FOOT,
        "The 50-year-old male loader injured his low back on 05/28/2014." + LEFT_FOOT,
        "EMG of the left lower extremity",
        "overturned",
        "upheld",
    ),
    (
        "lower NCS: suspected peripheral neuropathy with reduced ankle reflexes vs normal exam and no symptoms",
        BACK
        + " He reports numbness of both feet; peripheral neuropathy is suspected. Exam shows diminished reflexes at both"
        + " ankles. He has had physical therapy.",
        BACK + " He has low back pain only. Normal neurological examination. He has had physical therapy.",
        "NCS of the bilateral lower extremities",
        "overturned",
        "upheld",
    ),
]


@pytest.mark.parametrize(("name", "before", "after", "requests", "first", "second"), ROWS, ids=[r[0] for r in ROWS])
def test_one_fact_changes_the_decision(
    name: str, before: str, after: str, requests: str, first: str, second: str
) -> None:
    request_before, request_after = requests_before_and_after(requests)
    assert decision_of(before, request_before, D2014) == first
    assert decision_of(after, request_after, D2014) == second


def test_there_are_at_least_thirty_counterfactuals() -> None:
    assert len(ROWS) >= 30


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("", "upheld"),
        (" He was told to go to the emergency room if he develops bowel or bladder incontinence.", "upheld"),
        (" He should return if he develops fever.", "upheld"),
        (" X-rays were obtained to rule out fracture.", "upheld"),
        (" There is concern for a fracture.", "overturned"),
    ],
)
def test_only_a_suspected_red_flag_counts_not_a_warning_or_a_rule_out(sentence: str, expected: str) -> None:
    summary = (
        "The 45-year-old male injured his low back on 01/06/2015. He has low back pain. The neurological examination"
        " is normal." + sentence
    )
    item = decide_item(
        1, "MRI of the lumbar spine", extract_facts(summary), CaseDates(request_date=dt.date(2015, 6, 1))
    )
    assert item.decision is not None and item.decision.value == expected


def test_a_conditional_suspicion_is_no_red_flag() -> None:
    summary = (
        "The 45-year-old male injured his low back on 01/06/2015. He has low back pain. The neurological examination"
        " is normal. He was told to go to the ER if there is concern for cauda equina syndrome."
    )
    item = decide_item(
        1, "MRI of the lumbar spine", extract_facts(summary), CaseDates(request_date=dt.date(2015, 6, 1))
    )
    assert item.decision is not None and item.decision.value == "upheld"


def test_the_drug_list_is_named_only_for_a_drug() -> None:
    facts = extract_facts("The 45-year-old male has chronic low back pain 6/10.")
    for request, named in (
        ("Norco 10/325mg #90", True),
        ("Theramine #120", False),
        ("Medication management visit", False),
    ):
        reason = decide_item(1, request, facts, CaseDates(request_date=dt.date(2018, 3, 1))).undecided_reason or ""
        assert ("MTUS Drug List" in reason) is named, request
