"""Evaluate a rule's criteria against the variables: met, unmet or undocumented, each with its evidence."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from itertools import product
from typing import Any

import rule_engine

from imr.guidelines.load import CompiledExpression, LoadedRule
from imr.guidelines.registry import SPEC_BY_NAME, SPECS
from imr.guidelines.schema import CriterionModel, RuleModel
from imr.guidelines.variables import Variable
from imr.records import CriterionResult, CriterionStatus, Evidence, Fact


def table_values(rule: RuleModel, values: Mapping[str, Variable]) -> dict[str, Variable]:
    """Resolve each lookup table: the first row whose ``match`` the key variable holds, else the default."""
    resolved: dict[str, Variable] = {}
    for name, table in rule.tables.items():
        key = values[table.key]
        held: tuple[str, ...]
        if isinstance(key.value, tuple):
            held = key.value
        elif isinstance(key.value, str):
            held = (key.value,)
        else:
            held = ()
        chosen: dict[str, int | float | str] | None = None
        evidence: tuple[Fact, ...] = ()
        for row in table.rows:
            if row.match is not None and row.match in held:
                chosen = row.values
                evidence = tuple(f for f in key.evidence if f.value == row.match)
                break
        if chosen is None:
            chosen = table.default
        fields: set[str] = set()
        for row in table.rows:
            fields.update(row.values)
        for field in sorted(fields):
            value = chosen.get(field) if chosen else None
            resolved[f"{name}_{field}"] = Variable(value, evidence)
    return resolved


def _evidence(names: tuple[str, ...], values: Mapping[str, Variable]) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for name in names:
        for fact in values[name].evidence:
            key = (fact.span.start, fact.span.end)
            if key in seen:
                continue
            seen.add(key)
            found.append(Evidence(variable=name, quote=fact.text, span=fact.span, presence=fact.presence))
    return tuple(found)


def _engine_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


_MAX_UNKNOWN_BOOLEANS = 4
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?")


_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
_NONE_OF_THEM = "\x00"  # a value no expression names


def _string_candidates(text: str) -> tuple[str, ...]:
    """Values an unknown string is tried with: each string the expression names, and one it does not."""
    named = {first or second for first, second in _STRING.findall(text)}
    return (*sorted(named), _NONE_OF_THEM)


def _number_candidates(text: str) -> tuple[float, ...]:
    """Values an unknown number is tried with: far below and above anything, and on either side of and at each number
    the expression names, so "drug_use_weeks < 12 or 'osteoarthritis' in diagnosis_classes" is decided by its other
    half when that half holds, and stays undocumented when the answer turns on the unknown number."""
    literals = {float(match.group(0)) for match in _NUMBER.finditer(text)}
    candidates = {-1e9, 1e9}
    for value in literals:
        candidates.update({value - 0.5, value, value + 0.5})
    return tuple(sorted(candidates))


def evaluate_expression(
    expression: CompiledExpression,
    values: Mapping[str, Variable],
    boolean_names: frozenset[str] = frozenset(),
) -> CriterionStatus:
    """Met, unmet, or undocumented when the answer depends on something the record does not say.

    Unknown yes/no facts are tried both ways (Kleene's three-valued logic): "deficit and failed care and
    surgery" is unmet when the examination is normal, whatever the rest; unknown numbers leave it undocumented.
    """
    unknown = [name for name in expression.names if values[name].value is None]
    if len(unknown) > _MAX_UNKNOWN_BOOLEANS:
        return CriterionStatus.UNDOCUMENTED
    choices: list[tuple[Any, ...]] = []
    for name in unknown:
        if name in boolean_names:
            choices.append((True, False))
        elif name in SPEC_BY_NAME and SPEC_BY_NAME[name].type == "number":
            choices.append(_number_candidates(expression.text))
        elif name in SPEC_BY_NAME and SPEC_BY_NAME[name].type == "string":
            choices.append(_string_candidates(expression.text))
        else:  # an unknown list could hold anything
            return CriterionStatus.UNDOCUMENTED
    known = {name: _engine_value(values[name].value) for name in expression.names if name not in unknown}
    outcomes: set[bool] = set()
    for assignment in product(*choices):
        data = {**known, **dict(zip(unknown, assignment, strict=True))}
        try:
            outcomes.add(bool(expression.rule.evaluate(data)))
        except rule_engine.EngineError:
            return CriterionStatus.UNDOCUMENTED
        if len(outcomes) > 1:
            return CriterionStatus.UNDOCUMENTED
    return CriterionStatus.MET if outcomes == {True} else CriterionStatus.UNMET


BOOLEAN_NAMES = frozenset(spec.name for spec in SPECS if spec.type == "boolean")


class _Placeholders(string.Formatter):
    """Fill rationale templates from variables; ``{quote:name}`` quotes the first evidence for ``name``."""

    def __init__(self, values: Mapping[str, Variable], extras: Mapping[str, str]) -> None:
        super().__init__()
        self.values = values
        self.extras = extras

    def get_value(self, key: int | str, args: Any, kwargs: Any) -> Any:
        name = str(key)
        if name in self.extras:
            return self.extras[name]
        if name == "quote":
            return _Quotes(self.values)
        variable = self.values.get(name)
        return _display(variable.value if variable else None)


class _Quotes:
    """``{quote[name]}``: the first piece of evidence behind a variable, in quotation marks."""

    def __init__(self, values: Mapping[str, Variable]) -> None:
        self.values = values

    def __getitem__(self, name: str) -> str:
        variable = self.values.get(name)
        if variable and variable.evidence:
            return f'"{variable.evidence[0].text}"'
        return "nothing in the record"


def _display(value: Any) -> str:
    if value is None:
        return "not documented"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple):
        return ", ".join(str(v).replace("_", " ") for v in value) or "none"
    return str(value).replace("_", " ") if isinstance(value, str) and "_" in value else str(value)


def render(template: str, values: Mapping[str, Variable], extras: Mapping[str, str]) -> str:
    return _Placeholders(values, extras).format(template)


def evaluate_criterion(
    criterion: CriterionModel,
    rule: LoadedRule,
    values: Mapping[str, Variable],
    extras: Mapping[str, str],
) -> CriterionResult:
    if criterion.any:
        children = tuple(evaluate_criterion(child, rule, values, extras) for child in criterion.any)
        statuses = {child.status for child in children}
        if CriterionStatus.MET in statuses:
            status = CriterionStatus.MET
            met_child = next(child for child in children if child.status is CriterionStatus.MET)
            sentence = met_child.sentence
            evidence = met_child.evidence
        else:
            status = CriterionStatus.UNDOCUMENTED if CriterionStatus.UNDOCUMENTED in statuses else CriterionStatus.UNMET
            # the alternatives that plainly fail say more than the group's general sentence
            failing = [child.sentence for child in children if child.status is CriterionStatus.UNMET]
            failing += [child.sentence for child in children if child.status is CriterionStatus.UNDOCUMENTED]
            sentence = " ".join(failing) if failing else render(getattr(criterion, status.value), values, extras)
            evidence = tuple(e for child in children for e in child.evidence)
        return CriterionResult(criterion.id, criterion.description, status, sentence, evidence, children)
    expression = rule.expressions[criterion.id]
    status = evaluate_expression(expression, values, BOOLEAN_NAMES)
    sentence = render(getattr(criterion, status.value), values, extras)
    return CriterionResult(criterion.id, criterion.description, status, sentence, _evidence(expression.names, values))
