"""Turn the frozen records into plain JSON-ready values (dicts, lists, strings, numbers)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any

from imr.records import Span


def to_jsonable(value: Any, *, drop: frozenset[str] = frozenset()) -> Any:
    """Dataclasses become dicts, enums their values, dates ISO strings.

    ``drop`` names fields left out at every level: use it only for names that mean one thing throughout.
    """
    if isinstance(value, Span):
        return {"start": value.start, "end": value.end}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_jsonable(getattr(value, f.name), drop=drop)
            for f in dataclasses.fields(value)
            if f.name not in drop
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v, drop=drop) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        return [to_jsonable(v, drop=drop) for v in value]
    return value
