"""imr corpus stats, query and report over a built corpus, and the commands' output and errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imr.cli import app
from imr.corpus.build import build_corpus
from imr.corpus.dimensions import Dimension
from imr.corpus.query import run_query
from imr.corpus.report import build_report
from imr.corpus.stats import corpus_stats, wilson_interval
from imr.corpus.store import CorpusError
from imr.letters.read import read_letter
from tests.corpus.conftest import bundled_letters

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("letters")
    for path in bundled_letters():
        shutil.copy(path, folder / path.name)
    (folder / "junk.txt").write_text("Dear diary,\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("corpus") / "corpus"
    build_corpus([folder], out, workers=2, decide=True)
    return out


def test_the_engine_decides_beside_the_reviewer_with_decide(corpus: Path) -> None:
    rows = run_query(corpus, "SELECT engine_decision, engine_agrees, decision FROM items").rows
    assert rows and all(engine in {"upheld", "overturned", "undecided"} for engine, _, _ in rows)
    assert all(agrees == (engine == published) for engine, agrees, published in rows)


def test_wilson_interval_matches_the_textbook_values() -> None:
    low, high = wilson_interval(8, 10)
    assert (round(low, 3), round(high, 3)) == (0.490, 0.943)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    assert wilson_interval(5, 5)[1] == 1.0


def test_overall_stats_count_every_item_once(corpus: Path) -> None:
    letters = [read_letter(path) for path in bundled_letters()]
    decisions = [item.decision.value for letter in letters for item in letter.items]
    (overall,) = corpus_stats(corpus)
    assert (overall.letters, overall.items) == (len(letters), len(decisions))
    assert (overall.upheld, overall.overturned) == (decisions.count("upheld"), decisions.count("overturned"))
    assert overall.uphold_ci_low < overall.uphold_rate < overall.uphold_ci_high
    assert overall.engine_decided is not None and overall.engine_accuracy is not None


@pytest.mark.parametrize("by", list(Dimension))
def test_every_grouping_adds_up_to_the_whole(corpus: Path, by: Dimension) -> None:
    groups = corpus_stats(corpus, by)
    assert sum(g.items for g in groups) == corpus_stats(corpus)[0].items
    assert all(g.upheld + g.overturned == g.items for g in groups)


def test_query_runs_duckdb_sql_and_a_bad_statement_is_one_line(corpus: Path) -> None:
    result = run_query(corpus, "SELECT count(*) AS n FROM errors")
    assert result.columns == ["n"] and result.rows == [(1,)]
    with pytest.raises(CorpusError) as raised:
        run_query(corpus, "SELECT nonsense FROM items")
    assert "\n" not in str(raised.value) and "nonsense" in str(raised.value)


def test_the_commands_print_table_json_and_csv(corpus: Path) -> None:
    as_json = runner.invoke(app, ["corpus", "stats", str(corpus), "--by", "category", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    groups = json.loads(as_json.stdout)
    assert {"group", "items", "uphold_rate", "uphold_ci_low", "engine_balanced_accuracy"} <= set(groups[0])
    as_csv = runner.invoke(app, ["corpus", "query", str(corpus), "SELECT file, reason FROM errors", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert as_csv.exit_code == 0 and len(rows) == 1 and rows[0]["file"].endswith("junk.txt")
    as_table = runner.invoke(app, ["corpus", "stats", str(corpus), "--by", "service"])
    assert as_table.exit_code == 0 and "uphold rate (95% CI)" in as_table.stdout


def test_command_errors_are_one_line_without_a_traceback(corpus: Path, tmp_path: Path) -> None:
    for arguments in (
        ["corpus", "query", str(corpus), "SELEC 1"],
        ["corpus", "stats", str(tmp_path / "nowhere")],
        ["corpus", "stats", str(tmp_path)],
        ["corpus", "build", str(tmp_path / "missing"), "--out", str(tmp_path / "c")],
    ):
        result = runner.invoke(app, arguments)
        assert result.exit_code == 1, arguments
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.output


def test_build_prints_progress_lines_and_a_summary_when_not_on_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    for path in bundled_letters()[:2]:
        shutil.copy(path, folder / path.name)
    result = runner.invoke(app, ["corpus", "build", str(folder), "--out", str(tmp_path / "corpus"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "reading 2 letters" in result.stderr
    assert "2/2 letters" in result.stderr
    assert "2 letters listed: 2 read" in result.stderr


def test_the_report_is_one_self_contained_page(corpus: Path) -> None:
    html = build_report(corpus)
    assert html.count("<svg") == 4
    assert "<script" not in html and "<link" not in html and "src=" not in html and "url(http" not in html
    assert "Engine agreement with the reviewers" in html and "re-decided" in html
