"""The request parser on every item title of the seed letters and of the 2016 corpus, plus negative rows.

Each row is ``(title, expected)``; ``expected`` names the service and every field that differs from the
default, and the test checks all the other fields are at their default, so a row reads as the whole
answer. The expected values were written by reading each title, not by running the parser. Conventions:
a range counts at its upper bound ("12-18 sessions" -> 18); "#N", "x N" and a leading "1"/"One (1)" count
units of any service (devices too: "Wrist braces #2" -> 2); "Three months coverage" is a 90-day supply; a
bare "back" is the lumbar spine (ACOEM Chapter 12 covers the whole back).

The corpus titles are short quotations of the 2016 letters, kept here so the test runs without the
corpus; a title the letter reader hands over after cutting the "remaining IMR eligible
portion" sentence appears both whole and cut.
"""

from __future__ import annotations

from typing import Any

import pytest

from imr.errors import RequestParseError
from imr.records import BodyRegion, Drug, TreatmentRequest
from imr.requests import load_vocabulary, parse_request


def R(*labels: str) -> tuple[BodyRegion, ...]:
    """Regions written as "left knee" / "lumbar_spine"."""
    regions = []
    for label in labels:
        side, _, region = label.rpartition(" ")
        regions.append(BodyRegion(region, side or None))
    return tuple(regions)


Row = tuple[str, dict[str, Any]]

# The seven item titles of the five seed letters (tests/fixtures/seeds).
SEED_ROWS: list[Row] = [
    (
        "CONTINUE TWELVE (12) PHYSICAL THERAPY SESSIONS FOR  CERVICAL SPINE",
        {"service": "physical_therapy", "additional": True, "sessions": 12, "regions": R("cervical_spine")},
    ),
    (
        "Additional physical therapy",
        {"service": "physical_therapy", "additional": True, "unknown": ("sessions",)},
    ),
    (
        "PT 2X4 FOR THE L/S",
        {
            "service": "physical_therapy",
            "sessions": 8,
            "frequency_per_week": 2,
            "weeks": 4,
            "regions": R("lumbar_spine"),
        },
    ),
    ("MRI FOR THE C/S AND L/S", {"service": "mri", "regions": R("cervical_spine", "lumbar_spine")}),
    (
        "Additional occupational therapy 2x6 weeks (12 sessions) low back, right shoulder, right wrist",
        {
            "service": "occupational_therapy",
            "additional": True,
            "sessions": 12,
            "frequency_per_week": 2,
            "weeks": 6,
            "regions": R("lumbar_spine", "right shoulder", "right wrist"),
        },
    ),
    (
        "Physical Therapy x 6 for the Bilateral Upper Extremity & Low Back",
        {
            "service": "physical_therapy",
            "sessions": 6,
            "regions": R("bilateral upper_extremity", "lumbar_spine"),
        },
    ),
    (
        "Medical Massage x 6 for the Neck & Lumbar Spine",
        {"service": "massage", "sessions": 6, "regions": R("cervical_spine", "lumbar_spine")},
    ),
]

# The 129 distinct item titles of the 132 items in the 64 letters of the 2016 corpus, in letter order.
CORPUS_ROWS: list[Row] = [
    ("Facet joint injections L4-5, L5-S1", {"service": "facet_injection", "regions": R("lumbar_spine")}),
    (
        "Three months coverage of Viagra 50mg",
        {
            "service": "medication",
            "drug": Drug("sildenafil", brand="Viagra", strength="50 mg", days_supply=90, drug_class="pde5_inhibitor"),
            "unknown": ("drug.quantity",),
        },
    ),
    ("Cervical spine MRI without contrast", {"service": "mri", "regions": R("cervical_spine")}),
    (
        "Chiropractic physiotherapy treatment 12 visits for the cervical spine and back followed "
        "by re-examination was the original request. Chiropractic physiotherapy treatment 6 "
        "visits was authorized by the Claims Administrator. The remaining IMR eligible portion of "
        "the original request, Chiropractic physiotherapy treatment 6 visits is",
        {
            "service": "chiropractic",
            "sessions": 6,
            "original_text": (
                "Chiropractic physiotherapy treatment 12 visits for the cervical spine and back followed "
                "by re-examination"
            ),
        },
    ),
    (
        "Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the "
        "Claims Administrator. The remaining IMR eligible portion of the original request, Norco "
        "10/325mg #35 is",
        {
            "service": "medication",
            "drug": Drug(
                "hydrocodone/acetaminophen",
                brand="Norco",
                strength="10/325 mg",
                quantity=35,
                drug_class="opioid",
            ),
            "original_text": "Norco 10/325mg #60",
        },
    ),
    (
        "MRI of the cervical spine bilateral without contrast",
        {"service": "mri", "regions": R("cervical_spine")},
    ),
    (
        "MRI (magnetic resonance imaging) of the cervical spine",
        {"service": "mri", "regions": R("cervical_spine")},
    ),
    (
        "EMG (electromyography)/NCV (nerve conduction velocity) of the bilateral upper extremities",
        {"service": "emg_ncs", "regions": R("bilateral upper_extremity")},
    ),
    ("Cervical CT scan", {"service": "ct", "regions": R("cervical_spine")}),
    ("CT scan of the thoracic spine", {"service": "ct", "regions": R("thoracic_spine")}),
    ("TOC to ortho spine surgeon eval and treatment", {"service": "consultation"}),
    ("Electroencephalogram", {"service": "eeg"}),
    (
        "Additional physical therapy two times four visits (8) for the lumbar and bilateral knees",
        {
            "service": "physical_therapy",
            "additional": True,
            "sessions": 8,
            "frequency_per_week": 2,
            "weeks": 4,
            "regions": R("lumbar_spine", "bilateral knee"),
        },
    ),
    ("MRI of the left shoulder", {"service": "mri", "regions": R("left shoulder")}),
    (
        "Oxycodone HCL ER 20mg #60 day supply: 30",
        {
            "service": "medication",
            "drug": Drug("oxycodone", strength="20 mg", quantity=60, days_supply=30, drug_class="opioid"),
        },
    ),
    (
        "Chiropractic spinal manipulation times 12 was the original request. Chiropractic spinal "
        "manipulation times 6 was authorized by the Claims Administrator. The remaining IMR "
        "eligible portion of the original request, Chiropractic spinal manipulation times 6 is",
        {
            "service": "chiropractic",
            "sessions": 6,
            "original_text": "Chiropractic spinal manipulation times 12",
        },
    ),
    (
        "Chiropractic joint manipulation times 12 was the original request. Chiropractic joint "
        "manipulation times 6 was authorized by the Claims Administrator. The remaining IMR "
        "eligible portion of the original request, Chiropractic joint manipulation times 6 is",
        {
            "service": "chiropractic",
            "sessions": 6,
            "original_text": "Chiropractic joint manipulation times 12",
        },
    ),
    (
        "Electrical stimulation times 12 was the original request. Electrical stimulation times 6 "
        "was authorized by the Claims Administrator. The remaining IMR eligible portion of the "
        "original request, Electrical stimulation times 6 is",
        {"service": "e_stim", "sessions": 6, "original_text": "Electrical stimulation times 12"},
    ),
    (
        "Spinolator therapy (traction) times 12 was the original request. Spinolator therapy "
        "(traction) times 6 was authorized by the Claims Administrator. The remaining IMR "
        "eligible portion of the original request, Spinolator therapy (traction) times 6 is",
        {"service": "traction", "sessions": 6, "original_text": "Spinolator therapy (traction) times 12"},
    ),
    (
        "Ice/Heat pads therapy times 12 was the original request. Ice/Heat pads therapy times 6 "
        "was authorized by the Claims Administrator. The remaining IMR eligible portion of the "
        "original request, Ice/Heat pads therapy times 6 is",
        {"service": "heat_cold_therapy", "sessions": 6, "original_text": "Ice/Heat pads therapy times 12"},
    ),
    ("EMG/NCS of the bilateral hand", {"service": "emg_ncs", "regions": R("bilateral hand")}),
    (
        "Voltaren gel apply to affected area 4 times a day, #60 grams with 1 refill, DOS: 11/11/2016",
        {
            "service": "medication",
            "drug": Drug("diclofenac", brand="Voltaren", quantity=60, drug_class="topical_nsaid", form="gel"),
            "retrospective": True,
            "unknown": ("drug.strength",),
        },
    ),
    (
        "Lidoderm patch, 12 hours on 12 hours off to affected area, #1 box with 1 refill, DOS: 11/11/2016",
        {
            "service": "medication",
            "drug": Drug("lidocaine", brand="Lidoderm", quantity=1, drug_class="topical_lidocaine", form="patch"),
            "retrospective": True,
            "unknown": ("drug.strength",),
        },
    ),
    ("MRI of the left hip", {"service": "mri", "regions": R("left hip")}),
    ("MRI of the left knee without contrast", {"service": "mri", "regions": R("left knee")}),
    (
        "Etodolac",
        {
            "service": "medication",
            "drug": Drug("etodolac", drug_class="nsaid"),
            "unknown": ("drug.strength", "drug.quantity"),
        },
    ),
    (
        "Lidocaine patch",
        {
            "service": "medication",
            "drug": Drug("lidocaine", drug_class="topical_lidocaine", form="patch"),
            "unknown": ("drug.strength", "drug.quantity"),
        },
    ),
    (
        "Omeprazole",
        {
            "service": "medication",
            "drug": Drug("omeprazole", drug_class="ppi"),
            "unknown": ("drug.strength", "drug.quantity"),
        },
    ),
    (
        "Cyclobenzaprine",
        {
            "service": "medication",
            "drug": Drug("cyclobenzaprine", drug_class="muscle_relaxant"),
            "unknown": ("drug.strength", "drug.quantity"),
        },
    ),
    (
        "Flector 1.3% transdermal patch",
        {
            "service": "medication",
            "drug": Drug("diclofenac", brand="Flector", strength="1.3%", drug_class="topical_nsaid", form="patch"),
            "unknown": ("drug.quantity",),
        },
    ),
    ("Back support", {"service": "dme", "regions": R("lumbar_spine")}),
    ("Custom touch back heat therapy pad", {"service": "dme", "regions": R("lumbar_spine")}),
    ("Hot/cold therapy wrap", {"service": "dme"}),
    (
        "Left shoulder arthroscopy with Bankart repair, possible biceps tenodesis",
        {"service": "surgery", "regions": R("left shoulder")},
    ),
    (
        "Associated surgical service: Physical therapy, times 12",
        {"service": "physical_therapy", "sessions": 12, "associated_surgical": True},
    ),
    (
        "Associated surgical service: Cold therapy for one week",
        {"service": "heat_cold_therapy", "weeks": 1, "associated_surgical": True, "unknown": ("sessions",)},
    ),
    ("Associated surgical service: Slingshot sling", {"service": "dme", "associated_surgical": True}),
    (
        "Post-op Percocet 5/325mg",
        {
            "service": "medication",
            "drug": Drug("oxycodone/acetaminophen", brand="Percocet", strength="5/325 mg", drug_class="opioid"),
            "postoperative": True,
            "unknown": ("drug.quantity",),
        },
    ),
    (
        "Post-op Zofran",
        {
            "service": "medication",
            "drug": Drug("ondansetron", brand="Zofran", drug_class="antiemetic"),
            "postoperative": True,
            "unknown": ("drug.strength", "drug.quantity"),
        },
    ),
    ("EMG of the left upper extremity", {"service": "emg", "regions": R("left upper_extremity")}),
    ("NCS of the left upper extremity", {"service": "ncs", "regions": R("left upper_extremity")}),
    (
        "Chiropractic therapy sessions for the cervical spine, #8 was the original request. "
        "Chiropractic therapy sessions for the cervical spine, #6 was authorized by the Claims "
        "Administrator. The remaining IMR eligible portion of the original request, Chiropractic "
        "therapy sessions for the cervical spine, #2 is",
        {
            "service": "chiropractic",
            "sessions": 2,
            "regions": R("cervical_spine"),
            "original_text": "Chiropractic therapy sessions for the cervical spine, #8",
        },
    ),
    ("CT scan of head", {"service": "ct", "regions": R("head")}),
    (
        "Naproxen 550mg #60",
        {
            "service": "medication",
            "drug": Drug("naproxen", strength="550 mg", quantity=60, drug_class="nsaid"),
        },
    ),
    (
        "Additional chiropractic three times a week for two weeks for the lumbar spine",
        {
            "service": "chiropractic",
            "additional": True,
            "sessions": 6,
            "frequency_per_week": 3,
            "weeks": 2,
            "regions": R("lumbar_spine"),
        },
    ),
    (
        "EMG/NCS of the bilateral upper extremities",
        {"service": "emg_ncs", "regions": R("bilateral upper_extremity")},
    ),
    ("TENS unit", {"service": "tens", "unknown": ("purchase",)}),
    ("Lumbar support", {"service": "dme", "regions": R("lumbar_spine")}),
    ("Cervical pillow", {"service": "dme", "regions": R("cervical_spine")}),
    ("Wedge pillow", {"service": "dme"}),
    ("Wrist braces #2", {"service": "dme", "sessions": 2, "regions": R("wrist")}),
    ("Elbow braces #2", {"service": "dme", "sessions": 2, "regions": R("elbow")}),
    ("MRI without contrast of the right hip", {"service": "mri", "regions": R("right hip")}),
    (
        "Pantoprazole 40mg, one by mouth, twice a day #60 with one refill",
        {
            "service": "medication",
            "drug": Drug("pantoprazole", strength="40 mg", quantity=60, drug_class="ppi"),
        },
    ),
    ("Left knee MRI without contrast", {"service": "mri", "regions": R("left knee")}),
    (
        "Home aide 12 hours per day, 5 times a week for 4 weeks to assist with mobility, "
        "transfer, ADL's and safety in the home when wife is working was the original request. "
        "Home aide 6 hours per day, 5 times a week for 4 weeks to assist with mobility, transfer, "
        "ADL's and safety in the home when wife is working was authorized by the Claims "
        "Administrator. The remaining IMR eligible portion of the original request, Home aide 6 "
        "hours per day, 5 times a week for 4 weeks to assist with mobility, transfer, ADL's and "
        "safety in the home when wife is working is",
        {
            "service": "home_health",
            "sessions": 20,
            "frequency_per_week": 5,
            "weeks": 4,
            "original_text": (
                "Home aide 12 hours per day, 5 times a week for 4 weeks to assist with mobility, "
                "transfer, ADL's and safety in the home when wife is working"
            ),
        },
    ),
    (
        "Physical therapy 2 times a week for 6 weeks (12 sessions) to the right elbow was the "
        "original request. The Claims Administrator authorized 2 sessions of occupational "
        "therapy, leaving the original request IMR eligible. The original request, physical "
        "therapy 2 times a week for 6 weeks (12 sessions) to the right elbow is",
        {
            "service": "physical_therapy",
            "sessions": 12,
            "frequency_per_week": 2,
            "weeks": 6,
            "regions": R("right elbow"),
            "original_text": "Physical therapy 2 times a week for 6 weeks (12 sessions) to the right elbow",
        },
    ),
    (
        "Chiropractic treatment for cervical and lumbar spine, left wrist/hand, 3 times a week for 4 weeks",
        {
            "service": "chiropractic",
            "sessions": 12,
            "frequency_per_week": 3,
            "weeks": 4,
            "regions": R("cervical_spine", "lumbar_spine", "left wrist", "left hand"),
        },
    ),
    ("MRI of the cervical spine", {"service": "mri", "regions": R("cervical_spine")}),
    ("MRI of the lumbar spine", {"service": "mri", "regions": R("lumbar_spine")}),
    ("MRI of the left wrist", {"service": "mri", "regions": R("left wrist")}),
    (
        "1 platelet rich plasma injection to left foot",
        {"service": "prp_injection", "sessions": 1, "regions": R("left foot")},
    ),
    ("1 knee scooter", {"service": "dme", "sessions": 1}),
    (
        "Chiropractic care for the low back; six sessions",
        {"service": "chiropractic", "sessions": 6, "regions": R("lumbar_spine")},
    ),
    (
        "Physical therapy additional 3 visits per week for 2 weeks",
        {
            "service": "physical_therapy",
            "additional": True,
            "sessions": 6,
            "frequency_per_week": 3,
            "weeks": 2,
        },
    ),
    (
        "Lumbar epidural steroid injection with pain interventionist consult and treatment",
        {"service": "epidural_steroid_injection", "regions": R("lumbar_spine")},
    ),
    ("MRI of the thoracic spine", {"service": "mri", "regions": R("thoracic_spine")}),
    ("Open MRI of the lumbar spine without contrast", {"service": "mri", "regions": R("lumbar_spine")}),
    ("Open MRI of the lumbosacral spine", {"service": "mri", "regions": R("lumbar_spine")}),
    ("Sit-stand workstation", {"service": "dme"}),
    (
        "Magnetic resonance imaging (MRI) of the right shoulder",
        {"service": "mri", "regions": R("right shoulder")},
    ),
    ("Transportation to/from all medical appointments", {"service": "transportation"}),
    (
        "Retrospective Cyclobenzaprine 7.5mg #60, per 12/07/2016 order was the original request. "
        "Retrospective Cyclobenzaprine 7.5mg #42, per 12/07/2016 order was authorized by the "
        "Claims Administrator. The remaining IMR eligible portion of the original request, "
        "Retrospective Cyclobenzaprine 7.5mg #18, per 12/07/2016 order is",
        {
            "service": "medication",
            "drug": Drug("cyclobenzaprine", strength="7.5 mg", quantity=18, drug_class="muscle_relaxant"),
            "retrospective": True,
            "original_text": "Retrospective Cyclobenzaprine 7.5mg #60, per 12/07/2016 order",
        },
    ),
    (
        "Retrospective Famotidine 20mg #60, per 12/07/2016 order",
        {
            "service": "medication",
            "drug": Drug("famotidine", strength="20 mg", quantity=60, drug_class="h2_blocker"),
            "retrospective": True,
        },
    ),
    (
        "Retrospective Lidopro 4%-27.5%-0.0325% 121gm #1, per 12/07/2016 order",
        {
            "service": "medication",
            "drug": Drug(
                "lidocaine/capsaicin/menthol/methyl salicylate",
                brand="Lidopro",
                strength="4%/27.5%/0.0325%",
                quantity=1,
                drug_class="topical_compound",
                form="ointment",
            ),
            "retrospective": True,
        },
    ),
    (
        "Retrospective TENS unit, purchase, lumbar spine, left hip, lower leg, and knee (DOS 12/29/16)",
        {
            "service": "tens",
            "regions": R("lumbar_spine", "left hip", "left lower_leg", "left knee"),
            "retrospective": True,
            "purchase": True,
        },
    ),
    (
        "Retrospective E-stim (DOS 12/29/16)",
        {"service": "e_stim", "retrospective": True, "unknown": ("sessions",)},
    ),
    ("Pre-op chest x-ray", {"service": "xray", "regions": R("chest")}),
    ("Pre-op labs: CBC", {"service": "lab_test"}),
    ("Pre-op labs: CMP", {"service": "lab_test"}),
    ("Pre-op labs: PT/PTT", {"service": "lab_test"}),
    ("Pre-op urinalysis", {"service": "lab_test"}),
    (
        "Post-op Norco 5/325mg #60, 1-2 tabs orally every 4-6 hrs as needed",
        {
            "service": "medication",
            "drug": Drug(
                "hydrocodone/acetaminophen",
                brand="Norco",
                strength="5/325 mg",
                quantity=60,
                drug_class="opioid",
                form="tablet",
            ),
            "postoperative": True,
        },
    ),
    (
        "Post-op Colace 100mg #60, 1 tablet by mouth as needed",
        {
            "service": "medication",
            "drug": Drug(
                "docusate",
                brand="Colace",
                strength="100 mg",
                quantity=60,
                drug_class="laxative",
                form="tablet",
            ),
            "postoperative": True,
        },
    ),
    (
        "Initial acupuncture, 1 to 2 times per week for 4 weeks, for the neck",
        {
            "service": "acupuncture",
            "additional": False,
            "sessions": 8,
            "frequency_per_week": 2,
            "weeks": 4,
            "regions": R("cervical_spine"),
        },
    ),
    (
        "Additional physical therapy, 1 to 2 times per week for 3 weeks, for the neck",
        {
            "service": "physical_therapy",
            "additional": True,
            "sessions": 6,
            "frequency_per_week": 2,
            "weeks": 3,
            "regions": R("cervical_spine"),
        },
    ),
    ("NCS/EMG RUE", {"service": "emg_ncs", "regions": R("right upper_extremity")}),
    (
        "SSEP of the lumbar and lower extremities",
        {"service": "ssep", "regions": R("lumbar_spine", "bilateral lower_extremity")},
    ),
    (
        "One platelet-rich plasma injection to the right knee",
        {"service": "prp_injection", "sessions": 1, "regions": R("right knee")},
    ),
    (
        "Physical therapy for 12 sessions was the original request. Physical therapy for 6 "
        "sessions was authorized by the Claims Administrator. The remaining IMR eligible portion "
        "of the original request, Physical therapy for 6 sessions is",
        {"service": "physical_therapy", "sessions": 6, "original_text": "Physical therapy for 12 sessions"},
    ),
    (
        "Ultram (tramadol) 50mg #90",
        {
            "service": "medication",
            "drug": Drug("tramadol", brand="Ultram", strength="50 mg", quantity=90, drug_class="opioid"),
        },
    ),
    (
        "Platelet-rich plasma injection to the right knee",
        {"service": "prp_injection", "regions": R("right knee")},
    ),
    (
        "Retrospective injection 5cc of lidocaine hcl 1percent and 1cc of dexamethasone 120mg to the right knee",
        {"service": "joint_injection", "regions": R("right knee"), "retrospective": True},
    ),
    (
        "Diclofenac/misoprostol 75-0.2mg #60 with 2 refills",
        {
            "service": "medication",
            "drug": Drug("diclofenac/misoprostol", strength="75/0.2 mg", quantity=60, drug_class="nsaid"),
        },
    ),
    (
        "Naproxen 500mg #60",
        {
            "service": "medication",
            "drug": Drug("naproxen", strength="500 mg", quantity=60, drug_class="nsaid"),
        },
    ),
    (
        "Pantoprazole 20mg #30",
        {
            "service": "medication",
            "drug": Drug("pantoprazole", strength="20 mg", quantity=30, drug_class="ppi"),
        },
    ),
    (
        "Dextromethorphan 5%/Amitriptyline 5%/Lidocaine/Capsaicin 0.025%, 120grams #1",
        {
            "service": "medication",
            "drug": Drug(
                "dextromethorphan/amitriptyline/lidocaine/capsaicin",
                strength="5%/5%/0.025%",
                quantity=1,
                drug_class="topical_compound",
            ),
        },
    ),
    (
        "Flurbiprofen 10%/Dextromethorphan 5%/Lidocaine 5%, 120grams #1",
        {
            "service": "medication",
            "drug": Drug(
                "flurbiprofen/dextromethorphan/lidocaine",
                strength="10%/5%/5%",
                quantity=1,
                drug_class="topical_compound",
            ),
        },
    ),
    (
        "Operative arthroscopy, superior labral anterior posterior repair, right shoulder",
        {"service": "surgery", "regions": R("right shoulder")},
    ),
    ("Associated surgical service: Ultrasling", {"service": "dme", "associated_surgical": True}),
    (
        "Associated surgical service: Vascutherm unit, 14 days rental",
        {"service": "dme", "associated_surgical": True, "purchase": False, "rental_days": 14},
    ),
    (
        "Associated surgical service: Hip pad",
        {"service": "dme", "regions": R("hip"), "associated_surgical": True},
    ),
    (
        "Associated surgical service: 2 leg wraps",
        {"service": "dme", "sessions": 2, "regions": R("lower_extremity"), "associated_surgical": True},
    ),
    (
        "Associated surgical service: EMS/TENS unit",
        {"service": "tens", "associated_surgical": True, "unknown": ("purchase",)},
    ),
    (
        "Associated surgical service: Medical clearance",
        {"service": "preoperative_clearance", "associated_surgical": True},
    ),
    ("Associated surgical service: EKG", {"service": "ekg", "associated_surgical": True}),
    (
        "Associated surgical service: Chest x-ray",
        {"service": "xray", "regions": R("chest"), "associated_surgical": True},
    ),
    ("Associated surgical service: Labs - CBC", {"service": "lab_test", "associated_surgical": True}),
    ("Associated surgical service: Labs - PT/PTT", {"service": "lab_test", "associated_surgical": True}),
    ("Associated surgical service: UA", {"service": "lab_test", "associated_surgical": True}),
    ("Associated surgical service: Labs - Chem panel", {"service": "lab_test", "associated_surgical": True}),
    (
        "Post-op physical therapy 12-18 sessions",
        {"service": "physical_therapy", "sessions": 18, "postoperative": True},
    ),
    ("Assistant surgeon", {"service": "assistant_surgeon"}),
    (
        "Physical therapy 2 times a week for 6 weeks bilateral shoulder, elbow and wrist",
        {
            "service": "physical_therapy",
            "sessions": 12,
            "frequency_per_week": 2,
            "weeks": 6,
            "regions": R("bilateral shoulder", "bilateral elbow", "bilateral wrist"),
        },
    ),
    (
        "Chiro with modalities 2 times a week for 6 weeks for neck, back",
        {
            "service": "chiropractic",
            "sessions": 12,
            "frequency_per_week": 2,
            "weeks": 6,
            "regions": R("cervical_spine", "lumbar_spine"),
        },
    ),
    (
        "Physical therapy, 2 times a week for 4 weeks, right knee",
        {
            "service": "physical_therapy",
            "sessions": 8,
            "frequency_per_week": 2,
            "weeks": 4,
            "regions": R("right knee"),
        },
    ),
    (
        "Baclofen 20mg #60",
        {
            "service": "medication",
            "drug": Drug("baclofen", strength="20 mg", quantity=60, drug_class="muscle_relaxant"),
        },
    ),
    (
        "Norco 7.5-325mg #112",
        {
            "service": "medication",
            "drug": Drug(
                "hydrocodone/acetaminophen",
                brand="Norco",
                strength="7.5/325 mg",
                quantity=112,
                drug_class="opioid",
            ),
        },
    ),
    (
        "Physical therapy treatments for the left shoulder wrist and hip",
        {
            "service": "physical_therapy",
            "regions": R("left shoulder", "left wrist", "left hip"),
            "unknown": ("sessions",),
        },
    ),
    ("MRI Cervical Spine", {"service": "mri", "regions": R("cervical_spine")}),
    ("MRI Thoracic Spine", {"service": "mri", "regions": R("thoracic_spine")}),
    (
        "Twelve physical therapy visits for the left hand/finger was the original request. Ten "
        "physical therapy visits for the left hand/finger was authorized by the Claims "
        "Administrator. The remaining IMR eligible portion of the original request, Two physical "
        "therapy visits for the left hand/finger",
        {
            "service": "physical_therapy",
            "sessions": 2,
            "regions": R("left hand", "left finger"),
            "original_text": "Twelve physical therapy visits for the left hand/finger",
        },
    ),
    ("Gym membership", {"service": "gym_membership"}),
    (
        "TENS unit, daily trial, cervical and thoracic spine, #30",
        {
            "service": "tens",
            "sessions": 30,
            "regions": R("cervical_spine", "thoracic_spine"),
            "unknown": ("purchase",),
        },
    ),
    (
        "MRI of the thoracic spine without contrast, #1",
        {"service": "mri", "sessions": 1, "regions": R("thoracic_spine")},
    ),
    (
        "Physical therapy 2 times a week for 6 weeks low back",
        {
            "service": "physical_therapy",
            "sessions": 12,
            "frequency_per_week": 2,
            "weeks": 6,
            "regions": R("lumbar_spine"),
        },
    ),
    (
        "One (1) x-ray of the thoracic spine",
        {"service": "xray", "sessions": 1, "regions": R("thoracic_spine")},
    ),
    ("One (1) x-ray of the lumbar spine", {"service": "xray", "sessions": 1, "regions": R("lumbar_spine")}),
    (
        "Six physical therapy visits for the lumbar",
        {"service": "physical_therapy", "sessions": 6, "regions": R("lumbar_spine")},
    ),
]

# What the letter reader hands over for the "remaining IMR eligible portion" titles: only the disputed part.
CUT_ROWS: list[Row] = [
    ("Chiropractic physiotherapy treatment 6 visits", {"service": "chiropractic", "sessions": 6}),
    (
        "Norco 10/325mg #35",
        {
            "service": "medication",
            "drug": Drug(
                "hydrocodone/acetaminophen",
                brand="Norco",
                strength="10/325 mg",
                quantity=35,
                drug_class="opioid",
            ),
        },
    ),
    ("Chiropractic spinal manipulation times 6", {"service": "chiropractic", "sessions": 6}),
    ("Spinolator therapy (traction) times 6", {"service": "traction", "sessions": 6}),
    ("Ice/Heat pads therapy times 6", {"service": "heat_cold_therapy", "sessions": 6}),
    (
        "Chiropractic therapy sessions for the cervical spine, #2",
        {"service": "chiropractic", "sessions": 2, "regions": R("cervical_spine")},
    ),
    (
        "Home aide 6 hours per day, 5 times a week for 4 weeks to assist with mobility, transfer, ADL's and "
        "safety in the home when wife is working",
        {"service": "home_health", "sessions": 20, "frequency_per_week": 5, "weeks": 4},
    ),
    (
        "Retrospective Cyclobenzaprine 7.5mg #18, per 12/07/2016 order",
        {
            "service": "medication",
            "drug": Drug("cyclobenzaprine", strength="7.5 mg", quantity=18, drug_class="muscle_relaxant"),
            "retrospective": True,
        },
    ),
    ("Physical therapy for 6 sessions", {"service": "physical_therapy", "sessions": 6}),
    (
        "Two physical therapy visits for the left hand/finger",
        {"service": "physical_therapy", "sessions": 2, "regions": R("left hand", "left finger")},
    ),
]

# Conventions and wordings the titles above do not cover.
MORE_ROWS: list[Row] = [
    ("Physical therapy #6", {"service": "physical_therapy", "sessions": 6}),
    ("Acupuncture six sessions", {"service": "acupuncture", "sessions": 6}),
    (
        "Physical therapy 2x/week x 4 weeks",
        {"service": "physical_therapy", "frequency_per_week": 2, "weeks": 4, "sessions": 8},
    ),
    (
        "Chiropractic twice weekly for 3 weeks",
        {"service": "chiropractic", "frequency_per_week": 2, "weeks": 3, "sessions": 6},
    ),
    (
        "Physical therapy 3 times a week",
        {"service": "physical_therapy", "frequency_per_week": 3, "unknown": ("sessions",)},
    ),
    ("Physical therapy x 0", {"service": "physical_therapy", "unknown": ("sessions",)}),
    (
        "Initial physical therapy",
        {"service": "physical_therapy", "additional": False, "unknown": ("sessions",)},
    ),
    ("MRI of the knee", {"service": "mri", "regions": R("knee"), "unknown": ("laterality",)}),
    ("MRI", {"service": "mri", "unknown": ("regions",)}),
    ("Bilateral knee MRI", {"service": "mri", "regions": R("bilateral knee")}),
    ("EMG/NCV BLE", {"service": "emg_ncs", "regions": R("bilateral lower_extremity")}),
    (
        "Post\ufffeop Zofran 4mg #10",
        {
            "service": "medication",
            "postoperative": True,
            "drug": Drug("ondansetron", brand="Zofran", strength="4 mg", quantity=10, drug_class="antiemetic"),
        },
    ),
    ("Cold therapy unit, 7 day rental", {"service": "dme", "purchase": False, "rental_days": 7}),
    ("Cold therapy unit rental", {"service": "dme", "purchase": False}),
    (
        "Butrans 10mcg/hr patch #4",
        {
            "service": "medication",
            "drug": Drug(
                "buprenorphine",
                brand="Butrans",
                strength="10 mcg/hr",
                quantity=4,
                drug_class="opioid",
                form="patch",
            ),
        },
    ),
    (
        "Norco (hydrocodone/APAP) 10/325mg #120",
        {
            "service": "medication",
            "drug": Drug(
                "hydrocodone/acetaminophen",
                brand="Norco",
                strength="10/325 mg",
                quantity=120,
                drug_class="opioid",
            ),
        },
    ),
    (
        "Tylenol #3 #30",
        {
            "service": "medication",
            "drug": Drug("codeine/acetaminophen", brand="Tylenol #3", quantity=30, drug_class="opioid"),
            "unknown": ("drug.strength",),
        },
    ),
    (
        "Voltaren 75mg #60",
        {
            "service": "medication",
            "drug": Drug("diclofenac", brand="Voltaren", strength="75 mg", quantity=60, drug_class="nsaid"),
        },
    ),
    (
        "Ketoprofen 20% cream 120gm",
        {
            "service": "medication",
            "drug": Drug("ketoprofen", strength="20%", quantity=120, drug_class="topical_nsaid", form="cream"),
        },
    ),
    (
        "Tramadol ER 150mg, 30 day supply",
        {
            "service": "medication",
            "drug": Drug("tramadol", strength="150 mg", days_supply=30, drug_class="opioid"),
            "unknown": ("drug.quantity",),
        },
    ),
    ("Pain medication", {"service": "medication", "unknown": ("drug",)}),
    (
        "Sacroiliac joint injection, left",
        {"service": "sacroiliac_joint_injection", "regions": R("sacroiliac_joint"), "unknown": ("laterality",)},
    ),
    (
        "Left sacroiliac joint injection",
        {"service": "sacroiliac_joint_injection", "regions": R("left sacroiliac_joint")},
    ),
    ("Repeat MRI of the lumbar spine", {"service": "mri", "additional": True, "regions": R("lumbar_spine")}),
    ("Urine drug screen", {"service": "urine_drug_test"}),
    ("Functional restoration program", {"service": "functional_restoration"}),
    ("Cognitive behavioral therapy x 6 sessions", {"service": "psychotherapy", "sessions": 6}),
]

NEGATIVE_ROWS: list[str] = [
    "",
    "   ",
    "Upheld",
    "The request is not medically necessary.",
    "There is no evidence of functional improvement.",
    "Xyzzy 10mg #30",
    "pt is to return in 6 weeks",  # "pt" is the patient, not physical therapy
    "12 sessions",
    "left knee",
    "original request",
]

DEFAULTS = {
    name: getattr(TreatmentRequest(text="", service="", category=""), name)
    for name in TreatmentRequest.__dataclass_fields__
    if name not in ("text", "service", "category", "span", "unknown")
}

ALL_ROWS = SEED_ROWS + CORPUS_ROWS + CUT_ROWS + MORE_ROWS


@pytest.mark.parametrize(("title", "expected"), ALL_ROWS, ids=[t[:60] for t, _ in ALL_ROWS])
def test_parse_row(title: str, expected: dict[str, Any]) -> None:
    request = parse_request(title)
    assert request.service == expected["service"]
    assert request.category == load_vocabulary().services[expected["service"]].category
    for name, default in DEFAULTS.items():
        assert getattr(request, name) == expected.get(name, default), name
    assert request.unknown == expected.get("unknown", ())


@pytest.mark.parametrize("text", NEGATIVE_ROWS)
def test_text_naming_no_service_is_refused(text: str) -> None:
    with pytest.raises(RequestParseError):
        parse_request(text)


def test_the_corpus_table_has_every_distinct_title() -> None:
    assert len(CORPUS_ROWS) == 129
    assert len({title for title, _ in CORPUS_ROWS}) == 129
