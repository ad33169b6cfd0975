"""The request vocabulary files: their own examples hold, and a broken file is a clear RuleFileError."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from imr.errors import RuleFileError
from imr.requests import load_vocabulary, parse_request, read_vocabulary
from imr.requests.vocabulary import DRUGS_FILE, MODIFIERS_FILE, NUMBERS_FILE, REGIONS_FILE, SERVICES_FILE

VOCABULARY = load_vocabulary()
FILES = (SERVICES_FILE, REGIONS_FILE, DRUGS_FILE, NUMBERS_FILE, MODIFIERS_FILE)


def _label(side: str | None, region: str) -> str:
    return f"{side} {region}" if side else region


# ------------------------------------------------------------------------------------------------ examples


@pytest.mark.parametrize(("text", "service"), VOCABULARY.service_examples)
def test_service_examples(text: str, service: str) -> None:
    assert parse_request(text).service == service


@pytest.mark.parametrize(("text", "labels"), VOCABULARY.region_examples)
def test_region_examples(text: str, labels: tuple[str, ...]) -> None:
    regions = parse_request(text).regions
    assert tuple(_label(r.laterality, r.region) for r in regions) == labels


@pytest.mark.parametrize(("text", "name"), VOCABULARY.drug_examples)
def test_drug_examples(text: str, name: str) -> None:
    drug = parse_request(text).drug
    assert drug is not None
    assert drug.name == name


@pytest.mark.parametrize(("text", "expected"), VOCABULARY.count_examples)
def test_count_examples(text: str, expected: Any) -> None:
    request = parse_request(text)
    assert (request.sessions, request.frequency_per_week, request.weeks) == (
        expected.sessions,
        expected.frequency_per_week,
        expected.weeks,
    )


@pytest.mark.parametrize(("text", "expected"), VOCABULARY.modifier_examples)
def test_modifier_examples(text: str, expected: Any) -> None:
    request = parse_request(text)
    assert expected.model_fields_set, "an example must state something"
    for name in expected.model_fields_set:
        assert getattr(request, name) == getattr(expected, name), name


def test_every_file_carries_examples() -> None:
    assert len(VOCABULARY.service_examples) >= len(VOCABULARY.services)
    assert VOCABULARY.region_examples
    assert VOCABULARY.drug_examples
    assert VOCABULARY.count_examples
    assert VOCABULARY.modifier_examples


def test_every_service_has_an_example() -> None:
    assert {service for _, service in VOCABULARY.service_examples} == set(VOCABULARY.services)


def test_the_vocabulary_is_read_once() -> None:
    assert load_vocabulary() is load_vocabulary()


# ------------------------------------------------------------------------------------------- broken files


def _copy(tmp_path: Path) -> Path:
    source = resources.files("imr").joinpath("data", "vocabulary")
    for name in FILES:
        (tmp_path / name).write_text(source.joinpath(name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def _edit(directory: Path, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_a_copy_of_the_packaged_files_reads(tmp_path: Path) -> None:
    vocabulary = read_vocabulary(_copy(tmp_path))
    assert set(vocabulary.services) == set(VOCABULARY.services)


BROKEN: list[tuple[str, str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "unknown category",
        SERVICES_FILE,
        lambda d: d["services"]["mri"].update(category="imagin"),
        "services.mri.category",
        "unknown category 'imagin'",
    ),
    (
        "misspelt key",
        SERVICES_FILE,
        lambda d: d["services"]["mri"].update(variantz=["MR"]),
        "services.mri.variantz",
        "Extra inputs are not permitted",
    ),
    (
        "missing key",
        SERVICES_FILE,
        lambda d: d["services"]["mri"].pop("category"),
        "services.mri.category",
        "Field required",
    ),
    (
        "one spelling, two services",
        SERVICES_FILE,
        lambda d: d["services"]["ct"]["variants"].append("magnetic resonance imaging"),
        "services",
        "'magnetic resonance imaging' is listed for both",
    ),
    (
        "unknown service in a combination",
        SERVICES_FILE,
        lambda d: d["combinations"].append({"all_of": ["emg", "xyz"], "service": "emg_ncs"}),
        "combinations.1",
        "unknown service 'xyz'",
    ),
    (
        "unknown region in a refinement",
        SERVICES_FILE,
        lambda d: d["services"]["injection"]["refine_by_region"].update(kneecap="joint_injection"),
        "services.injection.refine_by_region",
        "unknown region 'kneecap'",
    ),
    (
        "bad spinal-level pattern",
        REGIONS_FILE,
        lambda d: d["regions"]["lumbar_spine"]["patterns"].append("L[1-5"),
        "regions.lumbar_spine.patterns.1",
        "bad regular expression 'L[1-5'",
    ),
    (
        "side abbreviation on the spine",
        REGIONS_FILE,
        lambda d: d["regions"]["cervical_spine"].update(sided_abbreviations={"left": ["LCS"]}),
        "regions.cervical_spine.sided_abbreviations",
        "sided abbreviations need a lateral region",
    ),
    (
        "unknown drug class",
        DRUGS_FILE,
        lambda d: d["drugs"]["naproxen"].update({"class": "nsaids"}),
        "drugs.naproxen.class",
        "unknown drug class 'nsaids'",
    ),
    (
        "generic name not in lower case",
        DRUGS_FILE,
        lambda d: d["drugs"].update({"Naproxen": d["drugs"].pop("naproxen")}),
        "drugs.Naproxen",
        "a generic name is written in lower case",
    ),
    (
        "unknown range bound",
        NUMBERS_FILE,
        lambda d: d.update(range_bound="middle"),
        "range_bound",
        "Input should be 'upper' or 'lower'",
    ),
    (
        "negative number word",
        NUMBERS_FILE,
        lambda d: d["words"].update(minus=-1),
        "words.minus",
        "greater than or equal to 0",
    ),
    (
        "empty modifier list",
        MODIFIERS_FILE,
        lambda d: d.update(rental=[]),
        "rental",
        "at least 1 item",
    ),
]


@pytest.mark.parametrize(
    ("file", "change", "field", "message"), [row[1:] for row in BROKEN], ids=[row[0] for row in BROKEN]
)
def test_a_broken_file_names_the_file_and_the_key(
    tmp_path: Path, file: str, change: Callable[[dict[str, Any]], None], field: str, message: str
) -> None:
    directory = _copy(tmp_path)
    _edit(directory, file, change)
    with pytest.raises(RuleFileError) as error:
        read_vocabulary(directory)
    assert error.value.source == str(directory / file)
    assert error.value.field == field
    assert message in error.value.message


def test_invalid_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    (directory / DRUGS_FILE).write_text("version: 1\ndrugs: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"drugs\.yaml: invalid YAML at line \d+"):
        read_vocabulary(directory)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    (directory / NUMBERS_FILE).unlink()
    with pytest.raises(RuleFileError, match=r"numbers\.yaml: cannot read vocabulary file"):
        read_vocabulary(directory)


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    (directory / MODIFIERS_FILE).write_text("- additional\n- initial\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="must be a mapping"):
        read_vocabulary(directory)
