"""Load the guideline rule files, validate them and compile their expressions.

A broken file is one ``RuleFileError`` naming the file, the rule and the key: YAML syntax, a missing or unknown
key, an expression that does not compile or names an unknown variable, a template placeholder nobody fills.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import rule_engine
from pydantic import BaseModel, ConfigDict, ValidationError

from imr.data_files import package_data_path, parse_yaml_text, read_package_yaml, validated
from imr.errors import RuleFileError
from imr.guidelines.registry import SPEC_BY_NAME
from imr.guidelines.schema import CriterionModel, GuidelineModel, RuleFileModel, RuleModel
from imr.rule_packs import pack_files

_KEYWORDS = {"and", "or", "not", "in", "true", "false", "null", "if", "then", "else", "for"}
_IDENTIFIER = re.compile(r"(?<![\w.'\"])([a-z_][a-z0-9_]*)\b")
_STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_TYPES = {
    "number": rule_engine.DataType.FLOAT,
    "boolean": rule_engine.DataType.BOOLEAN,
    "string": rule_engine.DataType.STRING,
    "array": rule_engine.DataType.ARRAY(rule_engine.DataType.STRING),
}
TEMPLATE_EXTRAS = {"request", "guideline", "section", "pages", "citation"}


@dataclass(frozen=True)
class CompiledExpression:
    text: str
    rule: Any  # rule_engine.Rule
    names: tuple[str, ...]  # variables (and table fields) the expression reads


@dataclass(frozen=True)
class LoadedRule:
    model: RuleModel
    guideline: GuidelineModel
    source: str
    when: CompiledExpression | None
    expressions: dict[str, CompiledExpression]  # criterion id -> compiled expression

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True)
class RuleBook:
    rules: tuple[LoadedRule, ...]
    guidelines: tuple[GuidelineModel, ...]
    _names_cache: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _service_cache: dict[str, tuple[LoadedRule, ...]] = field(default_factory=dict, compare=False, repr=False)

    def rules_for_service(self, service: str) -> tuple[LoadedRule, ...]:
        """The rules written for ``service``, in book order (looked up once per service)."""
        cache = self._service_cache
        if service not in cache:
            cache[service] = tuple(rule for rule in self.rules if service in rule.model.applies_to.services)
        return cache[service]

    def names_for_service(self, service: str) -> frozenset[str]:
        """Every variable the rules for ``service`` read (their conditions, criteria and table keys)."""
        cache = self._names_cache
        if service not in cache:
            names: set[str] = set()
            for rule in self.rules:
                if service not in rule.model.applies_to.services:
                    continue
                if rule.when is not None:
                    names.update(rule.when.names)
                for expression in rule.expressions.values():
                    names.update(expression.names)
                names.update(table.key for table in rule.model.tables.values())
            cache[service] = frozenset(names)
        return cache[service]

    @property
    def rule_ids(self) -> frozenset[str]:
        return frozenset(rule.id for rule in self.rules)

    def rule(self, rule_id: str) -> LoadedRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def in_force(self, on: dt.date) -> tuple[GuidelineModel, ...]:
        return tuple(
            g for g in self.guidelines if g.effective_from <= on and (g.effective_to is None or on <= g.effective_to)
        )


def _table_fields(rule: RuleModel) -> dict[str, str]:
    fields: dict[str, str] = {}
    for table_name, table in rule.tables.items():
        sample: dict[str, Any] = {}
        for row in table.rows:
            sample.update(row.values)
        if table.default:
            sample.update(table.default)
        for key, value in sample.items():
            fields[f"{table_name}_{key}"] = "string" if isinstance(value, str) else "number"
    return fields


def _compile(text: str, where: str, field: str, table_fields: dict[str, str]) -> CompiledExpression:
    # words inside string literals ('hydrocodone/acetaminophen', 'failed back surgery') are not variables
    code = _STRING_LITERAL.sub("''", text)
    names = tuple(dict.fromkeys(n for n in _IDENTIFIER.findall(code) if n not in _KEYWORDS))
    types: dict[str, Any] = {}
    for name in names:
        if name in SPEC_BY_NAME:
            types[name] = _TYPES[SPEC_BY_NAME[name].type]
        elif name in table_fields:
            types[name] = _TYPES[table_fields[name]]
        else:
            raise RuleFileError(f"expression names unknown variable '{name}': {text!r}", source=where, field=field)
    try:
        context = rule_engine.Context(type_resolver=rule_engine.type_resolver_from_dict(types))
        compiled = rule_engine.Rule(text, context=context)
    except rule_engine.EngineError as exc:
        raise RuleFileError(
            f"expression does not compile ({exc.message}): {text!r}", source=where, field=field
        ) from exc
    return CompiledExpression(text, compiled, names)


def _check_template(template: str, where: str, field: str, known: set[str]) -> None:
    for _, name, _, _ in string.Formatter().parse(template):
        if name is None:
            continue
        quoted = re.fullmatch(r"quote\[(\w+)\]", name)
        base = quoted.group(1) if quoted else name
        if base not in known:
            raise RuleFileError(f"template names unknown placeholder '{{{name}}}'", source=where, field=field)


def _compile_criteria(
    criteria: list[CriterionModel],
    prefix: str,
    where: str,
    table_fields: dict[str, str],
    known: set[str],
    out: dict[str, CompiledExpression],
) -> None:
    for index, criterion in enumerate(criteria):
        field = f"{prefix}.criteria[{index}]({criterion.id})"
        if (criterion.expression is None) == (not criterion.any):
            raise RuleFileError("a criterion needs exactly one of 'expression' or 'any'", source=where, field=field)
        if criterion.id in out:
            raise RuleFileError(f"duplicate criterion id '{criterion.id}'", source=where, field=field)
        if criterion.expression is not None:
            out[criterion.id] = _compile(criterion.expression, where, f"{field}.expression", table_fields)
        else:
            out[criterion.id] = CompiledExpression("", None, ())
            _compile_criteria(criterion.any, f"{field}.any", where, table_fields, known, out)
        for key in ("met", "unmet", "undocumented"):
            _check_template(getattr(criterion, key), where, f"{field}.{key}", known)


def build_rules(raw: Any, source: str) -> tuple[GuidelineModel, tuple[LoadedRule, ...]]:
    try:
        model = RuleFileModel.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = list(first["loc"])
        if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int) and isinstance(raw, dict):
            rules = raw.get("rules") or []
            index = location[1]
            if index < len(rules) and isinstance(rules[index], dict) and "id" in rules[index]:
                location[1] = f"{index}({rules[index]['id']})"
        path = ".".join(str(p) for p in location)
        raise RuleFileError(first["msg"], source=source, field=path) from exc
    loaded: list[LoadedRule] = []
    for declared in model.rules:
        rule = _with_shared_criteria(declared, source)
        where_field = f"rules.{rule.id}"
        table_fields = _table_fields(rule)
        for table_name, table in rule.tables.items():
            if table.key not in SPEC_BY_NAME:
                raise RuleFileError(
                    f"table key names unknown variable '{table.key}'",
                    source=source,
                    field=f"{where_field}.tables.{table_name}",
                )
        known = set(SPEC_BY_NAME) | set(table_fields) | TEMPLATE_EXTRAS
        expressions: dict[str, CompiledExpression] = {}
        _compile_criteria(rule.criteria, where_field, source, table_fields, known, expressions)
        when = (
            _compile(rule.applies_to.when, source, f"{where_field}.applies_to.when", table_fields)
            if rule.applies_to.when
            else None
        )
        _check_template(rule.statement, source, f"{where_field}.statement", known)
        if rule.recommendation == "criteria" and not rule.criteria:
            raise RuleFileError(
                "a rule decided by criteria needs at least one criterion", source=source, field=where_field
            )
        outcomes = {example.expect for example in rule.examples}
        if rule.recommendation == "criteria" and outcomes != {"upheld", "overturned"}:
            raise RuleFileError(
                "examples must show both an upheld and an overturned outcome",
                source=source,
                field=f"{where_field}.examples",
            )
        loaded.append(LoadedRule(rule, model.guideline, source, when, expressions))
    return model.guideline, tuple(loaded)


class _SharedCriterionFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    criterion: CriterionModel


@lru_cache(maxsize=4)
def shared_criterion(name: str) -> CriterionModel:
    """A criterion rules share (data/criteria/<name>.yaml)."""
    relative = f"criteria/{name}.yaml"
    return validated(_SharedCriterionFile, read_package_yaml(relative), package_data_path(relative)).criterion


def surgery_criterion() -> CriterionModel:
    """The criterion a rule with ``serves_surgery: true`` begins with (data/criteria/surgery_certified.yaml)."""
    return shared_criterion("surgery_certified")


def _with_shared_criteria(rule: RuleModel, source: str) -> RuleModel:
    """A rule for a service that serves a surgery, or a drug that accompanies an opioid, begins with the shared
    criterion that reads the decision on it."""
    flags = (("serves_surgery", "surgery_certified"), ("accompanies_opioid", "opioid_certified"))
    shared = [shared_criterion(name) for flag, name in flags if getattr(rule, flag)]
    for criterion in shared:
        if any(own.id == criterion.id for own in rule.criteria):
            raise RuleFileError(
                f"the rule's flag adds the '{criterion.id}' criterion; do not list it too",
                source=source,
                field=f"rules.{rule.id}.criteria",
            )
    if not shared:
        return rule
    return rule.model_copy(update={"criteria": [*shared, *rule.criteria]})


def load_rule_file(path: Path) -> tuple[GuidelineModel, tuple[LoadedRule, ...]]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError(f"cannot read rule file ({exc.strerror})", source=name) from exc
    return build_rules(parse_yaml_text(text, name), name)


def _packaged_files() -> list[tuple[str, str]]:
    folder = resources.files("imr").joinpath("data").joinpath("guidelines")
    files = sorted(
        (entry.name, entry.read_text(encoding="utf-8")) for entry in folder.iterdir() if entry.name.endswith(".yaml")
    )
    return files


def build_rule_book(files: list[tuple[str, str]]) -> RuleBook:
    guidelines: list[GuidelineModel] = []
    rules: list[LoadedRule] = []
    seen: dict[str, str] = {}
    first_file: dict[str, str] = {}
    for name, text in files:
        guideline, loaded = build_rules(parse_yaml_text(text, name), name)
        # a guideline's rules may span several files (one per topic); their headers must agree
        if guideline.id in first_file:
            known = next(g for g in guidelines if g.id == guideline.id)
            if known != guideline:
                raise RuleFileError(
                    f"guideline header differs from the one in {first_file[guideline.id]}",
                    source=name,
                    field="guideline",
                )
        else:
            first_file[guideline.id] = name
            guidelines.append(guideline)
        for rule in loaded:
            if rule.id in seen:
                raise RuleFileError(f"rule id also defined in {seen[rule.id]}", source=name, field=f"rules.{rule.id}")
            seen[rule.id] = name
            rules.append(rule)
    return RuleBook(tuple(rules), tuple(guidelines))


def packaged_rule_files() -> list[tuple[str, str]]:
    """(name, text) of every built-in rule file."""
    return [(f"imr/data/guidelines/{name}", text) for name, text in _packaged_files()]


@lru_cache(maxsize=1)
def rule_book() -> RuleBook:
    """Every packaged rule file and every rule file of the rule packs (IMR_RULES_PATH), loaded once per process."""
    return build_rule_book(packaged_rule_files() + pack_files())
