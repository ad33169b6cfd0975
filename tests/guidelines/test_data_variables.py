"""Variables defined in data: every example of every file, the loader's checks, and the selector keys."""

from __future__ import annotations

import datetime as dt

import pytest

from imr.errors import RuleFileError
from imr.facts import extract_facts
from imr.guidelines.data_variables import build_data_variables, compute_data_variable
from imr.guidelines.registry import CODE_SPECS, DATA_VARIABLES, SPEC_BY_NAME, compute_variables
from imr.guidelines.variables import CaseDates, ItemContext
from imr.records import TreatmentRequest
from imr.requests import parse_request

_NO_REQUEST = TreatmentRequest(text="", service="other", category="other")
_KNOWN = {spec.name for spec in CODE_SPECS}


def _examples() -> list[tuple[str, str, str | None, bool | str | None]]:
    return [
        (variable.name, example.text, example.request, example.expect)
        for variable in DATA_VARIABLES
        for example in variable.model.examples
    ]


@pytest.mark.parametrize(("name", "text", "request_text", "expect"), _examples())
def test_variable_example(name: str, text: str, request_text: str | None, expect: bool | str | None) -> None:
    request = parse_request(request_text) if request_text else _NO_REQUEST
    context = ItemContext(CaseDates(request_date=dt.date(2016, 12, 1)))
    values = compute_variables(extract_facts(text), request, context, frozenset({name}))
    assert values[name].value == expect, f"{name} on {text!r}"


def test_every_variable_shows_a_known_and_an_unknown_or_false_value() -> None:
    for variable in DATA_VARIABLES:
        outcomes = {example.expect for example in variable.model.examples}
        assert len(outcomes) >= 2, f"{variable.name}: examples show one outcome only"


def test_data_variables_join_the_registry_as_data() -> None:
    assert DATA_VARIABLES
    for variable in DATA_VARIABLES:
        assert SPEC_BY_NAME[variable.name].origin == "data"


def _file(body: str) -> list[tuple[str, str]]:
    return [("pack/variables/test.yaml", body)]


def _booleans(*variables: tuple[str, str]) -> str:
    """A variable file of boolean variables, each a name and its selector lines (``true_when: [...]``)."""
    blocks = [
        f"  - name: {name}\n    type: boolean\n    description: d\n    {selectors}\n"
        "    examples: [{text: a, expect: true}, {text: b, expect: null}]\n"
        for name, selectors in variables
    ]
    return "version: 1\nvariables:\n" + "".join(blocks)


def test_unknown_key_names_file_and_field() -> None:
    body = _booleans(("x", "true_when: [{kind: red_flag, colour: blue}]"))
    with pytest.raises(RuleFileError, match=r"pack/variables/test.yaml: variables\.0\.true_when\.0\.colour"):
        build_data_variables(_file(body), _KNOWN)


def test_selector_needs_one_source() -> None:
    body = _booleans(("x", 'true_when: [{kind: red_flag, pattern: "fever"}]'))
    with pytest.raises(RuleFileError, match="exactly one of"):
        build_data_variables(_file(body), _KNOWN)


def test_bad_regular_expression_is_reported() -> None:
    body = _booleans(("x", 'true_when: [{pattern: "fever("}]'))
    with pytest.raises(RuleFileError, match="bad regular expression"):
        build_data_variables(_file(body), _KNOWN)


def test_variables_may_read_each_other_in_any_file_order() -> None:
    body = _booleans(("x", "true_when: [{variable: y}]"), ("y", "true_when: [{kind: red_flag}]"))
    assert [v.name for v in build_data_variables(_file(body), _KNOWN)] == ["y", "x"]


def test_variables_may_not_read_each_other_in_a_cycle() -> None:
    body = _booleans(("x", "true_when: [{variable: y}]"), ("y", "true_when: [{variable: x}]"))
    with pytest.raises(RuleFileError, match="cycle"):
        build_data_variables(_file(body), _KNOWN)


def test_selector_may_not_read_an_unknown_variable() -> None:
    body = _booleans(("x", "true_when: [{variable: nowhere}]"))
    with pytest.raises(RuleFileError, match="unknown variable 'nowhere'"):
        build_data_variables(_file(body), _KNOWN)


def test_a_name_the_code_defines_cannot_be_redefined() -> None:
    body = _booleans(("months_since_injury", "true_when: [{kind: red_flag}]"))
    with pytest.raises(RuleFileError, match="defined twice"):
        build_data_variables(_file(body), _KNOWN)


def test_malformed_yaml_names_the_line() -> None:
    with pytest.raises(RuleFileError, match="invalid YAML at line"):
        build_data_variables(_file("version: 1\nvariables: [\n  - name"), _KNOWN)


def _one(body: str) -> object:
    (variable,) = build_data_variables(_file(body), _KNOWN)
    return variable.model


def test_pattern_selector_is_judged_by_context_rules() -> None:
    model = _one("""version: 1
variables:
  - name: wound_open
    type: boolean
    description: an open wound
    true_when: [{pattern: "open wound"}]
    false_when: [{pattern: "open wound", presence: [absent]}]
    examples: [{text: a, expect: true}, {text: b, expect: null}]
""")
    for text, expected in (
        ("She has an open wound over the incision.", True),
        ("There is no open wound.", False),
        ("The incision has healed.", None),
    ):
        value, evidence = compute_data_variable(model, extract_facts(text), _NO_REQUEST, {})  # type: ignore[arg-type]
        assert value is expected, text
        if expected is not None:
            assert evidence and "open wound" in evidence[0].text


def test_string_variable_takes_the_first_case_that_finds_something() -> None:
    model = _one("""version: 1
variables:
  - name: side
    type: string
    description: which side
    cases:
      - {value: left, when: [{pattern: "left"}]}
      - {value: right, when: [{pattern: "right"}]}
    otherwise: unstated
    examples: [{text: a, expect: left}, {text: b, expect: unstated}]
""")
    facts = extract_facts("Pain in the right and left knees.")
    assert compute_data_variable(model, facts, _NO_REQUEST, {})[0] == "left"  # type: ignore[arg-type]
    assert compute_data_variable(model, extract_facts("Pain."), _NO_REQUEST, {})[0] == "unstated"  # type: ignore[arg-type]


def test_near_request_region_keeps_findings_of_the_requested_region() -> None:
    model = _one("""version: 1
variables:
  - name: tear_here
    type: boolean
    description: a tear of the region imaged
    true_when: [{kind: diagnosis, values: [internal_derangement], presence: [present, possible], near_request_region: true}]
    examples: [{text: a, expect: true}, {text: b, expect: null}]
""")
    facts = extract_facts("A meniscus tear of the left knee is suspected. The shoulder is stiff.")
    knee = parse_request("MRI of the left knee")
    shoulder = parse_request("MRI of the right shoulder")
    assert compute_data_variable(model, facts, knee, {})[0] is True  # type: ignore[arg-type]
    assert compute_data_variable(model, facts, shoulder, {})[0] is None  # type: ignore[arg-type]


def test_request_and_variable_selectors() -> None:
    model = _one("""version: 1
variables:
  - name: purchase_of_unit
    type: boolean
    description: a unit bought after a documented trial
    true_when: [{request: "purchase", services: [tens]}]
    false_when: [{variable: months_since_injury, below: 3}]
    examples: [{text: a, expect: true}, {text: b, expect: null}]
""")
    facts = extract_facts("Neck pain.")
    from imr.guidelines.variables import Variable

    assert compute_data_variable(model, facts, parse_request("TENS unit purchase"), {})[0] is True  # type: ignore[arg-type]
    assert compute_data_variable(model, facts, parse_request("MRI purchase of the knee"), {})[0] is None  # type: ignore[arg-type]
    acute = {"months_since_injury": Variable(1.5)}
    assert compute_data_variable(model, facts, parse_request("TENS unit rental"), acute)[0] is False  # type: ignore[arg-type]
    chronic = {"months_since_injury": Variable(7.0)}
    assert compute_data_variable(model, facts, parse_request("TENS unit rental"), chronic)[0] is None  # type: ignore[arg-type]


def test_on_request_side_keeps_words_naming_a_side_the_request_studies() -> None:
    model = _one(
        _booleans(
            ("side_quiet", "true_when: [{pattern: '\\b(?:left|right) arm is asymptomatic', on_request_side: true}]")
        )
    )
    facts = extract_facts("Numbness of the right hand. The left arm is asymptomatic.")
    compute = compute_data_variable
    assert compute(model, facts, parse_request("EMG of the left upper extremity"), {})[0] is True  # type: ignore[arg-type]
    assert compute(model, facts, parse_request("EMG of the bilateral upper extremities"), {})[0] is True  # type: ignore[arg-type]
    assert compute(model, facts, parse_request("EMG of the right upper extremity"), {})[0] is None  # type: ignore[arg-type]
    assert compute(model, facts, parse_request("EMG of the upper extremity"), {})[0] is None  # type: ignore[arg-type]
