"""Surgery and implanted devices: decisions that change exactly where the guideline says when one fact changes, and
the services of a surgery following it.

Every text here is written for the test; none is a corpus letter. Injury dates sit close to the request date, as
they do in published letters, so that the time the guideline asks for must come from the record.
"""

from __future__ import annotations

import datetime as dt

import pytest

from imr.facts import extract_facts
from imr.guidelines.decide import decide_case, decide_item
from imr.guidelines.variables import CaseDates
from imr.records import CriterionStatus, Decision, DecisionCase
from tests.guidelines.counterfactual import decision_of, requests_before_and_after

D2015 = dt.date(2015, 6, 1)  # CPMTG 2009, ACOEM 2nd edition, ODG
D2016 = dt.date(2016, 12, 1)  # CPMTG 2016, ACOEM 2nd edition, ODG

MAN = "The injured worker is a 62 year old male who sustained an industrial injury on 10/10/2016."
WOMAN = "The injured worker is a 44 year old female who sustained an industrial injury on 10/10/2016."
WORKER15 = "The injured worker is a 52 year old male who sustained an industrial injury on 04/01/2015."
FAILED = (
    " Treatment to date has included physical therapy, NSAIDs and a corticosteroid injection without lasting relief."
)
FBSS = " He has failed back surgery syndrome after an L4-S1 fusion, with persistent low back and leg pain."
TKA = (
    " She has left knee pain with difficulty walking more than one block. Range of motion of the left knee is 5 to 95"
    " degrees. Standing x-rays of the left knee show bone-on-bone medial joint space narrowing with osteophytes."
    " Treatment to date has included physical therapy, a home exercise program, naproxen and a cortisone injection"
    " without lasting relief."
)
TKA_WOMAN = "The injured worker is a 63 year old female who sustained an industrial injury on 10/10/2016." + TKA

# (name, summary before, summary after, "request before|request after", date, outcome before, outcome after)
ROWS: list[tuple[str, str, str, str, dt.date, str | None, str | None]] = [
    # ---- ACOEM: elbow (2007) and hand (ch. 11) ---------------------------------------------------------------------
    (
        "lateral epicondylitis surgery: three kinds of care over ten months vs therapy alone",
        WOMAN + " She has had lateral epicondylitis for the past ten months. Treatment has included physical therapy, a"
        " counterforce brace, naproxen and two corticosteroid injections without lasting relief.",
        WOMAN + " She has had lateral epicondylitis for the past ten months. Treatment has included physical therapy"
        " without lasting relief.",
        "Right lateral epicondylar release",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "cubital tunnel release: nerve conduction shows ulnar neuropathy vs not done",
        MAN + " He has numbness of the ring and small fingers. EMG/NCS showed ulnar neuropathy across the elbow. He"
        " failed conservative treatment with an elbow pad and night splint.",
        MAN + " He has numbness of the ring and small fingers. He failed conservative treatment with an elbow pad and"
        " night splint.",
        "Left cubital tunnel release",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "trigger finger release: triggering persists after injections vs no injection",
        WOMAN + " She has painful triggering of the right middle finger that persists after two corticosteroid"
        " injections.",
        WOMAN + " She has painful triggering of the right middle finger. She has not had a cortisone injection.",
        "Right middle trigger finger release",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "De Quervain's release: persistent pain after an injection vs no injection",
        WOMAN + " She has De Quervain's tenosynovitis. A thumb spica splint and a corticosteroid injection gave only"
        " temporary relief, and she has difficulty gripping at work.",
        WOMAN + " She has De Quervain's tenosynovitis. A thumb spica splint gave only temporary relief, and she has"
        " difficulty gripping at work.",
        "Right De Quervain's release",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- CPMTG: spinal cord stimulators and intrathecal pumps --------------------------------------------------------
    (
        "SCS trial 2016: psychological clearance vs clearance only requested",
        MAN + FBSS + FAILED + " A psychological evaluation cleared him for a spinal cord stimulator trial.",
        MAN + FBSS + FAILED + " A psychological clearance is requested prior to the trial.",
        "Spinal cord stimulator trial",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "SCS trial 2009: failed back surgery syndrome vs axial pain without surgery",
        WORKER15 + FBSS + FAILED + " A psychological evaluation cleared him for a spinal cord stimulator trial.",
        WORKER15 + " He has chronic low back pain." + FAILED + " A psychological evaluation cleared him for a spinal"
        " cord stimulator trial.",
        "Spinal cord stimulator trial",
        D2015,
        "overturned",
        "upheld",
    ),
    (
        "SCS permanent 2016: 70% relief in the trial vs 20%",
        MAN + FBSS + " He underwent a spinal cord stimulator trial with 70% relief, and during the trial he reduced his"
        " Norco use.",
        MAN + FBSS + " He underwent a spinal cord stimulator trial with only 20% relief, and during the trial he"
        " reduced his Norco use.",
        "Permanent spinal cord stimulator implantation",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "SCS permanent 2009: less medication during the trial vs not stated",
        WORKER15 + FBSS + " He underwent a spinal cord stimulator trial with 70% relief, and during the trial he"
        " reduced his Norco use.",
        WORKER15 + FBSS + " He underwent a spinal cord stimulator trial with 70% relief.",
        "Spinal cord stimulator implantation",
        D2015,
        "overturned",
        "upheld",
    ),
    (
        "intrathecal pump trial 2016: no further surgery vs not stated",
        MAN + FBSS + " The pain has been present for the past four years despite opioids, physical therapy and"
        " injections. He is not a candidate for further surgery. A psychological evaluation cleared him for a pump"
        " trial.",
        MAN + FBSS + " The pain has been present for the past four years despite opioids, physical therapy and"
        " injections. A psychological evaluation cleared him for a pump trial.",
        "Intrathecal pump trial",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "intrathecal pump trial 2009: four years of pain vs duration not stated",
        WORKER15 + FBSS + " The pain has been present for the past four years despite opioids, physical therapy and"
        " injections. He is not a candidate for further surgery. A psychological evaluation cleared him for a pump"
        " trial.",
        WORKER15 + FBSS + " The pain persists despite opioids, physical therapy and injections. He is not a candidate"
        " for further surgery. A psychological evaluation cleared him for a pump trial.",
        "Intrathecal pump trial",
        D2015,
        "overturned",
        "upheld",
    ),
    (
        "intrathecal pump permanent 2016: 60% relief in the trial vs 30%",
        MAN + FBSS + " Opioids and physical therapy failed. An intrathecal morphine trial gave 60% relief, and during"
        " the trial he reduced his oral opioid medication.",
        MAN + FBSS + " Opioids and physical therapy failed. An intrathecal morphine trial gave only 30% relief, and"
        " during the trial he reduced his oral opioid medication.",
        "Intrathecal pump implantation",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "intrathecal pump permanent 2009: no contraindication vs an active infection",
        WORKER15 + FBSS + " Opioids and physical therapy failed. An intrathecal morphine trial gave 60% relief, and"
        " during the trial he reduced his oral opioid medication.",
        WORKER15 + FBSS + " Opioids and physical therapy failed. An intrathecal morphine trial gave 60% relief, and"
        " during the trial he reduced his oral opioid medication. He has an active infection of the lumbar wound.",
        "Intrathecal pump implantation",
        D2015,
        "overturned",
        "upheld",
    ),
    # ---- ODG: knee ------------------------------------------------------------------------------------------------
    (
        "chondroplasty: chondral defect on MRI vs no defect",
        MAN + " He has right knee pain and swelling with crepitus. An MRI showed a grade III chondral defect of the"
        " medial femoral condyle." + FAILED,
        MAN + " He has right knee pain and swelling with crepitus. The MRI showed no chondral defect." + FAILED,
        "Right knee arthroscopy with chondroplasty",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "knee debridement: osteoarthritis makes it arthroscopy for osteoarthritis (not recommended)",
        MAN + " He has right knee pain and swelling with crepitus. An MRI showed a grade III chondral defect of the"
        " medial femoral condyle." + FAILED,
        MAN + " He has right knee pain and swelling with crepitus. X-rays show tricompartmental osteoarthritis of the"
        " right knee." + FAILED,
        "Right knee arthroscopic debridement",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "loose body removal: locking vs pain alone",
        MAN + " He reports locking of the left knee. X-rays of the left knee show a loose body." + FAILED,
        MAN + " He reports left knee pain. X-rays of the left knee show a loose body. The knee does not lock or"
        " catch." + FAILED,
        "Left knee arthroscopy, loose body removal",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "lateral release: patellar tilt on imaging vs none",
        WOMAN + " She has anterior knee pain that is worse with stairs. Examination shows lateral patellar tracking."
        " Merchant views show lateral patellar tilt." + FAILED,
        WOMAN + " She has anterior knee pain that is worse with stairs. Examination shows lateral patellar tracking."
        " Merchant views show no patellar tilt." + FAILED,
        "Right knee lateral retinacular release",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "synovectomy: rheumatoid synovitis vs knee pain only",
        WOMAN + " She has rheumatoid arthritis with chronic synovitis of the left knee." + FAILED,
        WOMAN + " She has left knee pain." + FAILED,
        "Left knee arthroscopic synovectomy",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "diagnostic arthroscopy: inconclusive MRI vs no imaging",
        MAN + " He has medial knee pain and difficulty squatting. An MRI of the right knee was unremarkable." + FAILED,
        MAN + " He has medial knee pain and difficulty squatting." + FAILED,
        "Right knee diagnostic arthroscopy",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "knee MUA: flexion 75 degrees vs 110 degrees",
        TKA_WOMAN + " She underwent a total knee replacement and developed stiffness of the knee; flexion is limited to"
        " 75 degrees despite postoperative physical therapy.",
        TKA_WOMAN + " She underwent a total knee replacement and developed stiffness of the knee; flexion is 110"
        " degrees despite postoperative physical therapy.",
        "Left knee manipulation under anesthesia",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "knee replacement: BMI 31 vs BMI 44",
        TKA_WOMAN + " BMI 31.",
        TKA_WOMAN + " BMI 44.",
        "Left total knee arthroplasty",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "knee replacement: over 50 vs 44 years old",
        TKA_WOMAN + " BMI 31.",
        WOMAN + TKA + " BMI 31.",
        "Left total knee arthroplasty",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- ODG: hip ---------------------------------------------------------------------------------------------------
    (
        "hip replacement: severe osteoarthritis vs mild degenerative changes",
        MAN + " He has right groin pain with decreased internal rotation and difficulty walking. BMI 29. X-rays of the"
        " right hip show severe osteoarthritis." + FAILED,
        MAN + " He has right groin pain with decreased internal rotation and difficulty walking. BMI 29. X-rays of the"
        " right hip show mild degenerative changes." + FAILED,
        "Right total hip arthroplasty",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "hip arthroscopy: labral tear on MR arthrogram vs none",
        WOMAN + " She has groin pain with a positive FADIR test. An MR arthrogram of the right hip showed a labral"
        " tear." + FAILED,
        WOMAN + " She has groin pain with a positive FADIR test. An MR arthrogram of the right hip showed no labral"
        " tear." + FAILED,
        "Right hip arthroscopy with labral repair",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- ODG: shoulder ----------------------------------------------------------------------------------------------
    (
        "shoulder replacement: glenohumeral arthritis vs no degenerative changes",
        MAN
        + " He has decreased range of motion of the right shoulder. X-rays show severe glenohumeral osteoarthritis."
        + FAILED,
        MAN + " He has decreased range of motion of the right shoulder. X-rays show no degenerative changes." + FAILED,
        "Right total shoulder arthroplasty",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "distal clavicle excision: AC joint tenderness vs not examined",
        MAN
        + " He has tenderness over the AC joint. MRI of the left shoulder showed acromioclavicular joint arthrosis."
        + FAILED,
        MAN + " MRI of the left shoulder showed acromioclavicular joint arthrosis." + FAILED,
        "Left shoulder distal clavicle excision",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "adhesive capsulitis: four months of care with abduction 70 degrees vs 160 degrees",
        WOMAN + " She has had adhesive capsulitis of the left shoulder for four months. Abduction is limited to 70"
        " degrees." + FAILED,
        WOMAN
        + " She has had adhesive capsulitis of the left shoulder for four months. Abduction to 160 degrees."
        + FAILED,
        "Left shoulder manipulation under anesthesia",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- ODG: wrist -------------------------------------------------------------------------------------------------
    (
        "ganglion excision: aspirated and recurred vs nothing tried",
        WOMAN + " She has a painful dorsal wrist ganglion that limits wrist extension. The cyst was aspirated and"
        " recurred.",
        WOMAN + " She has a painful dorsal wrist ganglion that limits wrist extension.",
        "Right wrist ganglion cyst excision",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "wrist arthroscopy: TFCC tear on MR arthrogram vs no imaging",
        MAN + " He has ulnar-sided wrist pain. An MR arthrogram of the right wrist showed a TFCC tear." + FAILED,
        MAN + " He has ulnar-sided wrist pain." + FAILED,
        "Right wrist arthroscopy with TFCC debridement",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- ODG: spine -------------------------------------------------------------------------------------------------
    (
        "kyphoplasty: compression fracture on MRI vs no fracture; vertebroplasty is not recommended",
        MAN + " MRI showed an acute T12 compression fracture. He has severe back pain rated 9/10 despite a brace and"
        " hydrocodone.",
        MAN + " MRI showed an acute T12 compression fracture. He has severe back pain rated 9/10 despite a brace and"
        " hydrocodone.",
        "T12 kyphoplasty|T12 vertebroplasty",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "disc prosthesis: cervical with radiculopathy vs lumbar (not recommended)",
        WOMAN + " She has left arm pain with weakness of the left biceps. MRI of the cervical spine showed a C5-6 disc"
        " herniation compressing the left C6 nerve root." + FAILED,
        WOMAN + " She has left arm pain with weakness of the left biceps. MRI of the cervical spine showed a C5-6 disc"
        " herniation compressing the left C6 nerve root." + FAILED,
        "C5-6 total disc arthroplasty|L5-S1 artificial disc replacement",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "hardware removal: broken screw vs hardware intact",
        MAN + " He had a lumbar fusion and has persistent back pain. CT showed a broken left L5 pedicle screw.",
        MAN + " He had a lumbar fusion and has persistent back pain. CT showed the hardware intact and in good"
        " position.",
        "Lumbar hardware removal L4-S1",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- ODG: ankle and foot ----------------------------------------------------------------------------------------
    (
        "lateral ankle ligament reconstruction: positive anterior drawer vs stable",
        WOMAN + " She has recurrent ankle sprains and a positive anterior drawer. MRI of the left ankle showed a tear"
        " of the anterior talofibular ligament." + FAILED,
        WOMAN
        + " She has ankle pain. MRI of the left ankle showed a tear of the anterior talofibular ligament."
        + FAILED,
        "Left ankle Brostrom repair",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "ankle arthroscopy: osteochondral lesion on MRI vs no imaging",
        MAN + " MRI of the right ankle showed an osteochondral lesion of the talar dome." + FAILED,
        MAN + " He has right ankle pain." + FAILED,
        "Right ankle arthroscopy with debridement",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "ankle fusion: post-traumatic arthritis vs no degenerative changes",
        MAN + " He has difficulty walking. X-rays of the right ankle show severe post-traumatic arthritis." + FAILED,
        MAN + " He has difficulty walking. X-rays of the right ankle show no degenerative changes." + FAILED,
        "Right ankle fusion",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "plantar fascia release: ten months of care vs six weeks",
        WOMAN + " She has had plantar fasciitis for the past ten months despite stretching, orthotics and injections.",
        WOMAN + " She has had plantar fasciitis for six weeks despite stretching, orthotics and injections.",
        "Right plantar fascia release",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "Morton's neuroma excision: failed pads and an injection vs nothing tried",
        WOMAN + " She has a Morton's neuroma. Metatarsal pads and a corticosteroid injection gave only temporary"
        " relief.",
        WOMAN + " She has a Morton's neuroma.",
        "Left foot Morton's neuroma excision",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "tarsal tunnel release: confirmed by EMG/NCS vs not studied",
        MAN + " There is a positive Tinel's sign over the tarsal tunnel. EMG/NCS showed tarsal tunnel syndrome."
        " Orthotics failed to relieve his symptoms.",
        MAN + " There is a positive Tinel's sign over the tarsal tunnel. Orthotics failed to relieve his symptoms.",
        "Right tarsal tunnel release",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "bunionectomy: hallux valgus on x-ray vs no x-ray",
        WOMAN + " She has a painful bunion. X-rays show hallux valgus. Wider shoes failed to relieve her pain.",
        WOMAN + " She has a painful bunion. Wider shoes failed to relieve her pain.",
        "Right bunionectomy",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "Achilles repair: rupture vs negative Thompson test",
        MAN + " MRI showed a complete rupture of the right Achilles tendon.",
        MAN + " He has Achilles tendinitis. The Thompson test is negative.",
        "Right Achilles tendon repair",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- ODG: hernia ------------------------------------------------------------------------------------------------
    (
        "hernia repair: painful inguinal hernia vs none palpated",
        MAN + " He has right groin pain with a bulge. Examination revealed a reducible right inguinal hernia.",
        MAN + " He has groin pain. No hernia was palpated.",
        "Right inguinal hernia repair with mesh",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- spine and knee surgery in published-letter form (injury date close to the request) ------------------------
    (
        "lumbar discectomy: failed conservative care shows the month of limitation vs no care documented",
        MAN + " He has right leg pain with decreased sensation in the L5 dermatome. MRI showed an L4-5 disc protrusion"
        " compressing the right L5 nerve root." + FAILED,
        MAN + " He has right leg pain with decreased sensation in the L5 dermatome. MRI showed an L4-5 disc protrusion"
        " compressing the right L5 nerve root.",
        "Right L4-5 microdiscectomy",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "meniscectomy: report phrasing 'tear of the posterior horn of the medial meniscus' vs no tear",
        MAN + " He has locking. MRI revealed a complex tear of the posterior horn of the medial meniscus." + FAILED,
        MAN + " He has locking. MRI revealed no tear of the medial meniscus." + FAILED,
        "Right knee arthroscopy with partial medial meniscectomy",
        D2016,
        "overturned",
        "upheld",
    ),
]


@pytest.mark.parametrize(
    ("name", "before", "after", "requests", "date", "first", "second"), ROWS, ids=[r[0] for r in ROWS]
)
def test_one_fact_changes_the_decision(
    name: str, before: str, after: str, requests: str, date: dt.date, first: str | None, second: str | None
) -> None:
    request_before, request_after = requests_before_and_after(requests)
    assert decision_of(before, request_before, date) == first
    assert decision_of(after, request_after, date) == second


# ---------------------------------------------------------------------------------------------------------------
# The services that go with a surgery follow it


KNEE_ITEMS = (
    "Left total knee arthroplasty",
    "Preoperative medical clearance",
    "Assistant surgeon",
    "Post-op physical therapy 3x4 for the left knee",
)


@pytest.mark.parametrize(
    ("summary", "surgery_decision", "link"),
    [
        (TKA_WOMAN + " BMI 31.", Decision.OVERTURNED, CriterionStatus.MET),
        (TKA_WOMAN, Decision.UPHELD, CriterionStatus.UNMET),  # no body mass index
    ],
)
def test_the_services_of_a_knee_replacement_follow_it(
    summary: str, surgery_decision: Decision, link: CriterionStatus
) -> None:
    case = DecisionCase(summary=summary, requests=KNEE_ITEMS, request_date=D2016)
    surgery, clearance, assistant, therapy = decide_case(case).items
    assert (surgery.decision, surgery.rule_ids) == (surgery_decision, ("odg.knee.arthroplasty",))
    for service in (clearance, assistant, therapy):
        assert service.decision is surgery_decision, service.rule_ids
        assert next(c.status for c in service.criteria if c.id == "surgery-certified") is link


def test_an_undocumented_surgery_takes_its_assistant_surgeon_with_it() -> None:
    requests = ("Right L4-5 microdiscectomy", "Assistant surgeon")
    summary = MAN + " He has right leg pain with decreased sensation in the L5 dermatome." + FAILED
    surgery, assistant = decide_case(DecisionCase(summary=summary, requests=requests, request_date=D2016)).items
    assert surgery.decision is Decision.UPHELD
    assert "No imaging showing a lesion" in surgery.rationale
    assert assistant.decision is Decision.UPHELD


@pytest.mark.parametrize(
    ("request_text", "rule_id"),
    [
        ("Right knee arthroscopy with chondroplasty", "odg.knee.chondroplasty"),
        (
            "Right knee arthroscopy with partial medial meniscectomy and chondroplasty",
            "acoem-ch13-2004.surgery.meniscectomy",
        ),
        (
            "Left shoulder arthroscopic capsular release and manipulation under anesthesia",
            "odg.shoulder.adhesive-capsulitis",
        ),
        (
            "Right shoulder arthroscopic subacromial decompression, distal clavicle resection",
            "acoem-ch9-2004.surgery.decompression",
        ),
        ("Right shoulder distal clavicle excision", "odg.shoulder.partial-claviculectomy"),
        ("Right ankle fusion", "odg.ankle.fusion"),
        ("Removal of hardware, right ankle", "odg.hardware-removal"),
        ("Revision lumbar fusion L4-5", "acoem-ch12-2004.surgery.fusion"),
    ],
)
def test_each_surgery_reaches_its_guideline(request_text: str, rule_id: str) -> None:
    item = decide_item(1, request_text, extract_facts(MAN), CaseDates(request_date=D2016))
    assert item.rule_ids == (rule_id,)
