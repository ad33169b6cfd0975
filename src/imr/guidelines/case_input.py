"""Read the input of `imr decide`: a YAML or JSON object (or JSON Lines of them) with the clinical text,
the disputed requests and the dates."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from imr.cases.yaml_input import check_nesting, load_yaml_text
from imr.errors import CaseFileError
from imr.records import DecisionCase
from imr.text.dates import parse_date


class RequestEntryModel(BaseModel):
    """A disputed item with what UR did: `authorized` is the part UR certified, if any."""

    model_config = ConfigDict(extra="forbid")
    request: str = Field(min_length=1)
    authorized: str | None = None


class DecisionCaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    summary: str = Field(min_length=1)
    requests: list[str | RequestEntryModel] = Field(min_length=1)
    request_date: dt.date | None = None
    injury_date: dt.date | None = None
    ur_date: dt.date | None = None
    case_number: str | None = None

    @field_validator("request_date", "injury_date", "ur_date", mode="before")
    @classmethod
    def _letter_dates(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip() and "-" not in value:
            parsed = parse_date(value)
            if parsed is None:
                raise ValueError(f"unknown date format {value!r} (use YYYY-MM-DD or MM/DD/YYYY)")
            return parsed
        return value

    @field_validator("summary")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("summary is empty")
        return value

    @field_validator("requests")
    @classmethod
    def _requests_not_blank(cls, value: list[str | RequestEntryModel]) -> list[str | RequestEntryModel]:
        if any(not (r if isinstance(r, str) else r.request).strip() for r in value):
            raise ValueError("a request is empty")
        return value


def case_from_mapping(raw: Any, source: str) -> DecisionCase:
    if not isinstance(raw, dict):
        raise CaseFileError("expected an object with 'summary' and 'requests'", source=source)
    try:
        model = DecisionCaseModel.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(p) for p in first["loc"]) or "case"
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "missing":
            message = "required field is missing"
        raise CaseFileError(message, source=source, field=path) from exc
    return DecisionCase(
        summary=model.summary,
        requests=tuple(r if isinstance(r, str) else r.request for r in model.requests),
        authorized=tuple(None if isinstance(r, str) else r.authorized for r in model.requests),
        request_date=model.request_date,
        injury_date=model.injury_date,
        ur_date=model.ur_date,
        source=model.case_number or source,
    )


def cases_from_text(text: str, source: str) -> list[DecisionCase]:
    """One YAML/JSON case, or JSON Lines (one case per line)."""
    if not text.strip():
        raise CaseFileError("empty case file", source=source)
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines):
        cases = []
        for number, line in enumerate(lines, start=1):
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CaseFileError(f"line {number} is not JSON ({exc.msg})", source=source) from exc
            except RecursionError:
                raise CaseFileError(f"line {number} is nested too deeply", source=source) from None
            check_nesting(raw, CaseFileError, source=f"{source}:{number}")
            cases.append(case_from_mapping(raw, f"{source}:{number}"))
        return cases
    raw = load_yaml_text(text, CaseFileError, source=source)
    return [case_from_mapping(raw, source)]
