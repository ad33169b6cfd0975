"""The `imr` command: a thin layer over the library's public API.

Every command prints one line per problem ("Error: FILE: what is wrong") and exits non-zero; nothing here
holds domain logic.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from imr.corpus.commands import corpus_app
from imr.errors import ImrError, InputError
from imr.store.commands import cases_app, db_app, users_app
from imr.terminal import fail, stderr, stdout
from imr.web.commands import serve_command

app = typer.Typer(
    name="imr",
    help="Independent Medical Review (California workers' compensation): read, decide and write IMR letters.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class LetterFormat(StrEnum):
    table = "table"
    json = "json"


class DecideFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class ReplayFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


class ListFormat(StrEnum):
    table = "table"
    tsv = "tsv"
    jsonl = "jsonl"


def _read_input(name: str) -> tuple[str, bytes]:
    if name == "-":
        return "<stdin>", sys.stdin.buffer.read()
    return name, Path(name).read_bytes()


@app.command("parse")
def parse_command(
    files: Annotated[list[str], typer.Argument(help="Letters (text or PDF); '-' reads standard input.")],
    output_format: Annotated[LetterFormat, typer.Option("--format", "-f", help="table or json.")] = LetterFormat.table,
) -> None:
    """Read published IMR Final Determination letters and print what was decided.

    Example: imr parse tests/fixtures/seeds/*.txt --format json
    """
    from imr.letters.export import letter_to_dict
    from imr.letters.read import read_letter

    letters: list[Any] = []
    failures = 0
    for name in files:
        try:
            if name == "-":
                letter = read_letter(sys.stdin.buffer.read(), name="<stdin>")
            else:
                letter = read_letter(Path(name), name=name)
        except ImrError as error:
            fail(error)
            failures += 1
            continue
        except OSError as error:
            fail(f"{name}: {error.strerror or error}")
            failures += 1
            continue
        letters.append(letter)
    if output_format is LetterFormat.json:
        print(json.dumps([letter_to_dict(letter) for letter in letters], indent=2, ensure_ascii=False))
    elif letters:
        _print_letter_table(letters)
    if failures:
        raise typer.Exit(code=1)


def _print_letter_table(letters: list[Any]) -> None:
    table = Table(show_lines=False)
    for column in ("file", "case", "#", "item", "decision", "reviewer relied on"):
        table.add_column(column, overflow="fold")
    for letter in letters:
        case = letter.header.case_number.text if letter.header.case_number else ""
        for item in letter.items:
            cited = ""
            if item.reviewer_guideline is not None:
                cited = "; ".join(_citation_label(c) for c in item.reviewer_guideline.citations) or (
                    "no evidence cited" if item.reviewer_guideline.no_evidence_cited else ""
                )
            table.add_row(letter.source, case, str(item.index), item.title.text, item.decision.value, cited)
    stdout.print(table)
    upheld = sum(1 for letter in letters for item in letter.items if item.decision.value == "upheld")
    total = sum(len(letter.items) for letter in letters)
    stdout.print(f"{len(letters)} letters, {total} items: {upheld} upheld, {total - upheld} overturned")


def _citation_label(citation: Any) -> str:
    parts = [citation.title]
    if citation.edition_year:
        parts.append(str(citation.edition_year))
    if citation.sections:
        parts.append(", ".join(citation.sections))
    if citation.pages:
        parts.append("pp. " + ", ".join(str(p) for p in citation.pages))
    return " ".join(parts)


@app.command("decide")
def decide_command(
    case_file: Annotated[
        str,
        typer.Argument(
            help="A case folder (case.yaml and its records), or a case as YAML or JSON (or JSON Lines); '-' for stdin."
        ),
    ],
    output_format: Annotated[
        DecideFormat, typer.Option("--format", "-f", help="text, json or jsonl.")
    ] = DecideFormat.text,
) -> None:
    """Decide the disputed items of a case under the MTUS and print the decisions with their trail.

    The case is either a case folder as `imr review` reads it (its case.yaml and the records it lists; the
    decision reads the treating records, not the UR letter), or a YAML/JSON file with `summary` (clinical text),
    `requests` (list of strings) and optionally `request_date`, `injury_date`, `ur_date`. The result is a draft
    for a physician reviewer.

    Example: imr decide examples/decide/lumbar-pt.yaml --format text

    Example: imr decide examples/standard-lumbar-pt-mri-norco
    """
    from imr.guidelines.decide import decide_case
    from imr.guidelines.export import determination_to_dict
    from imr.letters.issues_section import DRAFT_NOTICE, render_issues_section

    try:
        inputs = _decision_inputs(case_file)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    for case, facts in inputs:
        determination = decide_case(case, facts=facts)
        if output_format is DecideFormat.text:
            print(DRAFT_NOTICE + "\n")
            print(render_issues_section(determination))
        else:
            body = determination_to_dict(determination)
            print(json.dumps(body, ensure_ascii=False, indent=None if output_format is DecideFormat.jsonl else 2))


def _decision_inputs(case_file: str) -> list[tuple[Any, Any]]:
    """``(DecisionCase, Facts or None)`` for each case the argument names; an ImrError for bad input."""
    from imr.guidelines.case_input import cases_from_text
    from imr.review.records import read_decision_case

    path = Path(case_file)
    if case_file != "-" and path.is_dir():
        return [read_decision_case(path)]
    try:
        source, data = _read_input(case_file)
    except OSError as error:
        raise InputError(error.strerror or str(error), source=case_file) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("binary file, expected YAML or JSON text", source=source) from None
    if case_file != "-" and _is_case_file(text):
        return [read_decision_case(path)]
    return [(case, None) for case in cases_from_text(text, source)]


def _is_case_file(text: str) -> bool:
    """A case folder's case.yaml (under any name): it lists records and items, and has no summary of its own."""
    from imr.cases.yaml_input import load_yaml_text

    try:
        data = load_yaml_text(text, InputError, source="<case>")
    except InputError:
        return False  # not YAML at all: the decision-case reader says what is wrong with it
    return isinstance(data, dict) and "records" in data and "items" in data and "summary" not in data


@app.command("replay")
def replay_command(
    files: Annotated[list[str], typer.Argument(help="Published letters (text or PDF).")],
    output_format: Annotated[ReplayFormat, typer.Option("--format", "-f", help="table or jsonl.")] = ReplayFormat.table,
) -> None:
    """Re-decide published letters from what a case file holds, and report agreement with the reviewers.

    The engine sees the case summary, each item's title, the header dates and the claims administrator's
    guideline line; never the published decision, the reviewer's guideline or the rationale.

    Example: imr replay ../shared/corpus/imr-2016/*.pdf
    """
    from imr.letters.read import read_letter
    from imr.letters.replay import agreement, replay_letter

    rows: list[Any] = []
    failures = 0
    with stderr.status("replaying letters...") if output_format is ReplayFormat.table else nullcontext():
        for name in files:
            try:
                letter = read_letter(Path(name), name=name)
            except ImrError as error:
                fail(error)
                failures += 1
                continue
            letter_rows = replay_letter(letter)
            rows.extend(letter_rows)
            if output_format is ReplayFormat.jsonl:
                for row in letter_rows:
                    print(json.dumps(row.as_json(), ensure_ascii=False))
    if output_format is ReplayFormat.table and rows:
        _print_replay(rows, agreement(rows))
    if failures:
        raise typer.Exit(code=1)


def _print_replay(rows: list[Any], summary: Any) -> None:
    table = Table()
    for column in ("case", "#", "item", "published", "engine", "rule"):
        table.add_column(column, overflow="fold")
    for row in rows:
        engine = row.decision.value if row.decision else "undecided"
        table.add_row(
            row.case_number or row.file,
            str(row.index),
            row.request,
            row.published_decision.value,
            engine,
            row.rule or "",
        )
    stdout.print(table)
    stdout.print(
        f"{summary.items} items; decided {summary.decided} ({summary.share_decided:.1%}), by a guideline rule "
        f"{summary.by_guideline_rule} ({summary.share_by_guideline_rule:.1%}); "
        f"accuracy on decided {summary.accuracy_decided:.3f}; accuracy counting undecided as wrong "
        f"{summary.accuracy_all:.3f}; balanced accuracy {summary.balanced_accuracy():.3f} "
        f"(decided only {summary.balanced_accuracy(count_undecided=False):.3f}); "
        f"cited guideline agrees on {summary.citation_agreed}/{summary.citation_checked}"
    )
    confusion = Table(title="published (rows) x engine (columns)")
    confusion.add_column("published")
    for engine in ("upheld", "overturned", "undecided"):
        confusion.add_column(engine)
    for published in ("upheld", "overturned"):
        confusion.add_row(
            published,
            *(str(summary.confusion.get((published, e), 0)) for e in ("upheld", "overturned", "undecided")),
        )
    stdout.print(confusion)


schema_app = typer.Typer(help="Print the JSON Schema of an input file.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")
guidelines_app = typer.Typer(help="The guideline rules the engine knows: list, show, search.", no_args_is_help=True)
app.add_typer(guidelines_app, name="guidelines")
app.add_typer(corpus_app, name="corpus")
app.add_typer(db_app, name="db")
app.add_typer(cases_app, name="cases")
app.add_typer(users_app, name="users")
app.command("serve")(serve_command)


@schema_app.command("case")
def schema_case_command() -> None:
    """The JSON Schema of case.yaml (the application and the UR decision).

    Example: imr schema case > case.schema.json
    """
    from imr.cases import case_json_schema

    print(json.dumps(case_json_schema(), indent=2))


@schema_app.command("panel")
def schema_panel_command() -> None:
    """The JSON Schema of a reviewer panel file (panel.yaml).

    Example: imr schema panel
    """
    from imr.cases import panel_json_schema

    print(json.dumps(panel_json_schema(), indent=2))


def _load_case_or_exit(case: Path) -> Any:
    from imr.cases import load_case

    try:
        return load_case(case)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None


@app.command("check")
def check_command(
    case: Annotated[Path, typer.Argument(help="A case folder (with case.yaml) or a case.yaml file.")],
    output_format: Annotated[LetterFormat, typer.Option("--format", "-f", help="table or json.")] = LetterFormat.table,
) -> None:
    """Check an IMR application's eligibility and compute its deadlines.

    Exit code 0 when eligible, 1 when ineligible or deferred (or the case file is bad).

    Example: imr check examples/standard-lumbar-pt-mri-norco
    """
    from imr.cases import check_eligibility, compute_deadlines
    from imr.serialise import to_jsonable

    loaded = _load_case_or_exit(case)
    try:
        report = check_eligibility(loaded)
        deadlines = compute_deadlines(loaded)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    if output_format is LetterFormat.json:
        print(json.dumps({"eligibility": to_jsonable(report), "deadlines": to_jsonable(deadlines)}, indent=2))
    else:
        table = Table(title=f"{report.case_number}: {report.outcome}")
        for column in ("check", "result", "reason"):
            table.add_column(column, overflow="fold")
        for check in report.checks:
            table.add_row(str(check.name), "passed" if check.passed else "FAILED", check.reason)
        stdout.print(table)
        dates = Table(title="deadlines")
        for column in ("deadline", "due", "basis"):
            dates.add_column(column, overflow="fold")
        for deadline in deadlines.all():
            dates.add_row(deadline.name, deadline.due.isoformat() if deadline.due else "not started", deadline.basis)
        stdout.print(dates)
    if report.outcome != "eligible":
        raise typer.Exit(code=1)


@app.command("assign")
def assign_command(
    case: Annotated[Path, typer.Argument(help="A case folder (with case.yaml) or a case.yaml file.")],
    panel: Annotated[Path, typer.Option("--panel", help="The reviewer panel file (panel.yaml).")],
) -> None:
    """Pick a qualified, conflict-free reviewer from a panel, and say why every other one was passed over.

    Exit code 1 when nobody on the panel may review the case.

    Example: imr assign examples/standard-lumbar-pt-mri-norco --panel examples/panel.yaml
    """
    from imr.cases import assign_reviewer, load_panel

    loaded = _load_case_or_exit(case)
    try:
        assignment = assign_reviewer(loaded, load_panel(panel))
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    stdout.print(assignment.summary(), markup=False, highlight=False)
    table = Table(title="passed over")
    table.add_column("reviewer")
    table.add_column("reasons", overflow="fold")
    for passed in assignment.passed_over:
        table.add_row(passed.reviewer_id, "; ".join(reason.text for reason in passed.reasons))
    if assignment.passed_over:
        stdout.print(table)
    if not assignment.assigned:
        raise typer.Exit(code=1)


@app.command("review")
def review_command(
    case: Annotated[Path, typer.Argument(help="A case folder (with case.yaml and the records).")],
    panel: Annotated[Path, typer.Option("--panel", help="The reviewer panel file (panel.yaml).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the letter files.")] = Path("out"),
    organisation: Annotated[
        Path | None, typer.Option("--organisation", help="YAML naming the review organisation (default: MAXIMUS).")
    ] = None,
) -> None:
    """Run the whole IMR process on a case and write the draft Final Determination.

    Writes letter.txt, letter.html, letter.pdf and determination.json (with the decision trail and the record
    spans behind every summary sentence) to OUT, and the redacted public version to OUT/public/. The draft must be
    signed by the physician reviewer (imr sign).

    OUT is replaced as a whole, at one instant, and only once the whole output is written: a failed or killed
    review leaves it as it was. A folder holding a signed determination, or files imr does not write, is refused;
    while another imr command writes OUT, this one fails at once.

    Example: imr review examples/standard-lumbar-pt-mri-norco --panel examples/panel.yaml --out out/demo
    """
    from imr.folder_commit import refuse_if_busy

    try:
        refuse_if_busy(out)  # before the models load: a second command on OUT fails at once
        from imr.review import run_review

        with stderr.status("reading records and deciding..."):
            result = run_review(case, panel, out, organisation_path=organisation)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    if result.outcome != "drafted":
        fail(f"{case}: not reviewed: {result.message}")
        raise typer.Exit(code=1)
    stdout.print(result.message, markup=False, highlight=False)
    for kind, path in result.files.items():
        stdout.print(f"  {kind:12} {path}", markup=False, highlight=False)


@app.command("sign")
def sign_command(
    out: Annotated[Path, typer.Argument(help="The folder imr review wrote.")],
    reviewer: Annotated[
        str, typer.Option("--reviewer", help="The signing physician's id: the reviewer assigned to the case.")
    ],
    change: Annotated[
        list[str] | None,
        typer.Option("--change", help="N=upheld or N=overturned: the physician's decision for item N."),
    ] = None,
    guideline: Annotated[
        list[str] | None,
        typer.Option("--guideline", help="N=TEXT: the guideline the physician relied on for item N."),
    ] = None,
    rationale: Annotated[
        list[str] | None,
        typer.Option("--rationale", help="N=TEXT: the physician's own rationale for item N."),
    ] = None,
) -> None:
    """Sign a draft determination: it becomes final, and any later change is refused.

    Only the reviewer assigned to the case at review time may sign. Every item must be decided: an item the engine
    left undecided, or whose decision the physician reverses, takes the physician's own --guideline N=... and
    --rationale N=..., which replace the engine's in every letter and public copy. Either may also be given for an
    item whose decision stands, to replace the engine's wording.

    The signature covers every file of OUT (determination.json, the letters, the public copies) and is made with
    the organisation's Ed25519 key: the PEM file IMR_SIGNING_KEY names or, without it,
    $XDG_CONFIG_HOME/imr/signing-key.pem (~/.config/imr/signing-key.pem), created on first use. Check it with
    imr verify OUT.

    The signed letters, determination and signature replace the draft together, at one instant: a failed or killed
    signing leaves the draft as it was. While another imr command writes OUT, this one fails at once.

    Example: imr sign out/demo --reviewer R-101 --change 2=overturned
    --guideline 2="MTUS ACOEM Practice Guidelines, Chapter 12, pages 303-305"
    --rationale 2="The examination documents a progressive L5 deficit after six weeks of therapy, and surgery is
    being considered. Therefore, the MRI of the lumbar spine is medically necessary."
    """
    from imr.folder_commit import refuse_if_busy

    try:
        from imr.review.reviewer_decisions import decisions_from_options

        decisions = decisions_from_options(change or [], guideline or [], rationale or [])
        refuse_if_busy(out)  # before the models load: a second command on OUT fails at once
        from imr.review import sign_determination

        letter = sign_determination(out, reviewer, decisions=decisions)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    stdout.print(f"signed {letter.case_number} on {letter.signed_on}; letters rewritten in {out}", markup=False)


@app.command("verify")
def verify_command(
    out: Annotated[Path | None, typer.Argument(help="A folder imr sign signed.")] = None,
    public_key: Annotated[
        Path | None,
        typer.Option("--public-key", help="The organisation's public key (PEM), for a check outside it."),
    ] = None,
    case: Annotated[
        str | None, typer.Option("--case", help="Check this case's signed determination in the store instead.")
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help="The store's database URL (with --case).")] = None,
) -> None:
    """Check a signed determination: its signature, made with the organisation's key, and every file it covers.

    Prints "verified" with the signing reviewer's id and the time of signing, or one line per problem, naming the
    file that was changed, removed or added, and exits 1. The organisation's key is found as imr sign finds it
    (IMR_SIGNING_KEY, or the default key file); --public-key checks against a public key given instead (folders).

    Example: imr verify out/demo   (or, for the store: imr verify --case CM16-0187342 --db sqlite:///imr.sqlite)
    """
    from imr.review import check_signature
    from imr.review.signing_key import organisation_public_key, read_public_key

    if (out is None) == (case is None):
        fail("give a signed folder, or --case NUMBER for the store, not both")
        raise typer.Exit(code=2)
    try:
        if case is not None:
            from imr.store.database import Store
            from imr.store.workflow import verify_case_number

            verification = verify_case_number(Store(db), case)
        else:
            assert out is not None
            trusted = read_public_key(public_key) if public_key else organisation_public_key()
            verification = check_signature(out, trusted)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    where = out if out is not None else case
    for problem in verification.problems:
        fail(f"{where}: {problem}")
    if verification.problems:
        raise typer.Exit(code=1)
    stdout.print(
        f"verified: signed by {verification.signed_by} at {verification.signed_at} with key {verification.key}",
        markup=False,
        highlight=False,
    )


@guidelines_app.command("list")
def guidelines_list_command(
    output: Annotated[
        ListFormat, typer.Option("--format", help="table to read; tsv or jsonl to pipe.")
    ] = ListFormat.table,
    on: Annotated[
        str | None, typer.Option(help="Only the rules in force on this date (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    service: Annotated[
        str | None, typer.Option(help="Only the rules for this service (e.g. physical_therapy, mri).")
    ] = None,
) -> None:
    """Every rule: id, guideline edition, the dates it is in force, services and citation.

    Example: imr guidelines list --on 2018-03-01 --format tsv
    """
    from imr.guidelines.load import rule_book
    from imr.guidelines.rationale import citation_for

    day = None
    if on is not None:
        try:
            day = dt.date.fromisoformat(on)
        except ValueError:
            fail(f"--on: {on!r} is not a date (YYYY-MM-DD)")
            raise typer.Exit(code=1) from None
    book = rule_book()
    in_force = {g.id for g in book.in_force(day)} if day is not None else None
    rows: list[dict[str, Any]] = [
        {
            "rule": rule.id,
            "guideline": rule.guideline.id,
            "mtus": rule.guideline.mtus,
            "in_force_from": rule.guideline.effective_from.isoformat(),
            "in_force_to": rule.guideline.effective_to.isoformat() if rule.guideline.effective_to else None,
            "services": list(rule.model.applies_to.services),
            "citation": citation_for(rule).text,
        }
        for rule in book.rules
        if (in_force is None or rule.guideline.id in in_force)
        and (service is None or service in rule.model.applies_to.services)
    ]
    if not rows:
        fail("no rule matches those filters")
        raise typer.Exit(code=1)
    if output is ListFormat.jsonl:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    if output is ListFormat.tsv:
        for row in rows:
            services = ",".join(row["services"])
            until = row["in_force_to"] or ""
            print(f"{row['rule']}\t{row['guideline']}\t{row['in_force_from']}\t{until}\t{services}\t{row['citation']}")
        return
    table = Table()
    for column in ("rule", "edition", "in force", "services", "citation"):
        table.add_column(column, overflow="fold")
    for row in rows:
        period = f"{row['in_force_from']} to {row['in_force_to'] or 'now'}"
        table.add_row(row["rule"], row["guideline"], period, ", ".join(row["services"]), row["citation"])
    stdout.print(table)


@guidelines_app.command("show")
def guidelines_show_command(
    rule_id: Annotated[str, typer.Argument(help="A rule id (see imr guidelines list).")],
) -> None:
    """One rule in full: what it applies to, its citation, criteria and examples.

    Example: imr guidelines show cpmtg-2016.physical-medicine.continued
    """
    import yaml

    from imr.guidelines.load import rule_book

    try:
        rule = rule_book().rule(rule_id)
    except KeyError:
        fail(f"no rule named {rule_id!r} (see imr guidelines list)")
        raise typer.Exit(code=1) from None
    body = {
        "guideline": rule.guideline.model_dump(mode="json"),
        "rule": rule.model.model_dump(mode="json", exclude_defaults=True),
    }
    print(yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=110))


@guidelines_app.command("coverage")
def guidelines_coverage_command() -> None:
    """The coverage table (service, edition, rule ids, citation) as Markdown.

    Example: imr guidelines coverage > docs/coverage.md
    """
    from imr.guidelines.coverage import render_coverage

    print(render_coverage(), end="")


@guidelines_app.command("check")
def guidelines_check_command(
    files: Annotated[list[Path], typer.Argument(help="Rule files to check (YAML).")],
) -> None:
    """Validate rule files and run their examples through the engine with the rules they would join.

    Exit status 0 when every file loads and every example reaches its stated outcome under its own rule.

    Example: imr guidelines check my-pack/acoem-low-back-2020.yaml
    """
    from imr.guidelines.check import check_rule_file

    failed = False
    for path in files:
        try:
            results = check_rule_file(path)
        except ImrError as error:
            fail(error)
            failed = True
            continue
        bad = [r for r in results if not r.passed]
        for result in bad:
            stdout.print(f"FAIL {path}: {result.rule_id} example {result.number}: {result.reason}", markup=False)
        rules = len({r.rule_id for r in results})
        verdict = "ok" if not bad else f"{len(bad)} failed"
        stdout.print(f"{path}: {rules} rules, {len(results)} examples, {verdict}", markup=False)
        failed = failed or bool(bad)
    if failed:
        raise typer.Exit(code=1)


@guidelines_app.command("variables")
def guidelines_variables_command(
    words: Annotated[
        list[str] | None, typer.Argument(help="Only variables whose name or description hold these.")
    ] = None,
) -> None:
    """The variables rule expressions may use: name, type, origin (request, computed, data, code), description.

    Example: imr guidelines variables radicul
    """
    from imr.guidelines.registry import SPECS

    wanted = [w.lower() for w in words or []]
    shown = 0
    for spec in SPECS:
        haystack = f"{spec.name} {spec.description}".lower()
        if all(w in haystack for w in wanted):
            shown += 1
            print(f"{spec.name}\t{spec.type}\t{spec.origin}\t{spec.description}")
    if not shown:
        fail(f"no variable matches {' '.join(words or [])!r}")
        raise typer.Exit(code=1)


@guidelines_app.command("search")
def guidelines_search_command(words: Annotated[list[str], typer.Argument(help="Words to look for.")]) -> None:
    """Rules whose id, title, services, citation or statement hold all the words.

    Example: imr guidelines search lumbar mri
    """
    from imr.guidelines.load import rule_book
    from imr.guidelines.rationale import citation_for

    wanted = [w.lower() for w in words]
    found = 0
    for rule in rule_book().rules:
        haystack = (
            " ".join(
                [
                    rule.id,
                    rule.model.title,
                    " ".join(rule.model.applies_to.services),
                    " ".join(rule.model.applies_to.regions),
                    citation_for(rule).text,
                    rule.model.statement,
                ]
            )
            .lower()
            .replace("_", " ")
        )
        if all(w in haystack for w in wanted):
            found += 1
            print(f"{rule.id}\t{citation_for(rule).text}")
    if not found:
        fail(f"no rule matches {' '.join(words)!r}")
        raise typer.Exit(code=1)


def main() -> None:
    try:
        app()
    except ImrError as error:  # a library error that escaped a command: still one line
        fail(error)
        sys.exit(1)


if __name__ == "__main__":
    main()
