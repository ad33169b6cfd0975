"""Reading YAML input files and turning pydantic's complaints into one-line messages.

Used by the case, panel, specialty and holiday loaders. A message names the field with a path a person can
find in the file (``items[1].ur_action``; list indexes count from 0, as in the file's own list order) and
says what was expected and what was found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import yaml
from pydantic import BeforeValidator, ValidationError
from pydantic_core import ErrorDetails

from imr.errors import ImrError


def read_yaml_mapping(path: Path, error_type: type[ImrError], *, source: str | None = None) -> dict[str, Any]:
    """Parse ``path`` as YAML (JSON is YAML too) and return its top-level mapping."""
    where = source or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error_type("file not found", source=where) from None
    except IsADirectoryError:
        raise error_type("is a directory, expected a YAML file", source=where) from None
    except UnicodeDecodeError as exc:
        raise error_type(f"not UTF-8 text (byte {exc.start})", source=where) from None
    except OSError as exc:
        raise error_type(f"cannot be read ({exc.strerror})", source=where) from None
    return parse_yaml_mapping(text, error_type, source=where)


class _TextDatesLoader(yaml.SafeLoader):
    """Leaves dates as text, so a bad one ("2015-13-45") fails validation under its field's name instead of
    breaking the YAML parser."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


MAX_NESTING = 50  # an input file a person writes nests a few levels; past this it is an attack or an accident


def load_yaml_text(text: str, error_type: type[ImrError], *, source: str) -> Any:
    """YAML (or JSON) text with dates left as text and nesting bounded: every failure is one ``error_type``."""
    try:
        data = yaml.load(text, Loader=_TextDatesLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise error_type(f"invalid YAML{at}: {problem}", source=source) from None
    except RecursionError:
        raise error_type(f"nested more than {MAX_NESTING} levels deep", source=source) from None
    check_nesting(data, error_type, source=source)
    return data


def check_nesting(data: Any, error_type: type[ImrError], *, source: str) -> None:
    """Raise ``error_type`` when lists and mappings nest deeper than MAX_NESTING (checked without recursion)."""
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_NESTING:
            raise error_type(f"nested more than {MAX_NESTING} levels deep", source=source)
        if isinstance(value, dict):
            pending.extend((child, depth + 1) for child in value.values())
        elif isinstance(value, list):
            pending.extend((child, depth + 1) for child in value)


def parse_yaml_mapping(text: str, error_type: type[ImrError], *, source: str) -> dict[str, Any]:
    data = load_yaml_text(text, error_type, source=source)
    if data is None:
        raise error_type("file is empty", source=source)
    if not isinstance(data, dict):
        raise error_type(f"expected a mapping of keys at the top level, got {_kind(data)}", source=source)
    return data


def field_path(loc: Sequence[int | str]) -> str:
    """``("items", 1, "ur_action")`` -> ``items[1].ur_action``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


MAX_PROBLEMS_LISTED = 10


def raise_validation_error(exc: ValidationError, error_type: type[ImrError], *, source: str) -> NoReturn:
    """Raise ``error_type`` naming every problem pydantic found (see :func:`raise_problems`)."""
    problems = [(field_path(_strip_tags(e["loc"])), explain(e)) for e in exc.errors(include_url=False)]
    raise_problems(problems, error_type, source=source)


def raise_problems(problems: Sequence[tuple[str, str]], error_type: type[ImrError], *, source: str) -> NoReturn:
    """Raise one ``error_type`` for ``(field path, message)`` problems, all of them on one line.

    One problem keeps its field (``case.yaml: items[1].ur_action: expected ...``); several are counted and
    listed in file order, each with its field: ``case.yaml: 3 problems: case_number: required field is missing;
    priority: expected ...; items[0].ur_action: expected ...``. Past MAX_PROBLEMS_LISTED the rest are counted.
    """
    if not problems:
        raise ValueError("raise_problems needs at least one problem")
    if len(problems) == 1:
        field, message = problems[0]
        raise error_type(message, source=source, field=field or None) from None
    listed = [f"{field}: {message}" if field else message for field, message in problems[:MAX_PROBLEMS_LISTED]]
    if len(problems) > MAX_PROBLEMS_LISTED:
        listed.append(f"and {len(problems) - MAX_PROBLEMS_LISTED} more")
    raise error_type(f"{len(problems)} problems: " + "; ".join(listed), source=source) from None


def explain(error: ErrorDetails) -> str:
    kind = error["type"]
    got = error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown key (not part of the schema; check the spelling)"
    if kind == "literal_error":
        expected = (error.get("ctx") or {}).get("expected", "")
        return f"expected {expected}, got {_show(got)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"expected true or false, got {_show(got)}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, got {_show(got)}"
    if kind in {"float_type", "float_parsing"}:
        return f"expected a number, got {_show(got)}"
    if kind in {"string_type"}:
        return f"expected text, got {_show(got)}"
    if kind in {"list_type"}:
        return f"expected a list, got {_show(got)}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"expected a mapping of keys, got {_show(got)}"
    if kind == "value_error":
        # Our own validators raise ValueError("..."); pydantic prefixes "Value error, ".
        return str(error["msg"]).removeprefix("Value error, ")
    return f"{error['msg']}, got {_show(got)}"


def _strip_tags(loc: Sequence[int | str]) -> list[int | str]:
    # Function validators add their own names to the location (e.g. "function-before[...]"); drop them.
    return [p for p in loc if not (isinstance(p, str) and "[" in p)]


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """Accept a date (YAML turns ``2016-08-29`` into one) or ISO text; refuse numbers and datetimes."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date YYYY-MM-DD without a time, got {value.isoformat()}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")
    raise ValueError(f"expected a date YYYY-MM-DD, got {_show(value)}")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar date written as ``YYYY-MM-DD`` (a bad day such as ``2017-02-29`` is refused with a message)."""
