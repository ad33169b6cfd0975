"""Every variable rule files may use: the core set plus the providers for particular kinds of service.

A provider is a module with ``SPECS`` (what it defines) and ``compute(facts, request, dates)`` (their values);
to add one, list it in ``PROVIDERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from imr.guidelines.variables import CORE_SPECS, CaseDates, Variable, VariableSpec, compute_core_variables
from imr.records import Facts, TreatmentRequest


@dataclass(frozen=True, slots=True)
class Provider:
    name: str
    specs: tuple[VariableSpec, ...]
    compute: Callable[[Facts, TreatmentRequest, CaseDates], dict[str, Variable]]


def _providers() -> tuple[Provider, ...]:
    return ()


PROVIDERS: tuple[Provider, ...] = _providers()
SPECS: tuple[VariableSpec, ...] = CORE_SPECS + tuple(spec for p in PROVIDERS for spec in p.specs)
SPEC_BY_NAME: dict[str, VariableSpec] = {spec.name: spec for spec in SPECS}
if len(SPEC_BY_NAME) != len(SPECS):  # pragma: no cover - a programming error, caught by the first test run
    raise RuntimeError("two variable providers define the same variable")


def compute_variables(
    facts: Facts, request: TreatmentRequest, dates: CaseDates, authorized_sessions: int | None = None
) -> dict[str, Variable]:
    values = compute_core_variables(facts, request, dates, authorized_sessions)
    for provider in PROVIDERS:
        values.update(provider.compute(facts, request, dates))
    return values
