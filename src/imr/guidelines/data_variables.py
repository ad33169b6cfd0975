"""Variables defined in data (data/variables/*.yaml): what a rule reads from the record, written as selectors over
the facts the medspaCy pipeline found, over clauses matching a pattern (judged by the same ConText rules), over the
request title, or over other variables.

A boolean variable is true when one of its ``true_when`` selectors finds something, else false when one of its
``false_when`` selectors does, else ``otherwise`` (unknown by default: the record is silent). A string variable takes
the value of its first case that finds something. Every value keeps the facts that decided it, so a criterion can
quote them. Each variable carries examples (a sentence and the value it must give) that the tests run.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from imr.data_files import package_data_path, parse_yaml_text, validated
from imr.errors import RuleFileError
from imr.facts.context import span_presence
from imr.records import Fact, Facts, Presence, Span, TreatmentRequest
from imr.rule_packs import pack_files

PresenceName = Literal["present", "absent", "possible", "undocumented", "hypothetical"]
Otherwise = bool | str | None
SENTENCE_MARKS = (". ", "? ", "! ", "\n\n")


class SelectorModel(BaseModel):
    """One way of finding a variable's evidence. Exactly one of ``kind``, ``pattern``, ``variable``, ``request`` or
    ``all`` (every one of a list of selectors finds something)."""

    model_config = ConfigDict(extra="forbid")
    # a fact of the pipeline (data/facts/concepts), optionally narrowed
    kind: str | None = None
    values: list[str] = []
    presence: list[PresenceName] = ["present"]
    cue: str | None = None  # a ConText category that must have qualified the fact ("SUSPECTED")
    cue_excludes: str | None = None  # a ConText category that must not have ("HYPOTHETICAL")
    # a clause of the record matching a regular expression (case-insensitive), judged by the ConText rules
    pattern: str | None = None
    # another variable having a value (true by default), or a number at least / below a bound
    variable: str | None = None
    equals: bool | str | float = True
    at_least: float | None = None
    below: float | None = None
    # the request title matching a regular expression
    request: str | None = None
    # every one of these selectors finds something
    all: list[SelectorModel] | None = None
    # narrowing, for facts and patterns
    text_matches: str | None = None  # the fact's own words
    sentence_matches: str | None = None  # the sentence around it
    sentence_excludes: str | None = None
    near_request_region: bool = False  # said of a region of the request, or of no region at all
    credited_to_request: bool = False  # a response the record credits to the requested drug (Fact.about)
    on_request_side: bool = False  # the fact's own words name a side (left, right) of a region of the request
    quote_clause: bool = False  # quote the whole clause around what was found, not only the words matched
    services: list[str] = []  # only for requests of these services

    @model_validator(mode="after")
    def _one_source(self) -> SelectorModel:
        sources = [
            name for name in ("kind", "pattern", "variable", "request", "all") if getattr(self, name) is not None
        ]
        if len(sources) != 1:
            raise ValueError("a selector needs exactly one of 'kind', 'pattern', 'variable', 'request' or 'all'")
        for name in ("pattern", "request", "text_matches", "sentence_matches", "sentence_excludes"):
            expression = getattr(self, name)
            if expression is not None:
                try:
                    re.compile(expression)
                except re.error as exc:
                    raise ValueError(f"{name}: bad regular expression {expression!r}: {exc}") from exc
        return self


class CaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: bool | str
    when: list[SelectorModel] = Field(min_length=1)


class VariableExampleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    request: str | None = None  # the request title the example is read against (default: none named)
    expect: bool | str | None  # null: unknown


class DataVariableModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: Literal["boolean", "string"]
    description: str
    true_when: list[SelectorModel] = []
    false_when: list[SelectorModel] = []
    cases: list[CaseModel] = []
    otherwise: Otherwise = None
    # when no case decides: facts to show beside the unknown value ("a lack of documentation of functional improvement")
    unknown_evidence: list[SelectorModel] = []
    source: str | None = None  # the guideline passage the variable serves, for the reader
    examples: list[VariableExampleModel] = Field(min_length=2)
    _built_cases: list[CaseModel] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _shape(self) -> DataVariableModel:
        if self.type == "boolean":
            if bool(self.cases) == bool(self.true_when):
                raise ValueError("a boolean variable has either 'true_when' (and 'false_when') or ordered 'cases'")
            if any(not isinstance(case.value, bool) for case in self.cases):
                raise ValueError("the cases of a boolean variable give true or false")
            if self.otherwise is not None and not isinstance(self.otherwise, bool):
                raise ValueError("'otherwise' of a boolean variable is true, false or null")
        else:
            if self.true_when or self.false_when or not self.cases:
                raise ValueError("a string variable has 'cases', not 'true_when'/'false_when'")
            if any(not isinstance(case.value, str) for case in self.cases):
                raise ValueError("the cases of a string variable give strings")
        return self

    def decision_cases(self) -> list[CaseModel]:
        """The ordered cases; true_when and false_when are the two cases of a boolean (built once per variable)."""
        if self.cases:
            return self.cases
        if self._built_cases is None:
            built = [CaseModel(value=True, when=self.true_when)]
            if self.false_when:
                built.append(CaseModel(value=False, when=self.false_when))
            self._built_cases = built
        return self._built_cases


class VariableFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    variables: list[DataVariableModel] = Field(min_length=1)


def flattened(selectors: Sequence[SelectorModel]) -> list[SelectorModel]:
    """The selectors and those nested in their ``all`` lists."""
    found: list[SelectorModel] = []
    for selector in selectors:
        found.append(selector)
        if selector.all:
            found.extend(flattened(selector.all))
    return found


@dataclass(frozen=True, slots=True)
class DataVariable:
    model: DataVariableModel
    source: str  # the file it came from

    @property
    def name(self) -> str:
        return self.model.name


# ------------------------------------------------------------------------------------------------ loading


def _packaged_files() -> list[tuple[str, str]]:
    folder = resources.files("imr").joinpath("data").joinpath("variables")
    return sorted(
        (package_data_path(f"variables/{entry.name}"), entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    )


def read_variable_file(text: str, name: str) -> VariableFileModel:
    model: VariableFileModel = validated(VariableFileModel, parse_yaml_text(text, name), name)
    return model


def _reads(variable: DataVariableModel) -> list[str]:
    return [
        selector.variable
        for case in variable.decision_cases()
        for selector in flattened(case.when)
        if selector.variable
    ]


def build_data_variables(files: Sequence[tuple[str, str]], known: set[str]) -> tuple[DataVariable, ...]:
    """Every variable of ``files``, checked and put in an order where each comes after the variables it reads: a
    name may be defined once (the code's names included), and a selector may read only a variable the code defines
    (``known``) or another data variable, without a cycle."""
    declared: dict[str, tuple[DataVariable, str]] = {}
    for name, text in files:
        model = read_variable_file(text, name)
        for index, entry in enumerate(model.variables):
            where = f"variables[{index}]({entry.name})"
            if entry.name in known or entry.name in declared:
                raise RuleFileError("variable defined twice", source=name, field=where)
            declared[entry.name] = (DataVariable(entry, name), where)
    for loaded, where in declared.values():
        for read in _reads(loaded.model):
            if read not in known and read not in declared:
                raise RuleFileError(f"selector reads unknown variable '{read}'", source=loaded.source, field=where)
    ordered: list[DataVariable] = []
    state: dict[str, str] = {}

    def visit(name: str) -> None:
        if state.get(name) == "done":
            return
        variable, where = declared[name]
        if state.get(name) == "visiting":
            raise RuleFileError("variables read each other in a cycle", source=variable.source, field=where)
        state[name] = "visiting"
        for read in _reads(variable.model):
            if read in declared:
                visit(read)
        state[name] = "done"
        ordered.append(variable)

    for name in declared:
        visit(name)
    return tuple(ordered)


@lru_cache(maxsize=1)
def data_variables(known: frozenset[str]) -> tuple[DataVariable, ...]:
    """The packaged variables and those of the rule packs, loaded once per process."""
    return build_data_variables(_packaged_files() + pack_files("variables"), set(known))


# ------------------------------------------------------------------------------------------------ computing

_REGION_WORDS = {
    "cervical_spine": r"cervical|neck|c-spine",
    "thoracic_spine": r"thoracic|mid ?back|upper back|t-spine",
    "lumbar_spine": r"lumbar|lumbosacral|low back|l-spine|sciatic",
    "shoulder": r"shoulders?|rotator|acromio\w*|glenohumeral|labr\w+",
    "elbow": r"elbows?|olecranon|epicondyl\w*|cubital",
    "wrist": r"wrists?|scaphoid|carp\w+|distal radius",
    "hand": r"hands?|fingers?|thumbs?|metacarp\w*|digits?",
    "hip": r"hips?|femoral|femur|acetabul\w*|pelvi\w*|groin",
    "knee": r"knees?|menisc\w+|patell\w+|cruciate|ACL",
    "ankle": r"ankles?|achilles|talar|malleol\w*",
    "foot": r"foot|feet|heel|plantar|toes?|calcane\w*|metatars\w*",
    "lower_leg": r"lower leg|calf|tibia\w*|fibula\w*|shin",
    "head": r"head|brain|skull|cranial",
    "upper_extremity": r"upper extremit\w*|arms?|hands?|fingers?|shoulders?|elbows?|wrists?",
    "lower_extremity": r"lower extremit\w*|legs?|thighs?|knees?|ankles?|feet|foot|calf",
}
_ANY_REGION = re.compile(
    r"\b(?:knees?|shoulders?|ankles?|feet|foot|toes?|fingers?|thumbs?|digits?|arms?|legs?|ribs?|neck|back|spine|"
    r"hips?|wrists?|hands?|elbows?|head|skull|chest|lumbar|lumbosacral|cervical|thoracic|sacr\w+|heel|calf)\b",
    re.I,
)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(mark, 0, start) for mark in SENTENCE_MARKS)
    rights = [i for i in (text.find(mark, end) for mark in SENTENCE_MARKS) if i >= 0]
    return (left + 1 if left >= 0 else 0), (min(rights) + 1 if rights else len(text))


def sentence_of(text: str, span: Span) -> str:
    first, last = sentence_bounds(text, span.start, span.end)
    return text[first:last]


def said_of_request_region(text: str, fact: Fact, request: TreatmentRequest) -> bool:
    """The fact's sentence names a region of the request, or names no body region at all."""
    patterns = [_REGION_WORDS[r.region] for r in request.regions if r.region in _REGION_WORDS]
    if not patterns:
        return True
    sentence = sentence_of(text, fact.span)
    return any(re.search(rf"\b(?:{p})\b", sentence, re.I) for p in patterns) or not _ANY_REGION.search(sentence)


@lru_cache(maxsize=2048)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=4096)
def _statement_facts(text: str, pattern: str, label: str) -> tuple[Fact, ...]:
    """Every match of ``pattern`` in ``text`` as a fact of kind ``statement``, with the presence ConText gives it."""
    matches = [m for m in _compiled(pattern).finditer(text) if m.end() > m.start()]
    if not matches:
        return ()
    presences = span_presence(text, [m.span() for m in matches])
    found: list[Fact] = []
    for match, presence in zip(matches, presences, strict=True):
        if presence is None:  # said of someone else
            continue
        found.append(Fact("statement", label, match.group(0), Span(match.start(), match.end()), presence=presence))
    return tuple(found)


def _narrowed(selector: SelectorModel, facts: Facts, found: tuple[Fact, ...], request: TreatmentRequest) -> list[Fact]:
    kept: list[Fact] = []
    for fact in found:
        if selector.text_matches and not _compiled(selector.text_matches).search(fact.text):
            continue
        if selector.sentence_matches or selector.sentence_excludes:
            sentence = sentence_of(facts.text, fact.span)
            if selector.sentence_matches and not _compiled(selector.sentence_matches).search(sentence):
                continue
            if selector.sentence_excludes and _compiled(selector.sentence_excludes).search(sentence):
                continue
        if selector.near_request_region and not said_of_request_region(facts.text, fact, request):
            continue
        if selector.credited_to_request and not _credited_to(fact, request):
            continue
        if selector.on_request_side and not _names_request_side(fact, request):
            continue
        kept.append(_clause_of(facts.text, fact) if selector.quote_clause else fact)
    return kept


_CLAUSE_MARKS = (". ", "; ", "? ", "! ", "\n\n")


def _clause_of(text: str, fact: Fact) -> Fact:
    """The fact widened to its clause, for a quote that says what the record said of it."""
    left = max(text.rfind(mark, 0, fact.span.start) for mark in _CLAUSE_MARKS)
    rights = [i for i in (text.find(mark, fact.span.end) for mark in _CLAUSE_MARKS) if i >= 0]
    start = left + 2 if left >= 0 else 0
    end = min(rights) if rights else len(text)
    while start < fact.span.start and text[start].isspace():
        start += 1
    return dataclasses.replace(fact, text=text[start:end], span=Span(start, end))


_SIDE_WORDS = re.compile(r"\b(left|right)\b", re.I)


def _names_request_side(fact: Fact, request: TreatmentRequest) -> bool:
    """The fact's words name a side the request studies or treats ("left" for a left or a bilateral request)."""
    sides = {r.laterality for r in request.regions if r.laterality}
    if "bilateral" in sides:
        sides |= {"left", "right"}
    named = {m.group(1).lower() for m in _SIDE_WORDS.finditer(fact.text)}
    return bool(named) and named <= sides


def _credited_to(fact: Fact, request: TreatmentRequest) -> bool:
    """The record credits the response to the requested drug (or one of its ingredients)."""
    if fact.about is None or request.drug is None:
        return False
    return fact.about == request.drug.name or fact.about in request.drug.name.split("/")


@dataclass(frozen=True, slots=True)
class Found:
    matched: bool
    evidence: tuple[Fact, ...] = ()


def select(
    selector: SelectorModel,
    facts: Facts,
    request: TreatmentRequest,
    values: Mapping[str, Any],
    label: str,
) -> Found:
    """What one selector finds. ``values`` maps variable names to objects with ``value`` and ``evidence``."""
    if selector.services and request.service not in selector.services:
        return Found(False)
    wanted = {Presence(name) for name in selector.presence}
    if selector.kind is not None:
        kind = selector.kind
        candidates = tuple(
            f
            for f in facts.facts
            if f.kind == kind
            and f.presence in wanted
            and (not selector.values or f.value in selector.values)
            and (selector.cue is None or (f.cue is not None and selector.cue in f.cue.split("+")))
            and (selector.cue_excludes is None or f.cue is None or selector.cue_excludes not in f.cue.split("+"))
        )
        kept = _narrowed(selector, facts, candidates, request)
        return Found(bool(kept), tuple(kept))
    if selector.pattern is not None:
        statements = tuple(f for f in _statement_facts(facts.text, selector.pattern, label) if f.presence in wanted)
        kept = _narrowed(selector, facts, statements, request)
        return Found(bool(kept), tuple(kept))
    if selector.variable is not None:
        variable = values.get(selector.variable)
        if variable is None or variable.value is None:
            return Found(False)
        value = variable.value
        expected = selector.equals
        if selector.at_least is not None or selector.below is not None:
            if isinstance(value, bool) or not isinstance(value, int | float):
                return Found(False)
            matched = (selector.at_least is None or value >= selector.at_least) and (
                selector.below is None or value < selector.below
            )
        elif isinstance(value, tuple):
            matched = expected in value
        elif isinstance(expected, bool) or isinstance(value, bool):
            matched = value is expected
        else:
            matched = value == expected
        return Found(matched, tuple(variable.evidence) if matched else ())
    if selector.all is not None:
        evidence: dict[Fact, None] = {}  # ordered and without repeats, in linear time
        for part in selector.all:
            found = select(part, facts, request, values, label)
            if not found.matched:
                return Found(False)
            evidence.update(dict.fromkeys(found.evidence))
        return Found(True, tuple(evidence))
    assert selector.request is not None
    return Found(bool(_compiled(selector.request).search(request.text)))


def compute_data_variable(
    variable: DataVariableModel, facts: Facts, request: TreatmentRequest, values: Mapping[str, Any]
) -> tuple[bool | str | None, tuple[Fact, ...]]:
    """The variable's value and its evidence."""
    for case in variable.decision_cases():
        evidence: dict[Fact, None] = {}  # ordered and without repeats, in linear time
        matched = False
        for selector in case.when:
            found = select(selector, facts, request, values, variable.name)
            if found.matched:
                matched = True
                evidence.update(dict.fromkeys(found.evidence))
        if matched:
            return case.value, tuple(evidence)
    shown: dict[Fact, None] = {}
    for selector in variable.unknown_evidence:
        shown.update(dict.fromkeys(select(selector, facts, request, values, variable.name).evidence))
    return variable.otherwise, tuple(shown)
