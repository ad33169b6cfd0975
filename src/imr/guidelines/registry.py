"""Every variable rule files may use: the core set plus the providers for particular kinds of service.

A provider is a module in ``imr.guidelines.providers`` that defines ``PROVIDER``: the variables it defines and
``compute(facts, request, context)`` giving their values. Modules there are found automatically.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from imr.guidelines import providers as provider_package
from imr.guidelines.variables import CORE_SPECS, CaseDates, ItemContext, Variable, VariableSpec, compute_core_variables
from imr.records import Facts, TreatmentRequest


@dataclass(frozen=True, slots=True)
class Provider:
    name: str
    specs: tuple[VariableSpec, ...]
    compute: Callable[[Facts, TreatmentRequest, ItemContext], dict[str, Variable]]


def _providers() -> tuple[Provider, ...]:
    found: list[Provider] = []
    for module_info in sorted(pkgutil.iter_modules(provider_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{provider_package.__name__}.{module_info.name}")
        provider = getattr(module, "PROVIDER", None)
        if isinstance(provider, Provider):
            found.append(provider)
    return tuple(found)


PROVIDERS: tuple[Provider, ...] = _providers()
SPECS: tuple[VariableSpec, ...] = CORE_SPECS + tuple(spec for p in PROVIDERS for spec in p.specs)
SPEC_BY_NAME: dict[str, VariableSpec] = {spec.name: spec for spec in SPECS}
if len(SPEC_BY_NAME) != len(SPECS):  # pragma: no cover - a programming error, caught by the first test run
    raise RuntimeError("two variable providers define the same variable")


def compute_variables(
    facts: Facts, request: TreatmentRequest, context: ItemContext, needed: frozenset[str] | None = None
) -> dict[str, Variable]:
    """All variables. With ``needed`` (what the applicable rules read), a provider none of whose variables is
    needed is skipped and its variables stay unknown: nothing that could decide the item reads them."""
    values = compute_core_variables(facts, request, context.dates, context.authorized_sessions, context.other_requests)
    for provider in PROVIDERS:
        if needed is not None and not any(spec.name in needed for spec in provider.specs):
            values.update({spec.name: Variable(None) for spec in provider.specs})
            continue
        values.update(provider.compute(facts, request, context))
    return values


__all__ = ["SPECS", "SPEC_BY_NAME", "CaseDates", "ItemContext", "Provider", "compute_variables"]
