"""A Determination as JSON: the items with their full trail, and the facts found (without the record text)."""

from __future__ import annotations

import dataclasses
from typing import Any

from imr.records import Determination
from imr.serialise import to_jsonable


def determination_to_dict(determination: Determination) -> dict[str, Any]:
    facts = {
        field.name: to_jsonable(getattr(determination.facts, field.name))
        for field in dataclasses.fields(determination.facts)
        if field.name != "text"
    }
    return {
        "source": determination.source,
        "status": determination.status,
        "request_date": to_jsonable(determination.request_date),
        "items": to_jsonable(determination.items),
        "facts": facts,
    }
