"""Injections, surgery and its services, equipment and home health: the provider's variables, and decisions that
change exactly where the guideline says when one fact changes.

Every text here is written for the test; none is a corpus letter.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest
import spacy
import yaml

from imr.facts import extract_facts
from imr.guidelines.decide import decide_case
from imr.guidelines.registry import compute_variables
from imr.guidelines.variables import CaseDates, ItemContext, Variable
from imr.records import CriterionStatus, Decision, DecisionCase
from imr.requests import parse_request
from tests.guidelines.counterfactual import decision_and_rules, decision_of, requests_before_and_after

D2014 = dt.date(2014, 6, 2)  # CPMTG 2009, ACOEM 2nd edition, ODG
D2016 = dt.date(2016, 12, 1)  # CPMTG 2016, ACOEM 2nd edition, ODG

BACK = "The 45-year-old male injured his low back on 01/06/2014."
BACK16 = "The 45-year-old male injured his low back on 03/02/2016."
NECK = "The 39-year-old female injured her neck on 01/06/2014."
SHOULDER = "The 24-year-old male injured his left shoulder on 01/06/2014."
KNEE = "The 44-year-old male injured his right knee on 01/06/2014."
WRIST = "The 50-year-old female injured her left wrist on 01/06/2014."
RADICULAR = (
    " He has leg pain with diminished reflexes at the left ankle. He failed conservative treatment with physical therapy."
    " He continues a home exercise program."
)
MRI_ROOT = " An MRI showed an L5-S1 disc herniation compressing the left S1 nerve root."
HEP = " He continues a home exercise program."
MYOFASCIAL = (
    " He has myofascial pain with trigger points showing a twitch response and referred pain on palpation."
    " Stretching, physical therapy, NSAIDs and muscle relaxants failed to improve his symptoms."
)
HOMEBOUND = " He is confined to the home and cannot leave it without a walker and the help of another person."
PERSONAL_CARE = " He needs help with bathing and transfers."
WOUND = " The surgical wound is draining and needs dressing changes."
OA_KNEE = (
    " X-rays show medial joint space narrowing with osteophytes. Knee pain limits his walking."
    " He failed conservative treatment with physical therapy."
)

# (name, summary before, summary after, "request before|request after", date, outcome before, outcome after)
ROWS: list[tuple[str, str, str, str, dt.date, str | None, str | None]] = [
    (
        "medial branch blocks 2016: no prior spinal injections vs facet injections given before",
        "The injured worker is a 57 year old male who sustained an industrial injury on 06-15-2015 to his low back. He has lumbar facet arthropathy at L4-5 and L5-S1, with axial low back pain worse with extension, without radiation to the legs. Examination shows tenderness over the facets, pain with facet loading, a negative straight leg raise and an intact neurological examination. Over more than 12 months he completed 18 sessions of physical therapy, continues a home exercise program and has used naproxen, with persistent pain. He has had no prior spinal injections.",
        "The injured worker is a 57 year old male who sustained an industrial injury on 06-15-2015 to his low back. He has lumbar facet arthropathy at L4-5 and L5-S1, with axial low back pain worse with extension, without radiation to the legs. Examination shows tenderness over the facets, pain with facet loading, a negative straight leg raise and an intact neurological examination. Over more than 12 months he completed 18 sessions of physical therapy, continues a home exercise program and has used naproxen, with persistent pain. He had facet injections in 2015.",
        "Diagnostic bilateral L4-5 and L5-S1 medial branch blocks",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "radiofrequency ablation: diagnostic blocks produced 85% relief vs 30%",
        "The injured worker is a 60 year old female who sustained an industrial injury on 01-06-2014 to her low back. She has chronic axial low back pain from lumbar facet syndrome, no radicular complaints and an intact neurological examination. She failed physical therapy, a home exercise program and NSAIDs. Diagnostic bilateral L4 and L5 medial branch blocks on 09-13-2016 produced 85 percent pain relief for three hours. She has not had a radiofrequency procedure before, and the plan is to advance a core stabilization home program after the procedure.",
        "The injured worker is a 60 year old female who sustained an industrial injury on 01-06-2014 to her low back. She has chronic axial low back pain from lumbar facet syndrome, no radicular complaints and an intact neurological examination. She failed physical therapy, a home exercise program and NSAIDs. Diagnostic bilateral L4 and L5 medial branch blocks on 09-13-2016 produced 30 percent pain relief for three hours. She has not had a radiofrequency procedure before, and the plan is to advance a core stabilization home program after the procedure.",
        "Bilateral L4-5 and L5-S1 radiofrequency ablation",
        D2016,
        "overturned",
        "upheld",
    ),
    # ---- epidural steroid injections (CPMTG 2009 p. 46; 2016 "Epidural steroid injections (ESIs)") ------------
    (
        "ESI 2016: MRI shows root compression vs an MRI only requested",
        BACK16 + RADICULAR + MRI_ROOT,
        BACK16 + RADICULAR + " An MRI has been requested.",
        "Left L5-S1 transforaminal epidural steroid injection",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "ESI 2016 repeat: 60% relief for eight weeks vs 30% for two weeks",
        BACK16
        + RADICULAR
        + MRI_ROOT
        + " He had an L5-S1 epidural steroid injection on 06/01/2016 with 60% relief for eight weeks and improved function.",
        BACK16
        + RADICULAR
        + MRI_ROOT
        + " He had an L5-S1 epidural steroid injection on 06/01/2016 with 30% relief for two weeks and improved function.",
        "Repeat left L5-S1 epidural steroid injection",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "ESI 2009: EMG shows radiculopathy vs EMG negative for radiculopathy",
        BACK + RADICULAR + " An EMG showed a left S1 radiculopathy.",
        BACK + RADICULAR + " An EMG was negative for radiculopathy.",
        "Left L5-S1 epidural steroid injection",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "ESI 2009: two levels vs three",
        BACK + RADICULAR + MRI_ROOT,
        BACK + RADICULAR + MRI_ROOT,
        "Left L4-5 and L5-S1 transforaminal epidural steroid injection|Left L3-4, L4-5 and L5-S1 transforaminal epidural steroid injection",
        D2014,
        "overturned",
        "upheld",
    ),
    # ---- facet injections and neurotomy ------------------------------------------------------------------------
    (
        "CPMTG 2016 facet blocks: axial pain vs radicular pain",
        BACK16 + " He has axial low back pain. He has had no prior facet injections." + HEP,
        BACK16 + " He has low back pain radiating to the left leg. He has had no prior facet injections." + HEP,
        "Lumbar facet joint injections L4-5, L5-S1",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "CPMTG 2016 facet blocks: none before vs a set already given",
        BACK16 + " He has axial low back pain. He has had no prior facet injections." + HEP,
        BACK16 + " He has axial low back pain. He had bilateral L4-5 facet injections on 05/01/2016." + HEP,
        "Lumbar facet joint injections L4-5, L5-S1",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "facet injection: chronic pain (CPMTG) vs acute pain (ACOEM Table 12-8)",
        BACK16 + " He has axial low back pain. He has had no prior facet injections." + HEP,
        "The 45-year-old male injured his low back on 10/20/2016. He has axial low back pain. He has had no prior facet injections."
        + HEP,
        "Lumbar facet joint injections L4-5, L5-S1",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "ODG facet injection (2014, chronic): with a home exercise program vs none documented",
        "The 45-year-old male injured his low back on 01/06/2013. He has axial low back pain. He has had no prior facet"
        " injections. He failed conservative treatment with physical therapy and continues a home exercise program.",
        "The 45-year-old male injured his low back on 01/06/2013. He has axial low back pain. He has had no prior facet"
        " injections. He failed conservative treatment.",
        "Lumbar facet joint injections L4-5, L5-S1",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "radiofrequency neurotomy: medial branch blocks with 80% vs 40% relief",
        BACK + " He had bilateral L4-5 medial branch blocks on 03/10/2014 with 80% relief.",
        BACK + " He had bilateral L4-5 medial branch blocks on 03/10/2014 with 40% relief.",
        "Radiofrequency ablation bilateral L4-5",
        D2014,
        "overturned",
        "upheld",
    ),
    # ---- trigger point injections ------------------------------------------------------------------------------
    (
        "TPI 2016: twitch response and referred pain vs tender points only",
        BACK16 + MYOFASCIAL + " There are no radicular symptoms.",
        BACK16
        + " He has low back pain with tender points. Stretching, physical therapy, NSAIDs and muscle relaxants failed"
        " to improve his symptoms. There are no radicular symptoms.",
        "Trigger point injections x 3 to the lumbar paraspinals",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "TPI 2009: no radicular symptoms vs pain radiating to the leg",
        "The 45-year-old male injured his low back on 09/02/2013." + MYOFASCIAL + " There are no radicular symptoms.",
        "The 45-year-old male injured his low back on 09/02/2013."
        + MYOFASCIAL
        + " He has pain radiating to the left leg.",
        "Trigger point injections x 4 to the lumbar paraspinals",
        D2014,
        "overturned",
        "upheld",
    ),
    # ---- home health services --------------------------------------------------------------------------------
    (
        "home health 2016: homebound vs admitted to inpatient rehabilitation",
        "The 63-year-old male injured his right knee on 09/01/2016." + HOMEBOUND + " He needs help with bathing.",
        "The 63-year-old male injured his right knee on 09/01/2016. He will be admitted to inpatient rehabilitation."
        " He needs help with bathing.",
        "Home health aide 4 hours per day, 5 days a week for 4 weeks for bathing and transfers",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "home health 2016: four weeks vs twelve weeks without an in-home evaluation",
        "The 63-year-old male injured his right knee on 09/01/2016." + HOMEBOUND + PERSONAL_CARE,
        "The 63-year-old male injured his right knee on 09/01/2016." + HOMEBOUND + PERSONAL_CARE,
        "Home health aide 4 hours per day, 5 days a week for 4 weeks for bathing and transfers"
        "|Home health aide 4 hours per day, 5 days a week for 12 weeks for bathing and transfers",
        D2016,
        "overturned",
        "upheld",
    ),
    (
        "home health 2009: 6 hours a week of nursing vs 40",
        "The 58-year-old female injured her left ankle on 01/06/2014." + HOMEBOUND + WOUND,
        "The 58-year-old female injured her left ankle on 01/06/2014." + HOMEBOUND + WOUND,
        "Home health nursing 2 hours per day, 3 days a week for 4 weeks for wound care"
        "|Home health nursing 8 hours per day, 5 days a week for 4 weeks for wound care",
        dt.date(2014, 2, 3),
        "overturned",
        "upheld",
    ),
    # ---- supports, heat and cold, job modification (ACOEM ch. 12) ---------------------------------------------
    (
        "lumbar support is not recommended; after surgery the rule does not apply",
        BACK + " He has low back pain.",
        BACK + " He underwent an L4-5 lumbar fusion on 05/01/2014.",
        "Lumbar support|Post-op lumbar support",
        D2014,
        "upheld",
        None,
    ),
    (
        "heat and cold: a home wrap is not recommended vs a week of cold therapy after surgery",
        BACK + " He has low back pain.",
        SHOULDER + " He underwent a left shoulder arthroscopic Bankart repair on 05/20/2014.",
        "Hot/cold therapy wrap|Post-op cold therapy unit rental for 7 days",
        D2014,
        "upheld",
        "overturned",
    ),
    (
        "sit-stand workstation: pain worse with prolonged sitting vs no posture documented",
        BACK + " His low back pain is worse with prolonged sitting at his desk.",
        BACK + " He has low back pain.",
        "Sit-stand workstation",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "sit-stand workstation: no red flag vs bowel incontinence",
        BACK + " His low back pain is worse with prolonged sitting at his desk.",
        BACK + " His low back pain is worse with prolonged sitting at his desk. He reports bowel incontinence.",
        "Sit-stand workstation",
        D2014,
        "overturned",
        "upheld",
    ),
    # ---- spine surgery ----------------------------------------------------------------------------------------
    (
        "lumbar discectomy: objective deficit vs normal examination",
        BACK
        + " He has right leg pain with diminished reflexes at the right ankle."
        + MRI_ROOT
        + " He failed conservative treatment.",
        BACK
        + " He has right leg pain. The neurological examination is normal."
        + MRI_ROOT
        + " He failed conservative treatment.",
        "Right L5-S1 microdiscectomy",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "lumbar fusion: spondylolisthesis vs degenerative disc disease",
        "The 49-year-old female injured her low back on 01/15/2013. An MRI shows a grade 2 L4-5 spondylolisthesis.",
        "The 49-year-old female injured her low back on 01/15/2013. An MRI shows degenerative disc disease at L4-5.",
        "L4-5 posterior lumbar interbody fusion",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "lumbar fusion: spondylolisthesis after three months vs within the first month",
        "The 49-year-old female injured her low back on 01/15/2014. An MRI shows a grade 2 L4-5 spondylolisthesis.",
        "The 49-year-old female injured her low back on 05/20/2014. An MRI shows a grade 2 L4-5 spondylolisthesis.",
        "L4-5 posterior lumbar interbody fusion",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "cervical fusion: MRI shows root compression vs degenerative disc disease only",
        NECK
        + " She has right arm pain with triceps weakness. An MRI of the cervical spine showed a C6-7 disc herniation"
        " compressing the right C7 nerve root. She failed conservative treatment.",
        NECK + " She has right arm pain with triceps weakness. An MRI of the cervical spine showed degenerative disc"
        " disease. She failed conservative treatment.",
        "C6-7 anterior cervical discectomy and fusion",
        D2014,
        "overturned",
        "upheld",
    ),
    # ---- shoulder (ACOEM ch. 9) --------------------------------------------------------------------------------
    (
        "rotator cuff repair: full-thickness tear on MRI vs tendinosis without a tear",
        SHOULDER + " He has 4/5 strength on abduction and failed conservative treatment with physical therapy. An MRI"
        " showed a full-thickness supraspinatus tear.",
        SHOULDER + " He has 4/5 strength on abduction and failed conservative treatment with physical therapy. An MRI"
        " showed supraspinatus tendinosis.",
        "Left shoulder arthroscopic rotator cuff repair",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "subacromial decompression: after a cortisone injection vs without one",
        SHOULDER + " He has impingement and received a subacromial cortisone injection in 02/2014. He failed"
        " conservative treatment with physical therapy.",
        SHOULDER + " He has impingement. He failed conservative treatment with physical therapy.",
        "Left shoulder arthroscopic subacromial decompression",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "Bankart repair: imaging shows the lesion vs no imaging documented",
        SHOULDER + " He has recurrent dislocations with apprehension despite physical therapy. An MR arthrogram showed"
        " an anterior labral tear with a Bankart lesion.",
        SHOULDER + " He has recurrent dislocations with apprehension despite physical therapy.",
        "Left shoulder arthroscopy with Bankart repair",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "SLAP repair: imaging agrees vs the official report denies the lesion",
        SHOULDER + " He failed conservative treatment with physical therapy. An MRI of the left shoulder revealed a"
        " SLAP lesion.",
        SHOULDER + " He failed conservative treatment with physical therapy. An MRI of the left shoulder revealed no"
        " evidence of a SLAP lesion. The physician's interpretation of the MRI revealed a SLAP lesion.",
        "Left shoulder arthroscopic SLAP repair",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "shoulder injection: after weeks of therapy vs in the first days",
        SHOULDER
        + " He has pain on elevation that limits his overhead work despite four weeks of physical therapy and a home"
        " exercise program.",
        "The 24-year-old male injured his left shoulder on 05/30/2014 and has pain on elevation.",
        "Left shoulder subacromial corticosteroid injection",
        D2014,
        "overturned",
        "upheld",
    ),
    # ---- knee (ACOEM ch. 13) -----------------------------------------------------------------------------------
    (
        "knee corticosteroid injection: arthritis on x-ray vs no degenerative changes",
        KNEE + " X-rays show medial joint space narrowing. He continues physical therapy.",
        KNEE + " X-rays show no degenerative changes. He continues physical therapy.",
        "Right knee corticosteroid injection",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "knee brace: MCL tear with giving way vs anterior knee pain",
        KNEE + " An MRI showed a partial medial collateral ligament tear, and the knee gives way.",
        KNEE + " He has anterior knee pain.",
        "Hinged right knee brace",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "meniscectomy: locking vs pain alone",
        KNEE + " He has locking. An MRI showed a tear of the medial meniscus. He failed conservative treatment.",
        KNEE + " He has knee pain. An MRI showed a tear of the medial meniscus. He failed conservative treatment.",
        "Right knee arthroscopy with partial medial meniscectomy",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "ACL reconstruction: the knee gives way vs stable to Lachman's",
        KNEE + " The knee gives way. An MRI of the right knee showed a complete ACL tear.",
        KNEE + " The knee was stable to Lachman's and drawer. An MRI of the right knee showed a complete ACL tear.",
        "Right ACL reconstruction",
        D2014,
        "overturned",
        "upheld",
    ),
    # ---- wrist and elbow (ACOEM ch. 11, Elbow Disorders 2007) --------------------------------------------------
    (
        "wrist splint: De Quervain's tendinitis vs wrist pain only",
        WRIST + " She has De Quervain's tenosynovitis with a positive Finkelstein test.",
        WRIST + " She has wrist pain with full range of motion.",
        "Left wrist thumb spica splint",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "carpal tunnel release: nerve conduction confirms vs is negative",
        WRIST + " She has numbness of the thumb and index finger, diagnosed as carpal tunnel syndrome. Nerve conduction"
        " studies showed moderate left carpal tunnel syndrome. She failed conservative treatment with splinting.",
        WRIST + " She has numbness of the thumb and index finger, diagnosed as carpal tunnel syndrome. Nerve conduction"
        " studies were negative for carpal tunnel syndrome. She failed conservative treatment with splinting.",
        "Left carpal tunnel release",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "elbow brace: lateral epicondylitis vs elbow pain",
        "The 45-year-old male injured his right elbow on 01/06/2014 and has lateral epicondylitis.",
        "The 45-year-old male injured his right elbow on 01/06/2014 and has elbow pain.",
        "Right elbow counterforce brace",
        D2014,
        "overturned",
        "upheld",
    ),
    # ---- ODG: PRP and hyaluronic acid ------------------------------------------------------------------------------
    (
        "knee PRP: arthritis after failed care and a steroid injection vs a ligament tear",
        KNEE + OA_KNEE + " A corticosteroid injection on 04/01/2014 gave brief relief.",
        KNEE
        + " An MRI showed a partial ACL tear. X-rays show no degenerative changes. He failed conservative treatment.",
        "Platelet-rich plasma injection to the right knee",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "elbow PRP: chronic lateral epicondylitis after failed therapy vs elbow pain",
        "The 46-year-old female injured her right elbow on 01/06/2013 and has lateral epicondylitis. She failed"
        " conservative treatment with physical therapy.",
        "The 46-year-old female injured her right elbow on 01/06/2013 and has elbow pain.",
        "Platelet-rich plasma injection to the right elbow",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "PRP under study for the foot vs the knee criteria met",
        KNEE + OA_KNEE + " A corticosteroid injection on 04/01/2014 gave brief relief.",
        KNEE + OA_KNEE + " A corticosteroid injection on 04/01/2014 gave brief relief.",
        "Platelet-rich plasma injection to the right foot|Platelet-rich plasma injection to the right knee",
        D2014,
        "upheld",
        "overturned",
    ),
    (
        "knee hyaluronic acid: after a cortisone injection vs without one",
        "The 60-year-old male injured his left knee on 01/06/2013." + OA_KNEE + " A cortisone injection on"
        " 10/01/2013 helped for two weeks.",
        "The 60-year-old male injured his left knee on 01/06/2013." + OA_KNEE,
        "Synvisc injection to the left knee",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "hyaluronic acid: not for the shoulder vs the knee criteria met",
        "The 60-year-old male injured his left knee on 01/06/2013." + OA_KNEE + " A cortisone injection on"
        " 10/01/2013 helped for two weeks.",
        "The 60-year-old male injured his left knee on 01/06/2013." + OA_KNEE + " A cortisone injection on"
        " 10/01/2013 helped for two weeks.",
        "Hyaluronic acid injection to the left shoulder|Hyaluronic acid injection to the left knee",
        D2014,
        "upheld",
        "overturned",
    ),
    # ---- ODG: services after surgery ------------------------------------------------------------------------------
    (
        "post-op cold therapy: seven days vs fourteen",
        SHOULDER + " He underwent a left shoulder arthroscopic Bankart repair on 05/20/2014.",
        SHOULDER + " He underwent a left shoulder arthroscopic Bankart repair on 05/20/2014.",
        "Post-op cold therapy unit rental for 7 days|Post-op cold therapy unit rental for 14 days",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "cold therapy unit: without surgery vs after surgery",
        KNEE + " He has a knee sprain.",
        KNEE + " He underwent a right knee arthroscopy on 05/20/2014.",
        "Cold therapy unit rental for 7 days|Post-op cold therapy unit rental for 7 days",
        D2014,
        "upheld",
        "overturned",
    ),
    (
        "post-op sling: after shoulder surgery vs after carpal tunnel release",
        SHOULDER + " He is scheduled for a left shoulder arthroscopic Bankart repair.",
        WRIST + " She is scheduled for a left carpal tunnel release.",
        "Post-op sling",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "assistant surgeon: for a lumbar fusion vs a shoulder arthroscopy",
        BACK + " He is scheduled for an L4-5 lumbar fusion.",
        SHOULDER + " He is scheduled for a left shoulder arthroscopy.",
        "Assistant surgeon",
        D2014,
        "overturned",
        "upheld",
    ),
    # ---- ODG: equipment --------------------------------------------------------------------------------------------
    (
        "cervical pillow: with a daily home exercise program vs none",
        NECK + " She has cervical strain and does a daily home exercise program.",
        NECK + " She has cervical strain treated with chiropractic care.",
        "Cervical pillow",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "knee scooter: non-weight bearing vs plantar fasciitis only",
        "The 42-year-old female injured her left foot on 01/06/2014 and has a metatarsal fracture. She is"
        " non-weight bearing on the left foot.",
        "The 42-year-old female injured her left foot on 01/06/2014 and has plantar fasciitis.",
        "1 knee scooter",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "walker: antalgic gait vs a normal gait",
        KNEE + " He walks with an antalgic gait.",
        KNEE + " He walks with a normal gait.",
        "Front-wheeled walker",
        D2014,
        "overturned",
        "upheld",
    ),
    (
        "equipment: a mattress is not medical equipment vs a walker for an impaired gait",
        KNEE + " He walks with an antalgic gait.",
        KNEE + " He walks with an antalgic gait.",
        "Orthopedic mattress|Front-wheeled walker",
        D2014,
        "upheld",
        "overturned",
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
# The services that go with a surgery


BANKART_CASE = (
    "The 42-year-old male injured his left shoulder on 10/21/2016 and has recurrent dislocations with apprehension"
    " despite physical therapy."
)
BANKART_ITEMS = (
    "Left shoulder arthroscopy with Bankart repair",
    "Associated surgical service: Cold therapy for one week",
    "Associated surgical service: Slingshot sling",
    "Associated surgical service: Vascutherm unit, 14 days rental",
)


def test_certified_surgery_lets_each_service_meet_its_own_rule() -> None:
    summary = BANKART_CASE + " An MR arthrogram of the left shoulder showed a Bankart lesion."
    case = DecisionCase(summary=summary, requests=BANKART_ITEMS, request_date=dt.date(2016, 12, 15))
    surgery, cold, sling, long_cold = decide_case(case).items
    assert surgery.decision is Decision.OVERTURNED
    assert (cold.decision, cold.rule_ids) == (Decision.OVERTURNED, ("odg.cryotherapy.postoperative",))
    assert (sling.decision, sling.rule_ids) == (Decision.OVERTURNED, ("odg.sling.postoperative",))
    assert (long_cold.decision, long_cold.rule_ids) == (Decision.UPHELD, ("odg.cryotherapy.postoperative",))


def test_services_follow_a_surgery_that_is_not_certified() -> None:
    case = DecisionCase(summary=BANKART_CASE, requests=BANKART_ITEMS, request_date=dt.date(2016, 12, 15))
    surgery, cold, sling, long_cold = decide_case(case).items
    assert surgery.decision is Decision.UPHELD
    assert "No imaging showing the lesion" in surgery.rationale
    # each service keeps its own rule, whose first criterion is the surgery it serves
    for service, rule_id in (
        (cold, "odg.cryotherapy.postoperative"),
        (sling, "odg.sling.postoperative"),
        (long_cold, "odg.cryotherapy.postoperative"),
    ):
        assert (service.decision, service.rule_ids) == (Decision.UPHELD, (rule_id,))
        link = next(c for c in service.criteria if c.id == "surgery-certified")
        assert link.status is CriterionStatus.UNMET
        assert "item 1 (Left shoulder arthroscopy with Bankart repair), which is not medically necessary" in (
            service.rationale
        )


def test_the_same_service_meets_its_rule_when_the_surgery_is_certified_by_ur() -> None:
    # no surgery in dispute: it was certified, so the cold unit is judged on its days alone
    case = DecisionCase(summary=BANKART_CASE, requests=BANKART_ITEMS[1:2], request_date=dt.date(2016, 12, 15))
    (cold,) = decide_case(case).items
    assert (cold.decision, cold.rule_ids) == (Decision.OVERTURNED, ("odg.cryotherapy.postoperative",))
    assert "a surgery that is not in dispute in this review" in cold.rationale


def test_a_service_without_a_linked_rule_follows_the_surgery_by_the_process_rule() -> None:
    requests = (BANKART_ITEMS[0], "Associated surgical service: Hip pad")
    upheld = decide_case(DecisionCase(summary=BANKART_CASE, requests=requests, request_date=dt.date(2016, 12, 15)))
    assert upheld.items[1].decision is Decision.UPHELD
    assert upheld.items[1].rule_ids == ("process.associated-service-follows-surgery",)
    summary = BANKART_CASE + " An MR arthrogram of the left shoulder showed a Bankart lesion."
    certified = decide_case(DecisionCase(summary=summary, requests=requests, request_date=dt.date(2016, 12, 15)))
    assert certified.items[0].decision is Decision.OVERTURNED
    assert certified.items[1].decision is Decision.OVERTURNED
    assert certified.items[1].rule_ids == ("process.associated-service-follows-surgery",)


MENISCUS_CASE = (
    "The 64-year-old male with diabetes and hypertension injured his right knee on 01/06/2014. He has locking and"
    " joint line tenderness. He failed conservative treatment with physical therapy and NSAIDs."
)
MENISCUS_ITEMS = ("Right knee arthroscopy with partial medial meniscectomy", "Pre-op labs: CBC", "Pre-op labs: CMP")


@pytest.mark.parametrize(
    ("imaging", "surgery_decision", "link"),
    [
        (" An MRI of the right knee showed a tear of the medial meniscus.", Decision.OVERTURNED, CriterionStatus.MET),
        (" An MRI of the right knee showed no meniscus tear.", Decision.UPHELD, CriterionStatus.UNMET),
    ],
)
def test_pre_operative_tests_follow_the_surgery_through_their_own_rule(
    imaging: str, surgery_decision: Decision, link: CriterionStatus
) -> None:
    case = DecisionCase(summary=MENISCUS_CASE + imaging, requests=MENISCUS_ITEMS, request_date=dt.date(2014, 4, 1))
    surgery, *tests = decide_case(case).items
    assert surgery.decision is surgery_decision
    for test in tests:
        assert test.rule_ids[0].startswith("odg.preoperative.")
        assert next(c.status for c in test.criteria if c.id == "surgery-certified") is link
    # the comorbidities meet the metabolic panel's own criterion, so only the surgery decides it
    cmp = tests[1]
    assert cmp.decision is (Decision.OVERTURNED if surgery_decision is Decision.OVERTURNED else Decision.UPHELD)


def test_a_service_waits_for_an_undecided_surgery() -> None:
    # a surgery no rule holds (the thumb's carpometacarpal joint)
    requests = ("Right thumb carpometacarpal arthroplasty", "Pre-op labs: CMP")
    case = DecisionCase(summary=MENISCUS_CASE, requests=requests, request_date=dt.date(2016, 12, 15))
    surgery, cmp = decide_case(case).items
    assert surgery.decision is None
    assert cmp.decision is None
    assert cmp.undecided_reason is not None and "item 1" in cmp.undecided_reason


# ---------------------------------------------------------------------------------------------------------------
# The provider's variables


def _variables(summary: str, request: str, *others: str) -> dict[str, Variable]:
    context = ItemContext(CaseDates(request_date=D2016), None, tuple(parse_request(o) for o in others))
    return compute_variables(extract_facts(summary), parse_request(request), context)


@pytest.mark.parametrize(
    ("title", "procedure", "site"),
    [
        (
            "Left shoulder arthroscopy with Bankart repair, possible biceps tenodesis",
            "shoulder_stabilization",
            "shoulder",
        ),
        ("Operative arthroscopy, superior labral anterior posterior repair, right shoulder", "slap_repair", "shoulder"),
        ("Right shoulder arthroscopic rotator cuff repair", "rotator_cuff_repair", "shoulder"),
        ("Right knee arthroscopy with partial medial meniscectomy", "knee_meniscectomy", "knee"),
        ("Left knee arthroscopy", "knee_arthroscopy", "knee"),
        ("L4-5 posterior lumbar interbody fusion", "lumbar_fusion", "lumbar_spine"),
        ("C5-6 anterior cervical discectomy and fusion", "cervical_fusion", "cervical_spine"),
        ("Right L5-S1 microdiscectomy", "lumbar_discectomy", "lumbar_spine"),
        ("Left carpal tunnel release", "carpal_tunnel_release", "hand_wrist"),
        ("Laparoscopic umbilical hernia repair with mesh", "hernia_repair", "abdomen"),
        ("Right hip surgery", "other", "hip"),
    ],
)
def test_the_surgery_a_title_names(title: str, procedure: str, site: str) -> None:
    values = _variables("The patient has pain.", title)
    assert (values["procedure"].value, values["procedure_site"].value) == (procedure, site)


def test_an_associated_service_takes_the_surgery_of_the_case() -> None:
    values = _variables(
        "The patient has shoulder pain.",
        "Associated surgical service: Slingshot sling",
        "Left shoulder arthroscopy with Bankart repair",
        "Post-op Percocet 5/325mg",
    )
    assert (values["procedure"].value, values["procedure_site"].value) == ("shoulder_stabilization", "shoulder")
    assert values["dme_kind"].value == "sling"


def test_without_a_surgery_item_the_record_names_the_surgery() -> None:
    values = _variables("He underwent a right carpal tunnel release on 11/01/2016.", "Post-op wrist splint")
    assert (values["procedure"].value, values["procedure_site"].value) == ("carpal_tunnel_release", "hand_wrist")
    assert values["procedure"].evidence[0].text == "carpal tunnel release"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Back support", "lumbar_support"),
        ("Custom touch back heat therapy pad", "hot_cold_pack"),
        ("Hot/cold therapy wrap", "hot_cold_pack"),
        ("Ice/Heat pads therapy times 6", "hot_cold_pack"),
        ("Associated surgical service: Cold therapy for one week", "cold_therapy_unit"),
        ("Associated surgical service: Vascutherm unit, 14 days rental", "cold_therapy_unit"),
        ("Associated surgical service: 2 leg wraps", "compression_device"),
        ("Associated surgical service: Ultrasling", "sling"),
        ("Cervical pillow", "pillow"),
        ("Wedge pillow", "pillow"),
        ("Wrist braces #2", "wrist_splint"),
        ("Elbow braces #2", "elbow_brace"),
        ("Hinged knee brace", "knee_brace"),
        ("1 knee scooter", "mobility_aid"),
        ("Sit-stand workstation", "ergonomic_equipment"),
        ("Orthopedic mattress", "mattress"),
        ("Associated surgical service: Hip pad", "other"),
        ("TENS unit", "other"),
    ],
)
def test_the_equipment_a_title_names(title: str, kind: str) -> None:
    assert _variables("The patient has pain.", title)["dme_kind"].value == kind


@pytest.mark.parametrize(
    ("title", "agent", "within_two"),
    [
        (
            "Retrospective injection 5cc of lidocaine hcl 1percent and 1cc of dexamethasone 120mg to the right knee",
            "corticosteroid",
            True,
        ),
        ("Synvisc injection to the left knee", "hyaluronic_acid", True),
        ("Facet joint injections L4-5, L5-S1", "unspecified", True),
        ("Lumbar epidural steroid injection L3-4, L4-5 and L5-S1", "corticosteroid", False),
        ("Multilevel lumbar facet injections", "unspecified", False),
    ],
)
def test_injectate_and_levels(title: str, agent: str, within_two: bool) -> None:
    values = _variables("The patient has pain.", title)
    assert (values["injection_agent"].value, values["levels_within_two"].value) == (agent, within_two)


@pytest.mark.parametrize(
    ("title", "hours", "within_60"),
    [
        ("Home aide 6 hours per day, 5 times a week for 4 weeks to assist with mobility", 30.0, True),
        ("Home health aide 4 hours per day, 5 days a week for 12 weeks", 20.0, False),
        ("Home health care 20 hours per week for 2 months", 20.0, True),
        ("Home health aide daily 8 hours per day for 3 months", 56.0, False),
        ("Home health care", None, None),
    ],
)
def test_home_care_hours_and_duration(title: str, hours: float | None, within_60: bool | None) -> None:
    values = _variables("The patient has pain.", title)
    assert (values["home_health_hours_per_week"].value, values["home_health_within_60_days"].value) == (
        hours,
        within_60,
    )


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("An MRI of the lumbar spine showed an L4-5 disc protrusion with left foraminal stenosis.", True),
        ("The EMG showed a chronic left L5 radiculopathy.", True),
        ("The physician noted a radiographically confirmed radiculopathy.", True),
        ("He has lumbar radiculopathy. An MRI of the lumbar spine has been requested.", None),
        ("An MRI was ordered to rule out a disc herniation.", None),
        (
            "The study was negative for electrophysiological evidence for peripheral, focal neuropathy, or radiculopathy.",
            False,
        ),
        ("An MRI of the lumbar spine revealed no disc herniation or nerve root compression.", False),
    ],
)
def test_radiculopathy_corroborated_by_a_study(summary: str, expected: bool | None) -> None:
    assert _variables(summary, "Lumbar epidural steroid injection")["radiculopathy_corroborated"].value is expected


def test_a_finding_reported_after_the_study_sentence_still_counts() -> None:
    summary = (
        "An MRI of the right shoulder was performed on 12/02/2016. There was no evidence of capsulitis. The biceps"
        " tendon and anchor revealed no evidence of a SLAP lesion."
    )
    lesion = _variables(summary, "Right shoulder SLAP repair")["lesion_on_imaging"]
    assert lesion.value is False
    assert lesion.evidence[0].text == "SLAP lesion"


def test_a_lesion_the_report_denies_elsewhere_does_not_count_against_another() -> None:
    summary = (
        "An MRI of the right shoulder showed a full-thickness supraspinatus tear with no evidence of a SLAP lesion."
    )
    assert _variables(summary, "Right shoulder rotator cuff repair")["lesion_on_imaging"].value is True


@pytest.mark.parametrize(
    ("summary", "given", "percent", "weeks"),
    [
        ("He received an L5-S1 epidural steroid injection on 06/01/2016 with 60% relief for eight weeks.", True, 60, 8),
        ("He is status post lumbar ESI with 70 percent improvement lasting 2 months.", True, 70, 8.6),
        ("A prior epidural steroid injection gave no relief.", True, 0, None),
        ("He has had no epidural steroid injections.", False, None, None),
        ("The physician suggested pursuit of a lumbar epidural steroid injection.", False, None, None),
        ("On a prior note, the physician recommended an epidural steroid injection.", False, None, None),
    ],
)
def test_an_earlier_epidural_injection_and_its_relief(
    summary: str, given: bool, percent: int | None, weeks: float | None
) -> None:
    values = _variables(summary, "Repeat lumbar epidural steroid injection")
    assert values["prior_esi"].value is given
    assert values["prior_injection_relief_percent"].value == percent
    assert values["prior_injection_relief_weeks"].value == weeks


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("She had bilateral L4-5 facet joint injections last year.", True),
        ("She has had no prior facet injections.", False),
        ("Both epidural and facet injections were proposed.", None),
    ],
)
def test_earlier_facet_blocks(summary: str, expected: bool | None) -> None:
    assert _variables(summary, "Facet joint injections L4-5")["prior_facet_blocks"].value is expected


@pytest.mark.parametrize(
    ("summary", "variable", "expected"),
    [
        ("He is confined to the home.", "homebound", True),
        ("He is not homebound and drives to his appointments.", "homebound", False),
        ("He denies pain radiating to the legs.", "radicular_pain", False),
        ("She needs help with dressing changes for the surgical wound.", "skilled_care_need", True),
        ("The knee gives way on stairs.", "knee_instability", True),
        ("The knee was stable to Lachman's and drawer.", "knee_instability", False),
        ("An MRI showed a partial anterior cruciate ligament tear.", "knee_ligament_tear", True),
        ("X-rays show 1 mm joint space medially with bone spurs.", "osteoarthritis_documented", True),
        ("X-rays show no degenerative changes.", "osteoarthritis_documented", False),
        ("She has axial low back pain.", "radicular_pain", False),
        ("She has low back pain radiating to the right leg.", "radicular_pain", True),
        ("Her pain worsens with prolonged sitting.", "positional_aggravation", True),
        ("He is non-weight bearing on the left foot.", "non_weight_bearing", True),
        ("He ambulated with a normal gait.", "gait_impaired", False),
        ("He has an antalgic gait.", "gait_impaired", True),
        ("There are trigger points with a twitch response and referred pain.", "trigger_points_documented", True),
        ("There are tender trigger points.", "trigger_points_documented", None),
    ],
)
def test_record_findings(summary: str, variable: str, expected: bool | None) -> None:
    assert _variables(summary, "Home health care")[variable].value is expected


def test_a_negated_homebound_statement_reads_false() -> None:
    # "homebound" itself is a phrase of services.yaml; the provider reads that fact too
    value = _variables("The patient is not confined to the home.", "Home health care")["homebound"]
    assert value.value is False


# ---------------------------------------------------------------------------------------------------------------
# The concept file


def _tokens(phrase: str, nlp: spacy.language.Language) -> list[str]:
    return [token.lower_ for token in nlp.make_doc(phrase)]


def test_no_procedures_phrase_swallows_a_phrase_of_another_concept_file() -> None:
    """The matcher keeps the longest of two overlapping matches: a phrase here that contains another file's phrase
    would take that file's fact away wherever both match."""
    nlp = spacy.blank("en")
    folder = resources.files("imr").joinpath("data").joinpath("facts").joinpath("concepts")
    ours: list[list[str]] = []
    theirs: list[tuple[str, list[str]]] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".yaml"):
            continue
        concepts = yaml.safe_load(entry.read_text(encoding="utf-8"))["concepts"]
        phrases = [p for concept in concepts for p in concept.get("phrases", [])]
        if entry.name == "procedures.yaml":
            ours = [_tokens(p, nlp) for p in phrases]
        else:
            theirs.extend((p, _tokens(p, nlp)) for p in phrases)
    assert ours
    swallowed = [
        (" ".join(mine), phrase)
        for mine in ours
        for phrase, other in theirs
        if any(mine[i : i + len(other)] == other for i in range(len(mine) - len(other) + 1))
    ]
    assert swallowed == []


@pytest.mark.parametrize(
    ("imaging", "expected"),
    [
        (
            " An MR arthrogram of the left shoulder showed no fracture and revealed a Bankart lesion.",
            Decision.OVERTURNED,
        ),
        (
            " An MR arthrogram of the left shoulder was negative for fracture and showed a Bankart lesion.",
            Decision.OVERTURNED,
        ),
        (" An MR arthrogram of the left shoulder showed no Bankart lesion.", Decision.UPHELD),
    ],
)
def test_a_negation_stops_at_the_next_finding_of_the_study(imaging: str, expected: Decision) -> None:
    case = DecisionCase(summary=BANKART_CASE + imaging, requests=BANKART_ITEMS[:1], request_date=dt.date(2016, 12, 15))
    assert decide_case(case).items[0].decision is expected


TWO_SURGERIES = (
    "The 42-year-old male injured his left shoulder and right knee on 10/21/2016. He has recurrent dislocations with"
    " apprehension despite physical therapy. He has locking and joint line tenderness of the right knee. An MRI of"
    " the right knee showed a tear of the medial meniscus. He failed conservative treatment with physical therapy"
    " and NSAIDs."
)
KNEE = "Right knee arthroscopy with partial medial meniscectomy"
SHOULDER = "Left shoulder arthroscopy with Bankart repair"


@pytest.mark.parametrize("order", [(KNEE, SHOULDER), (SHOULDER, KNEE)])
def test_with_two_surgeries_a_service_follows_the_one_of_its_region(order: tuple[str, str]) -> None:
    requests = (*order, "Post-op physical therapy x 6 for the right knee")
    items = decide_case(DecisionCase(summary=TWO_SURGERIES, requests=requests, request_date=dt.date(2016, 12, 15)))
    knee = next(i for i in items.items if i.request_text == KNEE)
    therapy = items.items[2]
    assert knee.decision is Decision.OVERTURNED
    assert therapy.decision is Decision.OVERTURNED, therapy.rationale
    assert f"item {knee.index} ({KNEE})" in therapy.rationale


@pytest.mark.parametrize("order", [(KNEE, SHOULDER), (SHOULDER, KNEE)])
def test_with_two_surgeries_a_service_of_no_region_waits_for_the_physician(order: tuple[str, str]) -> None:
    requests = (*order, "Associated surgical service: Cold therapy for one week")
    cold = decide_case(DecisionCase(summary=TWO_SURGERIES, requests=requests, request_date=dt.date(2016, 12, 15)))
    item = cold.items[2]
    assert item.decision is None and item.criteria == () and item.rule_ids == ()
    assert "cannot be matched" in (item.undecided_reason or "")


def test_an_unreadable_item_may_be_the_surgery_so_the_link_is_unknown() -> None:
    requests = ("Right shoulder Mumford", "Associated surgical service: Cold therapy for one week")
    _, cold = decide_case(
        DecisionCase(summary=BANKART_CASE, requests=requests, request_date=dt.date(2016, 12, 15))
    ).items
    assert cold.decision is None
    assert "not in dispute" not in cold.rationale and "could not be read" in (cold.undecided_reason or "")


def test_an_undecided_surgery_holds_back_only_what_it_alone_decides() -> None:
    requests = (
        "Right thumb carpometacarpal arthroplasty",
        "Associated surgical service: Vascutherm unit, 14 days rental",
        "Associated surgical service: Cold therapy for one week",
        "Post-op Zofran 4 mg #10",
    )
    _, long_cold, cold, zofran = decide_case(
        DecisionCase(summary=BANKART_CASE, requests=requests, request_date=dt.date(2016, 12, 15))
    ).items
    # fourteen days fail the seven-day criterion whatever the surgery: false and unknown is false
    assert long_cold.decision is Decision.UPHELD and long_cold.rule_ids == ("odg.cryotherapy.postoperative",)
    # seven days meet it: only the surgery is open
    assert cold.decision is None and cold.criteria == ()
    # a drug its own rule certifies waits for the surgery too
    assert zofran.decision is None


def test_post_operative_therapy_of_another_region_is_not_tied_to_the_disputed_surgery() -> None:
    requests = (SHOULDER, "Post-op physical therapy x 6 for the right knee")
    surgery, therapy = decide_case(
        DecisionCase(summary=BANKART_CASE, requests=requests, request_date=dt.date(2016, 12, 15))
    ).items
    assert surgery.decision is Decision.UPHELD
    # not judged as shoulder therapy, and not upheld because the shoulder surgery is
    assert not any(rule.startswith("ptg-2009.shoulder") for rule in therapy.rule_ids)
    assert therapy.rule_ids != ("process.associated-service-follows-surgery",)


def test_an_associated_service_naming_another_body_part_still_follows_the_case_surgery() -> None:
    requests = (SHOULDER, "Associated surgical service: Hip pad")
    _, pad = decide_case(
        DecisionCase(summary=BANKART_CASE, requests=requests, request_date=dt.date(2016, 12, 15))
    ).items
    assert (pad.decision, pad.rule_ids) == (Decision.UPHELD, ("process.associated-service-follows-surgery",))


@pytest.mark.parametrize(
    ("surgery", "therapy"),
    [
        ("Right rotator cuff repair", "Post-op physical therapy x 12 for the right shoulder"),
        (
            "Right shoulder arthroscopy with subacromial decompression",
            "Post-op physical therapy x 12 for the right upper extremity",
        ),
    ],
)
def test_post_operative_therapy_finds_its_surgery_by_region_or_limb(surgery: str, therapy: str) -> None:
    summary = "The 58-year-old male injured his right shoulder on 01/12/2016. He has shoulder pain."
    first, second = decide_case(
        DecisionCase(summary=summary, requests=(surgery, therapy), request_date=dt.date(2016, 12, 15))
    ).items
    assert first.decision is Decision.UPHELD
    link = next(c for c in second.criteria if c.id == "surgery-certified")
    assert link.status is CriterionStatus.UNMET and second.decision is Decision.UPHELD


def test_a_title_naming_no_region_takes_the_rule_of_the_region_the_record_speaks_of() -> None:
    neck = (
        "The injured worker is a 33 year old female who sustained an industrial injury on 08-03-2015 to the neck. "
        "She has myofascial pain of the upper trapezius for more than three months."
    )
    foot = (
        "The injured worker is a 47 year old female who sustained an industrial injury on 01-12-2016. She has heel "
        "pain from plantar fasciitis that has persisted despite orthotics for two months."
    )
    day = dt.date(2016, 12, 1)
    # the foot chapter's injection rule is not the neck's: the neck takes the Chronic Pain guideline's rule
    assert decision_and_rules(neck, "Trigger point injections x 3", day)[1] == ("cpmtg-2016.trigger-point-injections",)
    assert decision_and_rules(foot, "Trigger point injections x 3", day)[1] == (
        "acoem-ch14-2004.injection.corticosteroid",
    )
    assert decision_and_rules(foot, "Corticosteroid injection", day)[1] == ("acoem-ch14-2004.injection.corticosteroid",)
    assert decision_and_rules(neck, "Corticosteroid injection", day) == (None, ())


@pytest.mark.parametrize(
    ("imaging", "surgery_decision", "link"),
    [
        (" An MRI of the right knee showed a tear of the medial meniscus.", Decision.OVERTURNED, CriterionStatus.MET),
        (" An MRI of the right knee showed no meniscus tear.", Decision.UPHELD, CriterionStatus.UNMET),
    ],
)
def test_a_hospital_stay_beside_a_disputed_surgery_is_judged_with_it(
    imaging: str, surgery_decision: Decision, link: CriterionStatus
) -> None:
    requests = (MENISCUS_ITEMS[0], "Inpatient hospital stay for 1 day")
    case = DecisionCase(summary=MENISCUS_CASE + imaging, requests=requests, request_date=dt.date(2014, 4, 1))
    surgery, stay = decide_case(case).items
    assert surgery.decision is surgery_decision
    assert stay.rule_ids == ("odg.hospital.length-of-stay",)
    assert next(c for c in stay.criteria if c.id == "surgery-certified").status is link
    # a meniscectomy has no inpatient target: the stay is not supported either way
    assert stay.decision is Decision.UPHELD


def test_a_hospital_stay_with_no_surgery_in_dispute_is_not_linked_to_one() -> None:
    case = DecisionCase(summary=MENISCUS_CASE, requests=("Inpatient hospital stay for 1 day",), request_date=D2016)
    assert "process.associated-service-follows-surgery" not in decide_case(case).items[0].rule_ids


def test_a_machine_asked_for_beside_a_disputed_knee_surgery_is_judged_as_post_operative() -> None:
    imaging = " An MRI of the right knee showed a tear of the medial meniscus."
    requests = (MENISCUS_ITEMS[0], "Continuous passive motion device for 21 days for the right knee")
    case = DecisionCase(summary=MENISCUS_CASE + imaging, requests=requests, request_date=D2016)
    surgery, machine = decide_case(case).items
    assert surgery.decision is Decision.OVERTURNED
    # ODG supports the machine at home only after an arthroplasty
    assert (machine.decision, machine.rule_ids) == (Decision.UPHELD, ("odg.knee.cpm",))
