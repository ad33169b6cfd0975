"""Every variable rule files may use: the core set, the providers for particular kinds of service, and the
variables defined in data (data/variables/*.yaml and the rule packs' variables/ folders).

A provider is a module in ``imr.guidelines.providers`` that defines ``PROVIDER``: the variables it defines and
``compute(facts, request, context)`` giving their values. Modules there are found automatically. Providers keep what
is computation (dates, counts, dose arithmetic) and the readers not yet moved to data; a new record reader is a data
variable.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from imr.guidelines import providers as provider_package
from imr.guidelines.data_variables import DataVariable, compute_data_variable, data_variables, flattened
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
CODE_SPECS: tuple[VariableSpec, ...] = CORE_SPECS + tuple(spec for p in PROVIDERS for spec in p.specs)
if len({spec.name for spec in CODE_SPECS}) != len(CODE_SPECS):  # pragma: no cover - a programming error
    raise RuntimeError("two variable providers define the same variable")
DATA_VARIABLES: tuple[DataVariable, ...] = data_variables(frozenset(spec.name for spec in CODE_SPECS))
SPECS: tuple[VariableSpec, ...] = CODE_SPECS + tuple(
    VariableSpec(v.name, v.model.type, v.model.description, "data") for v in DATA_VARIABLES
)
SPEC_BY_NAME: dict[str, VariableSpec] = {spec.name: spec for spec in SPECS}
_DATA_BY_NAME: dict[str, DataVariable] = {v.name: v for v in DATA_VARIABLES}


@lru_cache(maxsize=256)
def _with_dependencies(needed: frozenset[str]) -> frozenset[str]:
    """``needed`` and every data variable a needed data variable reads, transitively."""
    closed = set(needed)
    pending = [name for name in needed if name in _DATA_BY_NAME]
    while pending:
        variable = _DATA_BY_NAME[pending.pop()]
        for case in variable.model.decision_cases():
            for selector in flattened(case.when):
                name = selector.variable
                if name is not None and name not in closed:
                    closed.add(name)
                    if name in _DATA_BY_NAME:
                        pending.append(name)
    return frozenset(closed)


def compute_variables(
    facts: Facts, request: TreatmentRequest, context: ItemContext, needed: frozenset[str] | None = None
) -> dict[str, Variable]:
    """All variables. With ``needed`` (what the applicable rules read), a provider none of whose variables is
    needed is skipped and its variables stay unknown: nothing that could decide the item reads them."""
    if needed is not None:
        needed = _with_dependencies(needed)
    values = compute_core_variables(facts, request, context.dates, context.authorized_sessions, context.other_requests)
    for provider in PROVIDERS:
        if needed is not None and not any(spec.name in needed for spec in provider.specs):
            values.update({spec.name: Variable(None) for spec in provider.specs})
            continue
        values.update(provider.compute(facts, request, context))
    for variable in DATA_VARIABLES:
        if needed is not None and variable.name not in needed:
            values[variable.name] = Variable(None)
            continue
        value, evidence = compute_data_variable(variable.model, facts, request, values)
        values[variable.name] = Variable(value, evidence)
    return values


__all__ = ["SPECS", "SPEC_BY_NAME", "CaseDates", "ItemContext", "Provider", "compute_variables"]
