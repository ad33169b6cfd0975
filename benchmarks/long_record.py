"""A long case file for the reading benchmark: about 500 pages (1.5 MB) of treating records, built from varied
templates at benchmark time with a fixed seed (nothing downloaded, nothing stored).

`python -m benchmarks.long_record` prints the size and the seconds fact extraction takes; `make bench` runs it
with the other figures.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass

PAGE = 3_000  # characters of a printed record page, about

# the injured worker: the spine region injured (the pain's site, its adjective) and a second body part
_SPINES = [("neck", "cervical"), ("low back", "lumbar")]
_JOINTS = ["right shoulder", "left shoulder", "right knee", "left knee", "right wrist", "left hip"]
_DIAGNOSES = [
    "{Spine} strain, subsequent encounter",
    "{Spine} sprain without radiculopathy",
    "Myofascial pain of the {site} region",
    "{Spine} degenerative disc disease",
    "{Spine} radiculopathy, right, rule out peripheral neuropathy",
    "Chronic pain syndrome",
    "Sleep disturbance secondary to pain",
    "Differential diagnosis includes facet syndrome versus discogenic pain",
    "{Joint} impingement syndrome",
    "{Joint} internal derangement, rule out meniscal tear",
]
_DRUGS = [
    ("Norco", "10/325 mg", "one tablet every 6 hours as needed"),
    ("gabapentin", "300 mg", "three times a day"),
    ("naproxen", "550 mg", "twice a day"),
    ("cyclobenzaprine", "7.5 mg", "at bedtime"),
    ("tramadol ER", "150 mg", "once a day"),
    ("omeprazole", "20 mg", "daily"),
    ("Lidoderm", "5% patch", "12 hours on, 12 hours off"),
    ("duloxetine", "30 mg", "daily"),
]
_MODALITIES = ["physical therapy", "chiropractic treatment", "acupuncture", "aquatic therapy", "massage therapy"]
_ACTIVITIES = ["household chores", "grocery shopping", "walking the dog", "light gardening", "driving to work"]
_EXAM = [
    "Tenderness to palpation of the {spine} paraspinal muscles with guarding.",
    "Range of motion of the {spine} spine is reduced by about a third in flexion and extension.",
    "The {joint} shows tenderness at the joint line with full passive range of motion.",
    "Motor strength 5/5 in all major muscle groups of the upper and lower extremities.",
    "Sensation is intact to light touch in all dermatomes tested.",
    "Decreased sensation in the right C6 dermatome.",
    "Deep tendon reflexes 2+ and symmetric at the biceps, triceps, patella and Achilles.",
    "Straight leg raise negative bilaterally; Spurling test positive on the right.",
    "Gait is antalgic; {she} is able to heel and toe walk with effort.",
    "No muscle atrophy. No clonus. Phalen and Tinel signs negative at both wrists.",
]
_COMPLAINTS = [
    "{She} reports constant {site} pain rated {pain}/10, worse with prolonged sitting and lifting.",
    "{She} describes aching {joint} pain at {pain}/10 with intermittent numbness and tingling.",
    "Pain is {pain}/10 with medication and {worse}/10 without medication.",
    "{She} sleeps about {sleep} hours a night and wakes two to three times because of pain.",
    "{She} can walk about {walk} blocks and sit for {sit} minutes before {she} must change position.",
    "{She} denies bowel or bladder changes, fever, chills or unexplained weight loss.",
    "The medications allow {her} to do light housework; without them {she} stays in bed most of the day.",
    "{She} has not resumed {activity} and needs help from family with laundry.",
    "Since the last visit {she} has resumed {activity}.",
    "There is no new injury and no flare-up since the last visit.",
    "{She} remains frustrated with the pace of recovery and asks about other treatment options.",
]
_PLAN = [
    "Request authorization for {modality} 2 times a week for 4 weeks for the {site}.",
    "Request a first trial of {modality}, 6 visits, for the {joint}.",
    "Continue {drug} {dose} {frequency}.",
    "Start a trial of {drug} {dose} {frequency}.",
    "Urine drug screen today; CURES report reviewed and consistent.",
    "Continue the home exercise program daily.",
    "MRI of the {spine} spine to rule out disc herniation if symptoms persist.",
    "Refer to pain management for consideration of an epidural steroid injection.",
    "Follow up in 4 to 6 weeks.",
]
_WORK = [
    "Temporarily totally disabled until the next visit.",
    "Modified duty: no lifting over 20 lb and no repetitive overhead reaching.",
    "Return to regular duty without restrictions.",
    "Modified duty is not available; she remains off work.",
]


@dataclass(frozen=True, slots=True)
class CaseFile:
    text: str
    document_starts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Patient:
    she: str
    her: str
    site: str
    spine: str
    joint: str


def build_case_file(pages: int = 500, seed: int = 2016) -> CaseFile:
    """Progress reports, therapy notes and imaging reports of one injured worker, visit after visit, until
    ``pages`` pages."""
    rng = random.Random(seed)
    she, her = rng.choice([("she", "her"), ("he", "him")])
    site, spine = rng.choice(_SPINES)
    patient = _Patient(she, her, site, spine, rng.choice(_JOINTS))
    visit = dt.date(2015, 3, 2)
    parts: list[str] = []
    starts: list[int] = []
    size = 0
    while size < pages * PAGE:
        visit += dt.timedelta(days=rng.randint(7, 35))
        writer = rng.choice([_progress_report, _progress_report, _therapy_note, _imaging_report])
        document = writer(rng, patient, visit)
        starts.append(size)
        parts.append(document)
        size += len(document)
    return CaseFile("".join(parts), tuple(starts))


def _fill(rng: random.Random, patient: _Patient, template: str) -> str:
    drug, dose, frequency = rng.choice(_DRUGS)
    pain = rng.randint(3, 9)
    return template.format(
        she=patient.she,
        She=patient.she.capitalize(),
        her=patient.her,
        site=patient.site,
        spine=patient.spine,
        Spine=patient.spine.capitalize(),
        joint=patient.joint,
        Joint=patient.joint.capitalize(),
        pain=pain,
        worse=min(10, pain + rng.randint(1, 3)),
        sleep=rng.randint(3, 7),
        walk=rng.choice(["two", "three", "four", "6", "10"]),
        sit=rng.choice([15, 20, 30, 45]),
        activity=rng.choice(_ACTIVITIES),
        modality=rng.choice(_MODALITIES),
        drug=drug,
        dose=dose,
        frequency=frequency,
    )


def _lines(rng: random.Random, patient: _Patient, templates: list[str], low: int, high: int) -> list[str]:
    chosen = rng.sample(templates, rng.randint(low, min(high, len(templates))))
    return [_fill(rng, patient, t) for t in chosen]


def _progress_report(rng: random.Random, patient: _Patient, visit: dt.date) -> str:
    day = visit.strftime("%m/%d/%Y")
    history = " ".join(_lines(rng, patient, _COMPLAINTS, 5, 9))
    earlier = (visit - dt.timedelta(days=rng.randint(20, 60))).strftime("%m/%d/%Y")
    sessions = rng.choice([6, 8, 12, 18, 24])
    return "\n".join(
        [
            "PACIFIC COAST OCCUPATIONAL MEDICINE",
            "1200 Harbor View Drive, Suite 300, Long Beach, CA 90802",
            "",
            "PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)",
            f"Date of examination: {day}",
            "",
            "SUBJECTIVE",
            history,
            f"On {earlier} {patient.she} rated the {patient.site} pain {rng.randint(5, 9)}/10; today "
            f"{patient.she} rates it {rng.randint(2, 8)}/10.",
            "",
            "TREATMENT TO DATE",
            f"- {rng.choice(_MODALITIES).capitalize()}: {sessions} sessions with partial benefit.",
            f"- Medications: {', '.join(_fill(rng, patient, '{drug} {dose} {frequency}') for _ in range(3))}.",
            "- No surgery. No injections to date.",
            "",
            "PHYSICAL EXAMINATION",
            " ".join(_lines(rng, patient, _EXAM, 4, 7)),
            "",
            "DIAGNOSES",
            *(f"{n}. {d}" for n, d in enumerate(_lines(rng, patient, _DIAGNOSES, 2, 4), start=1)),
            "",
            "TREATMENT PLAN / REQUESTS",
            *(f"{n}. {p}" for n, p in enumerate(_lines(rng, patient, _PLAN, 3, 6), start=1)),
            "",
            "WORK STATUS",
            rng.choice(_WORK),
            "",
            "I declare under penalty of perjury that this report is true and correct.",
            "",
            "",
        ]
    )


def _therapy_note(rng: random.Random, patient: _Patient, visit: dt.date) -> str:
    day = visit.strftime("%m/%d/%Y")
    number = rng.randint(1, 24)
    return "\n".join(
        [
            "SHORELINE PHYSICAL THERAPY & REHAB",
            f"Daily note, visit {number} of 24. Date of service: {day}",
            "",
            "S: " + " ".join(_lines(rng, patient, _COMPLAINTS, 2, 4)),
            "O: " + " ".join(_lines(rng, patient, _EXAM, 2, 4)),
            "Treatment: therapeutic exercise 30 minutes, manual therapy 15 minutes, moist heat 10 minutes.",
            "A: Progressing slowly toward goals; tolerated treatment well without increase in symptoms.",
            "Plan: Continue per plan of care, 2 times a week. Progress the home exercise program.",
            "",
            "",
        ]
    )


def _imaging_report(rng: random.Random, patient: _Patient, visit: dt.date) -> str:
    adjective = patient.spine
    level = rng.choice(["L4-L5", "L5-S1"] if adjective == "lumbar" else ["C5-C6", "C6-C7"])
    return "\n".join(
        [
            "LOS CERRITOS IMAGING CENTER",
            f"RADIOLOGY REPORT. Date of service: {visit.strftime('%m/%d/%Y')}",
            f"Exam: MRI of the {adjective} spine without contrast.",
            "",
            "FINDINGS",
            f"At {level} there is a 3 mm broad-based disc protrusion with mild neural foraminal narrowing. "
            "No fracture. No spondylolisthesis. The remaining levels show mild desiccation without stenosis.",
            "",
            "IMPRESSION",
            f"1. Mild degenerative disc disease at {level}.",
            "2. No acute osseous abnormality.",
            "",
            "",
        ]
    )


def measure(pages: int = 500) -> dict[str, float | int]:
    """Build the case file, then time fact extraction over it (the pipeline built beforehand)."""
    from imr.facts import extract_facts

    extract_facts("The pipeline is built before timing.")
    case = build_case_file(pages)
    start = time.perf_counter()
    facts = extract_facts(case.text, documents=case.document_starts)
    seconds = time.perf_counter() - start
    return {
        "long_record_pages": pages,
        "long_record_characters": len(case.text),
        "long_record_facts": len(facts.facts),
        "long_record_extraction_seconds": round(seconds, 1),
    }


if __name__ == "__main__":
    for key, value in measure().items():
        print(f"{key:<32}  {value}")
