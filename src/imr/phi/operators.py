"""Redaction operators, chosen by name: what an identifier is replaced with."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from imr.phi.errors import RedactionOperatorError
from imr.phi.placeholders import load_placeholders
from imr.phi.spans import IdentifierSpan

Operator = Callable[[IdentifierSpan], str]
MASK = "[REDACTED]"


def _remove(span: IdentifierSpan) -> str:
    """The style of the Division's published letters: the identifier disappears, the spaces around it stay
    ("employed by  .")."""
    return ""


def _mask(span: IdentifierSpan) -> str:
    return MASK


def _tag(span: IdentifierSpan) -> str:
    return f"[{span.entity_type}]"


def _placeholder(span: IdentifierSpan) -> str:
    """The published-letter style: a word that says what was there ("by [provider], dated"), never a gap."""
    return load_placeholders()[span.entity_type]


OPERATORS: Mapping[str, Operator] = MappingProxyType(
    {"remove": _remove, "mask": _mask, "tag": _tag, "placeholder": _placeholder}
)


def operator_named(name: str, *, field: str = "operator") -> Operator:
    try:
        return OPERATORS[name]
    except KeyError:
        known = ", ".join(sorted(OPERATORS))
        raise RedactionOperatorError(f"unknown redaction operator {name!r} (known: {known})", field=field) from None
