"""The request parser, one behaviour per test: forms, spans, errors, and the drugs IMR requests name."""

from __future__ import annotations

import pytest

from imr.errors import RequestParseError
from imr.records import Drug, Span
from imr.requests import load_vocabulary, parse_request

REMAINING = (
    "Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the Claims "
    "Administrator. The remaining IMR eligible portion of the original request, Norco 10/325mg #35 is"
)


# ------------------------------------------------------------------------------- "remaining IMR eligible"


def test_the_remaining_portion_is_the_request_and_the_first_part_the_original() -> None:
    request = parse_request(REMAINING)
    assert request.text == "Norco 10/325mg #35"
    assert request.original_text == "Norco 10/325mg #60"
    assert request.drug is not None and request.drug.quantity == 35


def test_the_span_narrows_to_the_remaining_portion_when_it_is_the_source_slice() -> None:
    source = "IMR ISSUES\n" + REMAINING + ": Upheld"
    start = source.index(REMAINING)
    request = parse_request(REMAINING, span=Span(start, start + len(REMAINING)))
    assert request.span is not None
    assert source[request.span.start : request.span.end] == "Norco 10/325mg #35"


def test_a_reflowed_title_keeps_the_span_it_was_given() -> None:
    reflowed = REMAINING.replace("Claims Administrator", "Claims\nAdministrator ")
    span = Span(100, 100 + len(REMAINING))  # the source slice is not the reflowed text
    assert parse_request(reflowed, span=span).span == span


def test_a_plain_title_keeps_its_span() -> None:
    assert parse_request("MRI of the left knee", span=Span(7, 27)).span == Span(7, 27)
    assert parse_request("MRI of the left knee").span is None


def test_the_other_remaining_wording_is_read_too() -> None:
    request = parse_request(
        "Physical therapy 2 times a week for 6 weeks (12 sessions) to the right elbow was the original "
        "request. The Claims Administrator authorized 2 sessions of occupational therapy, leaving the "
        "original request IMR eligible. The original request, physical therapy 2 times a week for 6 weeks "
        "(12 sessions) to the right elbow is"
    )
    assert request.service == "physical_therapy"  # not the occupational therapy that was authorized
    assert request.sessions == 12
    assert request.original_text is not None and request.original_text.startswith("Physical therapy 2 times")


def test_a_title_that_merely_mentions_the_original_request_is_parsed_whole() -> None:
    request = parse_request("Repeat MRI of the original request site, left knee")
    assert request.original_text is None
    assert request.service == "mri"


# ---------------------------------------------------------------------------------------------- errors


def test_text_naming_no_service_says_so_and_quotes_it() -> None:
    with pytest.raises(RequestParseError) as error:
        parse_request("Upheld")
    assert error.value.field == "request"
    assert str(error.value) == "request: no known service in request text 'Upheld'"


def test_a_long_text_is_quoted_shortened() -> None:
    with pytest.raises(RequestParseError) as error:
        parse_request("word " * 100)
    assert error.value.message.endswith("...'")
    assert len(error.value.message) < 200


def test_empty_text_is_refused() -> None:
    for text in ("", " \n\t "):
        with pytest.raises(RequestParseError, match="empty request text"):
            parse_request(text)


def test_an_unknown_drug_is_not_guessed() -> None:
    with pytest.raises(RequestParseError, match="no known service"):
        parse_request("Zyxobarb 10mg #30")


# -------------------------------------------------------------------------------------------- text form


def test_the_pdf_hyphen_character_reads_as_a_hyphen() -> None:
    request = parse_request("Post\ufffeop physical therapy 12\ufffe18 sessions")
    assert request.postoperative
    assert request.sessions == 18


def test_the_request_text_is_reflowed() -> None:
    request = parse_request("CONTINUE TWELVE (12) PHYSICAL THERAPY SESSIONS FOR  CERVICAL \nSPINE")
    assert request.text == "CONTINUE TWELVE (12) PHYSICAL THERAPY SESSIONS FOR CERVICAL SPINE"


def test_unknown_stays_none_and_is_named() -> None:
    request = parse_request("Additional physical therapy")
    assert request.sessions is None
    assert request.frequency_per_week is None
    assert request.weeks is None
    assert request.unknown == ("sessions",)


def test_a_frequency_without_weeks_gives_no_session_count() -> None:
    request = parse_request("Physical therapy 2 times per week")
    assert (request.frequency_per_week, request.weeks, request.sessions) == (2, None, None)


def test_an_explicit_count_wins_over_frequency_times_weeks() -> None:
    request = parse_request("Physical therapy 2x6 weeks (10 sessions)")
    assert (request.frequency_per_week, request.weeks, request.sessions) == (2, 6, 10)


def test_associated_surgical_service_is_parsed_after_the_prefix() -> None:
    request = parse_request("Associated surgical service: 2 leg wraps")
    assert request.associated_surgical
    assert request.service == "dme"
    assert request.sessions == 2


# ------------------------------------------------------------------------------------------ vocabulary


SERVICES_NAMED_IN_THE_BRIEF = {
    "physical_therapy": "physical_medicine",
    "occupational_therapy": "physical_medicine",
    "chiropractic": "physical_medicine",
    "massage": "physical_medicine",
    "acupuncture": "physical_medicine",
    "aquatic_therapy": "physical_medicine",
    "tens": "physical_medicine",
    "e_stim": "physical_medicine",
    "traction": "physical_medicine",
    "heat_cold_therapy": "physical_medicine",
    "mri": "imaging",
    "ct": "imaging",
    "xray": "imaging",
    "emg": "electrodiagnostics",
    "ncs": "electrodiagnostics",
    "emg_ncs": "electrodiagnostics",
    "ssep": "electrodiagnostics",
    "eeg": "electrodiagnostics",
    "epidural_steroid_injection": "injection",
    "facet_injection": "injection",
    "trigger_point_injection": "injection",
    "joint_injection": "injection",
    "prp_injection": "injection",
    "surgery": "surgery",
    "assistant_surgeon": "surgery",
    "medication": "medication",
    "dme": "dme",
    "home_health": "home_health",
    "transportation": "transportation",
    "consultation": "evaluation_management",
    "office_visit": "evaluation_management",
    "preoperative_clearance": "evaluation_management",
    "lab_test": "laboratory",
    "urine_drug_test": "laboratory",
    "psychotherapy": "behavioral",
    "functional_restoration": "program",
    "work_conditioning": "program",
    "gym_membership": "program",
}


def test_the_services_and_their_categories() -> None:
    services = load_vocabulary().services
    assert {key: services[key].category for key in SERVICES_NAMED_IN_THE_BRIEF} == SERVICES_NAMED_IN_THE_BRIEF


# The drugs IMR requests name most, by brand and by generic: (text, generic, class, brand as written).
DRUG_ROWS = [
    ("Norco 10/325mg #120", "hydrocodone/acetaminophen", "opioid", "Norco"),
    ("Hydrocodone/APAP 10/325mg #90", "hydrocodone/acetaminophen", "opioid", None),
    ("Percocet 10/325mg #60", "oxycodone/acetaminophen", "opioid", "Percocet"),
    ("OxyContin 20mg #60", "oxycodone", "opioid", "OxyContin"),
    ("Oxycodone 15mg #90", "oxycodone", "opioid", None),
    ("Tramadol 50mg #60", "tramadol", "opioid", None),
    ("Ultram ER 100mg #30", "tramadol", "opioid", "Ultram ER"),
    ("Butrans 10mcg/hr #4", "buprenorphine", "opioid", "Butrans"),
    ("Buprenorphine 2mg #30", "buprenorphine", "opioid", None),
    ("MS Contin 15mg #60", "morphine", "opioid", "MS Contin"),
    ("Morphine sulfate ER 30mg #60", "morphine", "opioid", None),
    ("Duragesic 25mcg/hr #10", "fentanyl", "opioid", "Duragesic"),
    ("Fentanyl patch 50mcg/hr", "fentanyl", "opioid", None),
    ("Methadone 10mg #90", "methadone", "opioid", None),
    ("Nucynta 50mg #60", "tapentadol", "opioid", "Nucynta"),
    ("Anaprox DS 550mg #60", "naproxen", "nsaid", "Anaprox DS"),
    ("Naproxen sodium 550mg #60", "naproxen", "nsaid", None),
    ("Motrin 800mg #90", "ibuprofen", "nsaid", "Motrin"),
    ("Ibuprofen 600mg", "ibuprofen", "nsaid", None),
    ("Etodolac ER 400mg #30", "etodolac", "nsaid", None),
    ("Mobic 15mg #30", "meloxicam", "nsaid", "Mobic"),
    ("Meloxicam 7.5mg", "meloxicam", "nsaid", None),
    ("Diclofenac sodium ER 100mg #30", "diclofenac", "nsaid", None),
    ("Voltaren gel 1% 100gm", "diclofenac", "topical_nsaid", "Voltaren"),
    ("Celebrex 200mg #30", "celecoxib", "nsaid", "Celebrex"),
    ("Toradol 60mg IM injection", "ketorolac", "nsaid", "Toradol"),
    ("Ketorolac 10mg #20", "ketorolac", "nsaid", None),
    ("Prilosec 20mg #30", "omeprazole", "ppi", "Prilosec"),
    ("Protonix 40mg #30", "pantoprazole", "ppi", "Protonix"),
    ("Famotidine 20mg", "famotidine", "h2_blocker", None),
    ("Ranitidine 150mg #60", "ranitidine", "h2_blocker", None),
    ("Flexeril 10mg #30", "cyclobenzaprine", "muscle_relaxant", "Flexeril"),
    ("Fexmid 7.5mg #60", "cyclobenzaprine", "muscle_relaxant", "Fexmid"),
    ("Zanaflex 4mg #60", "tizanidine", "muscle_relaxant", "Zanaflex"),
    ("Tizanidine 4mg", "tizanidine", "muscle_relaxant", None),
    ("Robaxin 750mg #60", "methocarbamol", "muscle_relaxant", "Robaxin"),
    ("Soma 350mg #30", "carisoprodol", "muscle_relaxant", "Soma"),
    ("Skelaxin 800mg #60", "metaxalone", "muscle_relaxant", "Skelaxin"),
    ("Baclofen 10mg", "baclofen", "muscle_relaxant", None),
    ("Neurontin 600mg #90", "gabapentin", "anticonvulsant", "Neurontin"),
    ("Gabapentin 300mg", "gabapentin", "anticonvulsant", None),
    ("Lyrica 75mg #60", "pregabalin", "anticonvulsant", "Lyrica"),
    ("Cymbalta 60mg #30", "duloxetine", "antidepressant", "Cymbalta"),
    ("Amitriptyline 25mg #30", "amitriptyline", "antidepressant", None),
    ("Nortriptyline 10mg", "nortriptyline", "antidepressant", None),
    ("Ambien 10mg #30", "zolpidem", "sedative_hypnotic", "Ambien"),
    ("Zolpidem 5mg", "zolpidem", "sedative_hypnotic", None),
    ("Xanax 0.5mg #60", "alprazolam", "benzodiazepine", "Xanax"),
    ("Lorazepam 1mg #30", "lorazepam", "benzodiazepine", None),
    ("Diazepam 5mg", "diazepam", "benzodiazepine", None),
    ("Clonazepam 0.5mg #30", "clonazepam", "benzodiazepine", None),
    ("Lidoderm 5% patch #30", "lidocaine", "topical_lidocaine", "Lidoderm"),
    ("Lidocaine 5% patch", "lidocaine", "topical_lidocaine", None),
    ("Flector 1.3% patch #60", "diclofenac", "topical_nsaid", "Flector"),
    (
        "Lidopro ointment 121gm",
        "lidocaine/capsaicin/menthol/methyl salicylate",
        "topical_compound",
        "Lidopro",
    ),
    ("Terocin patches #30", "methyl salicylate/capsaicin/menthol/lidocaine", "topical_compound", "Terocin"),
    ("Capsaicin 0.075% cream", "capsaicin", "topical_capsaicin", None),
    ("Ketoprofen 10% gel", "ketoprofen", "topical_nsaid", None),
    ("Zofran 8mg #20", "ondansetron", "antiemetic", "Zofran"),
    ("Ondansetron ODT 4mg #10", "ondansetron", "antiemetic", None),
    ("Colace 100mg #60", "docusate", "laxative", "Colace"),
    ("Docusate sodium 100mg", "docusate", "laxative", None),
    ("Senna 8.6mg #60", "senna", "laxative", None),
    ("Viagra 100mg #10", "sildenafil", "pde5_inhibitor", "Viagra"),
    ("Sildenafil 20mg", "sildenafil", "pde5_inhibitor", None),
    ("Compound cream 240gm", "topical compound", "topical_compound", None),
]


@pytest.mark.parametrize(("text", "name", "drug_class", "brand"), DRUG_ROWS)
def test_common_imr_drugs(text: str, name: str, drug_class: str, brand: str | None) -> None:
    request = parse_request(text)
    assert request.service == "medication"
    assert request.drug is not None
    assert (request.drug.name, request.drug.drug_class, request.drug.brand) == (name, drug_class, brand)


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("Norco 10/325mg #120", "10/325 mg"),
        ("Norco 7.5-325mg #112", "7.5/325 mg"),
        ("Butrans 10mcg/hr #4", "10 mcg/hr"),
        ("Flector 1.3% patch", "1.3%"),
        ("Lidopro 4%-27.5%-0.0325% 121gm #1", "4%/27.5%/0.0325%"),
        ("Lidocaine hcl 1percent patch", "1%"),
        ("Xanax 0.5mg #60", "0.5 mg"),
    ],
)
def test_strengths_are_written_one_way(text: str, strength: str) -> None:
    drug = parse_request(text).drug
    assert drug is not None and drug.strength == strength


def test_a_topical_dispensed_by_weight_or_volume_states_its_quantity() -> None:
    assert parse_request("Voltaren 1% gel 100gm").drug == Drug(
        "diclofenac", brand="Voltaren", strength="1%", quantity=100, drug_class="topical_nsaid", form="gel"
    )
    assert parse_request("Menthoderm gel 120ml").drug.quantity == 120  # type: ignore[union-attr]
    # a tablet's strength in grams is no quantity, and a patch's count is still its "#"
    assert parse_request("Naproxen 1 g").drug.quantity is None  # type: ignore[union-attr]
    assert parse_request("Flector 1.3% patch #30").drug.quantity == 30  # type: ignore[union-attr]
