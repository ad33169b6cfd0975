"""Text handed in by a caller, made safe to read: a string, with no lone surrogate (which no encoder accepts).

A lone surrogate becomes U+FFFD, one character for one, so every offset into the text stays where it was.
"""

from __future__ import annotations

import re

from imr.errors import InputError

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def checked_text(value: object, source: str) -> str:
    """``value`` as text a reader can take; a non-string raises InputError naming ``source``."""
    if not isinstance(value, str):
        raise InputError(f"expected text, got {type(value).__name__}", source=source)
    return _LONE_SURROGATE.sub("\ufffd", value)
