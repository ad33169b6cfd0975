"""Load the YAML data files shipped inside the package (importlib.resources), with clear errors."""

from __future__ import annotations

from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from imr.errors import RuleFileError


def package_data_path(relative: str) -> str:
    return f"imr/data/{relative}"


def read_package_yaml(relative: str) -> Any:
    """Read ``imr/data/<relative>``; a missing or malformed file is a RuleFileError naming it."""
    resource = resources.files("imr").joinpath("data")
    for part in relative.split("/"):
        resource = resource.joinpath(part)
    name = package_data_path(relative)
    try:
        text = resource.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise RuleFileError(f"cannot read data file: {exc}", source=name) from exc
    return parse_yaml_text(text, name)


Model = TypeVar("Model", bound=BaseModel)


def rule_file_error(exc: ValidationError, source: str) -> RuleFileError:
    """The first problem pydantic found, as a RuleFileError naming the file and the dotted key path."""
    first = exc.errors()[0]
    return RuleFileError(first["msg"], source=source, field=".".join(str(part) for part in first["loc"]))


def validated(model: type[Model], raw: Any, source: str) -> Model:
    """``raw`` checked against ``model``; a mismatch is a RuleFileError naming ``source`` and the key."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise rule_file_error(exc, source) from exc


def parse_yaml_text(text: str, name: str) -> Any:
    try:
        # libyaml's loader when the platform has it: ten times faster than the pure-Python one
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise RuleFileError(f"invalid YAML{where}: {problem}", source=name) from exc
