"""Equipment, supplies, home and facility care, consultations, sedation and weight-loss programmes.

Counterfactual rows: a base record and the same record with one fact changed; the decision moves exactly as the
guideline says, under the rule named (a "not recommended" position holds whatever the record says). None of these
texts is a corpus letter.
"""

from __future__ import annotations

import datetime as dt

import pytest

from imr.facts import extract_facts
from imr.guidelines.decide import decide_item
from imr.guidelines.variables import CaseDates

D2015 = dt.date(2015, 6, 1)  # CPMTG 2009, ACOEM 2nd edition, ODG
D2016 = dt.date(2016, 12, 1)  # CPMTG 2016, ACOEM 2nd edition, ODG
KNEE = "The injured worker is a 63 year old male who sustained an industrial injury on 03-02-2016 to his right knee."
BACK = "The injured worker is a 50 year old female who sustained an industrial injury on 02-03-2013 to her low back."
NECK = "The injured worker is a 47 year old male who sustained an industrial injury on 03-01-2016 to his neck."
FOOT = "The injured worker is a 45 year old female who sustained an industrial injury on 04-11-2016 to her right foot."
HIP = "The injured worker is a 68 year old male who fractured his right hip in a fall at work on 09-14-2016."
PSYCH = "The injured worker is a 46 year old female who was assaulted at work on 02-02-2016."

# (name, base, changed, "request before|request after", date, rule id, outcome for base, outcome for changed)
ROWS: list[tuple[str, str, str, str, dt.date, str, str, str]] = [
    (
        "knee CPM: after an arthroplasty in a patient who cannot do active therapy vs after an ACL reconstruction",
        "The 64-year-old male underwent a left total knee arthroplasty on 11/02/2016. He has arthrofibrosis of the other knee and cannot take part in active physical therapy.",
        "The 30-year-old male underwent a left ACL reconstruction on 11/02/2016. He has arthrofibrosis of the other knee and cannot take part in active physical therapy.",
        "Associated surgical service: CPM machine x 14 days",
        D2016,
        "odg.knee.cpm",
        "overturned",
        "upheld",
    ),
    (
        "shoulder CPM: not recommended after surgery or without it",
        "The 52-year-old female underwent a right rotator cuff repair on 11/02/2016.",
        "The 47-year-old male has adhesive capsulitis of the right shoulder.",
        "CPM machine for the right shoulder x 30 days",
        D2016,
        "odg.shoulder.cpm",
        "upheld",
        "upheld",
    ),
    # ---- ODG Knee & Leg, Durable medical equipment ---------------------------------------------------------------
    (
        "raised toilet seat: difficulty rising from the toilet vs independent toileting",
        KNEE + " After the knee replacement he has difficulty getting on and off the toilet.",
        KNEE + " He is independent with bathing and toileting.",
        "Raised toilet seat",
        D2016,
        "odg.dme.bathroom-equipment",
        "overturned",
        "upheld",
    ),
    (
        "shower chair: bedbound vs no limitation documented",
        KNEE + " He is bedbound after the surgery.",
        KNEE + " He reports knee pain.",
        "Shower chair",
        D2015,
        "odg.dme.bathroom-equipment",
        "overturned",
        "upheld",
    ),
    (
        "grab bars: not medical whatever the limitation",
        KNEE + " He has difficulty getting on and off the toilet.",
        KNEE + " He is independent with toileting.",
        "Grab bars for the bathroom",
        D2016,
        "odg.dme.home-modification",
        "upheld",
        "upheld",
    ),
    (
        "hospital bed: head of the bed elevated vs poor sleep only",
        BACK + " She cannot lie flat and must keep the head of the bed elevated 30 degrees.",
        BACK + " She reports poor sleep.",
        "Hospital bed",
        D2016,
        "odg.dme.hospital-bed",
        "overturned",
        "upheld",
    ),
    (
        "pressure mattress: pressure ulcer vs none documented",
        BACK + " She is bedbound and has a sacral pressure ulcer.",
        BACK + " She walks daily.",
        "Alternating pressure mattress overlay",
        D2016,
        "odg.dme.support-surface",
        "overturned",
        "upheld",
    ),
    (
        "Hoyer lift: two-person transfers and non-ambulatory vs independent transfers",
        KNEE + " He is non-ambulatory and requires the assistance of two people for transfers.",
        KNEE + " He transfers independently and ambulates with a cane.",
        "Hoyer lift",
        D2016,
        "odg.dme.patient-lift",
        "overturned",
        "upheld",
    ),
    (
        "reacher: hip precautions vs independent with ADLs",
        HIP + " He observes hip precautions after the hemiarthroplasty.",
        HIP + " He is independent with ADLs.",
        "Reacher",
        D2016,
        "odg.dme.adl-aids",
        "overturned",
        "upheld",
    ),
    (
        "glucometer: diabetes diagnosed vs not",
        BACK + " She has diabetes treated with insulin.",
        BACK + " She has low back pain.",
        "Glucometer",
        D2016,
        "odg.dme.home-medical-device",
        "overturned",
        "upheld",
    ),
    (
        "massage chair: not medical whatever the relief",
        BACK + " Massage helps her pain.",
        BACK + " She has low back pain.",
        "Massage chair",
        D2016,
        "odg.dme.comfort-items",
        "upheld",
        "upheld",
    ),
    (
        "unidentified equipment: not shown whatever the record",
        KNEE + " He has knee pain.",
        KNEE + " He has knee pain and a knee effusion.",
        "DME",
        D2016,
        "odg.dme.unspecified",
        "upheld",
        "upheld",
    ),
    (
        "heat wrap for the shoulder: no device needed",
        "The injured worker is a 36 year old female who sustained an industrial injury on 10-14-2016 to her right"
        " shoulder.",
        "The injured worker is a 36 year old female who sustained an industrial injury on 10-14-2016 to her right"
        " shoulder. She has muscle spasm.",
        "Heating pad for the right shoulder",
        D2016,
        "odg.heat-cold-packs",
        "upheld",
        "upheld",
    ),
    (
        "power wheelchair: walks with a cane vs non-ambulatory, weak arms, alone",
        KNEE + " He is non-ambulatory, is unable to propel a manual wheelchair and lives alone.",
        KNEE + " He ambulates with a cane, is unable to propel a manual wheelchair and lives alone.",
        "Power wheelchair",
        D2016,
        "odg.power-mobility",
        "overturned",
        "upheld",
    ),
    (
        "power wheelchair: lives alone vs wife pushes the wheelchair",
        KNEE + " He is non-ambulatory, is unable to propel a manual wheelchair and lives alone.",
        KNEE + " He is non-ambulatory, is unable to propel a manual wheelchair and his wife pushes his wheelchair.",
        "Power wheelchair",
        D2016,
        "odg.power-mobility",
        "overturned",
        "upheld",
    ),
    (
        "wheelchair: non-weight bearing vs walks with a walker",
        FOOT + " She is non-weight bearing on the right foot for six weeks.",
        FOOT + " She ambulates with a walker.",
        "Manual wheelchair",
        D2016,
        "odg.wheelchair",
        "overturned",
        "upheld",
    ),
    # ---- ODG Ankle & Foot ----------------------------------------------------------------------------------------
    (
        "night splint: plantar fasciitis vs foot pain only",
        FOOT + " She has plantar fasciitis.",
        FOOT + " She has foot pain.",
        "Night splint",
        D2016,
        "odg.ankle.night-splint",
        "overturned",
        "upheld",
    ),
    (
        "AFO: foot drop vs normal dorsiflexion",
        BACK + " She has a left foot drop.",
        BACK + " Ankle dorsiflexion is 5/5.",
        "Left ankle foot orthosis",
        D2016,
        "odg.ankle.afo",
        "overturned",
        "upheld",
    ),
    (
        "walking boot: metatarsal fracture vs no fracture",
        FOOT + " X-rays show a fracture of the fifth metatarsal.",
        FOOT + " X-rays show no fracture.",
        "Walking boot",
        D2016,
        "odg.ankle.immobilization",
        "overturned",
        "upheld",
    ),
    # ---- supplies, compression -----------------------------------------------------------------------------------
    (
        "dressings: draining wound vs healed incisions",
        FOOT + " The surgical wound is draining.",
        FOOT + " The incisions are well healed.",
        "Gauze and dressings",
        D2016,
        "odg.dme.disposable-supplies",
        "overturned",
        "upheld",
    ),
    (
        "supplies: dressings named vs supplies unnamed",
        FOOT + " The surgical wound is draining.",
        FOOT + " The surgical wound is draining.",
        "Wound care supplies|Supplies",
        D2016,
        "odg.dme.disposable-supplies",
        "overturned",
        "upheld",
    ),
    (
        "post-op compression: knee replacement vs carpal tunnel release",
        KNEE + " He is scheduled for a right total knee arthroplasty.",
        KNEE + " He is scheduled for a right carpal tunnel release.",
        "Associated surgical service: DVT compression device",
        D2016,
        "odg.compression.postoperative",
        "overturned",
        "upheld",
    ),
    (
        "compression stockings: ankle edema vs no swelling",
        FOOT + " There is pitting edema of the right ankle.",
        FOOT + " There is no swelling.",
        "Compression stockings",
        D2016,
        "odg.compression.non-surgical",
        "overturned",
        "upheld",
    ),
    # ---- neck: collar, traction ------------------------------------------------------------------------------------
    (
        "post-op collar: two-level vs single-level fusion",
        NECK + " He is scheduled for a two-level anterior cervical discectomy and fusion at C5-6 and C6-7.",
        NECK + " He is scheduled for a single-level C5-6 anterior cervical discectomy and fusion.",
        "Associated surgical service: Cervical collar",
        D2016,
        "odg.neck.collar.postoperative",
        "overturned",
        "upheld",
    ),
    (
        "collar without surgery: not recommended",
        NECK + " He has cervical strain.",
        NECK + " He has cervical strain and severe spasm.",
        "Soft cervical collar",
        D2016,
        "acoem-ch8-2004.cervical-collar",
        "upheld",
        "upheld",
    ),
    (
        "cervical traction: home exercise vs none documented",
        NECK + " He has neck pain radiating to the right arm and does a daily home exercise program.",
        NECK + " He has neck pain radiating to the right arm.",
        "Home cervical traction unit",
        D2016,
        "acoem-ch8-2004.traction-unit",
        "overturned",
        "upheld",
    ),
    (
        "lumbar traction: not recommended",
        BACK + " She has low back pain.",
        BACK + " She has low back pain radiating to the left leg.",
        "Lumbar traction unit",
        D2016,
        "acoem-ch12-2004.traction-unit",
        "upheld",
        "upheld",
    ),
    # ---- TENS supplies ----------------------------------------------------------------------------------------------
    (
        "TENS supplies 2016: unit helps vs unit did not help",
        BACK + " She uses a TENS unit daily. The TENS unit reduces her pain from 7/10 to 4/10.",
        BACK + " She uses a TENS unit daily. The TENS unit did not help.",
        "TENS electrodes x 2 packs",
        D2016,
        "cpmtg-2016.tens-supplies",
        "overturned",
        "upheld",
    ),
    (
        "TENS supplies 2009: unit helps vs no benefit documented",
        BACK + " She uses a TENS unit daily. The TENS unit reduces her pain from 7/10 to 4/10.",
        BACK + " She uses a TENS unit daily.",
        "TENS patches",
        D2015,
        "cpmtg-2009.tens-supplies",
        "overturned",
        "upheld",
    ),
    # ---- hearing, psychiatric programmes, facilities --------------------------------------------------------------------
    (
        "hearing aids: audiogram shows loss vs normal audiogram",
        KNEE + " An audiogram showed bilateral sensorineural hearing loss.",
        KNEE + " An audiogram was normal.",
        "Bilateral hearing aids",
        D2016,
        "odg.head.hearing-aids",
        "overturned",
        "upheld",
    ),
    (
        "partial hospitalization: failed outpatient care vs none documented",
        PSYCH + " She has major depressive disorder that has not responded to outpatient psychotherapy.",
        PSYCH + " She has major depressive disorder.",
        "Partial hospitalization program x 20 days",
        D2016,
        "odg.mental.partial-hospitalization",
        "overturned",
        "upheld",
    ),
    (
        "inpatient rehabilitation: lives alone vs wife will help at home",
        HIP + " He underwent open reduction and internal fixation. He requires daily physical therapy and skilled"
        " nursing. He lives alone.",
        HIP + " He underwent open reduction and internal fixation. He requires daily physical therapy and skilled"
        " nursing. He was discharged home with home health and his wife will help him.",
        "Inpatient rehabilitation stay x 14 days",
        D2016,
        "odg.skilled-nursing-facility",
        "overturned",
        "upheld",
    ),
    (
        "inpatient detoxification: withdrawal seizures and failed outpatient taper vs neither",
        BACK + " She has a history of withdrawal seizures. An outpatient taper failed.",
        BACK + " She takes Norco and wishes to stop it.",
        "Inpatient detoxification x 7 days",
        D2016,
        "odg.hospital.inpatient-stay",
        "overturned",
        "upheld",
    ),
    (
        "sedation for an epidural: needle phobia vs none",
        BACK + " She has a needle phobia.",
        BACK + " She has low back pain.",
        "IV sedation for lumbar epidural",
        D2016,
        "odg.anesthesia.procedural-sedation",
        "overturned",
        "upheld",
    ),
    (
        "anesthesia: surgery scheduled vs none planned",
        KNEE + " He is scheduled for surgery.",
        KNEE + " He attends physical therapy.",
        "Anesthesia",
        D2016,
        "odg.anesthesia.surgical",
        "overturned",
        "upheld",
    ),
    (
        "weight loss: supervised programme vs Weight Watchers",
        KNEE + " His BMI is 39. Despite dieting he has been unable to lose weight.",
        KNEE + " His BMI is 39. Despite dieting he has been unable to lose weight.",
        "Physician-supervised weight loss program|Weight Watchers",
        D2016,
        "odg.weight-loss-program",
        "overturned",
        "upheld",
    ),
    # ---- consultations (ACOEM ch. 7 p. 127) -----------------------------------------------------------------------------
    (
        "pain management: opioids vs ibuprofen only",
        BACK + " She takes Norco 10/325 mg four times a day.",
        BACK + " She takes ibuprofen as needed.",
        "Pain management consultation",
        D2016,
        "acoem-ch7-2004.consultation.pain-management",
        "overturned",
        "upheld",
    ),
    (
        "medication management: one visit vs six",
        PSYCH + " She takes sertraline and clonazepam.",
        PSYCH + " She takes sertraline and clonazepam.",
        "Medication management|Medication management visits x 6",
        D2016,
        "acoem-ch7-2004.consultation.medication-management",
        "overturned",
        "upheld",
    ),
    (
        "surgeon: MRI shows a meniscus tear vs an unremarkable MRI",
        KNEE + " An MRI of the right knee showed a tear of the medial meniscus.",
        KNEE + " An MRI of the right knee was unremarkable.",
        "Orthopedic consultation for the right knee",
        D2016,
        "acoem-ch7-2004.consultation.surgical",
        "overturned",
        "upheld",
    ),
    (
        "other specialist: uncertain diagnosis vs settled",
        NECK + " The differential diagnosis includes cervical radiculopathy and a peripheral entrapment.",
        NECK + " He has neck pain. Reflexes, strength and sensation were intact.",
        "Neurology consultation",
        D2016,
        "acoem-ch7-2004.consultation",
        "overturned",
        "upheld",
    ),
]


def _decide(summary: str, request: str, on: dt.date) -> tuple[str | None, tuple[str, ...]]:
    item = decide_item(1, request, extract_facts(summary), CaseDates(request_date=on))
    return (item.decision.value if item.decision else None), item.rule_ids


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_one_fact_changes_the_decision(row: tuple[str, str, str, str, dt.date, str, str, str]) -> None:
    _, base, changed, requests, on, rule_id, before, after = row
    first, _, second = requests.partition("|")
    assert _decide(base, first, on) == (before, (rule_id,))
    assert _decide(changed, second or first, on) == (after, (rule_id,))
