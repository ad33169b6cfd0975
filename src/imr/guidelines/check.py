"""Check one rule file before it is installed: it must load with the rule book it joins, and each of its examples
must reach its stated outcome through the whole engine (facts, request, the governing rule)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from imr.errors import RuleFileError
from imr.facts import extract_facts
from imr.guidelines.decide import decide_item
from imr.guidelines.load import RuleBook, build_rule_book, packaged_rule_files
from imr.guidelines.variables import CaseDates
from imr.rule_packs import pack_files


@dataclass(frozen=True, slots=True)
class ExampleCheck:
    rule_id: str
    number: int  # 1-based, in the rule's example list
    expected: str
    decided: str  # upheld, overturned or undecided
    governing: tuple[str, ...]  # the rules that decided the example
    reason: str | None = None  # what went wrong, None when the example passed

    @property
    def passed(self) -> bool:
        return self.reason is None


def _book_with(path: Path, text: str) -> RuleBook:
    """The built-in rules, the packs' rules and the file, which replaces itself if it is already one of them."""
    target = path.resolve()
    packaged_folder = Path(str(resources.files("imr").joinpath("data").joinpath("guidelines")))
    built_in = [(n, t) for n, t in packaged_rule_files() if (packaged_folder / Path(n).name).resolve() != target]
    packs = [(n, t) for n, t in pack_files() if Path(n).resolve() != target]
    return build_rule_book([*built_in, *packs, (str(path), text)])


def check_rule_file(path: Path) -> list[ExampleCheck]:
    """Every example of every rule in ``path``; a file that does not load raises RuleFileError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"cannot read rule file ({exc})", source=str(path)) from exc
    book = _book_with(path, text)
    own = [rule for rule in book.rules if rule.source == str(path)]
    results: list[ExampleCheck] = []
    for rule in own:
        for number, example in enumerate(rule.model.examples, start=1):
            item = decide_item(
                1, example.request, extract_facts(example.summary), CaseDates(request_date=example.request_date), book
            )
            decided = item.decision.value if item.decision else "undecided"
            reason: str | None = None
            if rule.id not in item.rule_ids:
                governed = ", ".join(item.rule_ids) or f"no rule ({item.undecided_reason})"
                reason = f"the example is governed by {governed}, not by this rule"
            elif decided != example.expect:
                reason = f"expected {example.expect}, the engine decided {decided}"
            results.append(ExampleCheck(rule.id, number, example.expect, decided, item.rule_ids, reason))
    return results
