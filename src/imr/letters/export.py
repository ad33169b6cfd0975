"""A Letter as a JSON object and as table rows."""

from __future__ import annotations

import dataclasses
from typing import Any

from imr.records import Letter
from imr.serialise import to_jsonable


def letter_to_dict(letter: Letter) -> dict[str, Any]:
    """JSON form of a letter: ``file`` (the path as given), the layout, header, reviewer, summary and items.

    The source text itself is left out; every span points into it.
    """
    body = {
        field.name: to_jsonable(getattr(letter, field.name))
        for field in dataclasses.fields(letter)
        if field.name not in {"text", "source"}
    }
    return {"file": letter.source, **body}
