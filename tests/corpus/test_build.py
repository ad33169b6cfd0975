"""imr corpus build: every bundled letter into the tables, bad files into the errors table, nothing read twice."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest

from imr.corpus.build import build_corpus
from imr.corpus.query import run_query
from imr.corpus.store import CorpusError
from imr.corpus.tables import table_glob
from imr.letters.read import read_letter
from tests.corpus.conftest import bundled_letters


def _count(corpus: Path, sql: str) -> int:
    value = run_query(corpus, sql).rows[0][0]
    assert isinstance(value, int)
    return value


def test_every_bundled_letter_is_read_and_duckdb_reads_the_tables_directly(
    letters_folder: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    summary = build_corpus([letters_folder], corpus, workers=2)
    expected = [read_letter(path) for path in bundled_letters()]
    assert (summary.listed, summary.read, summary.failed) == (len(expected), len(expected), 0)
    assert summary.items == sum(len(letter.items) for letter in expected)
    connection = duckdb.connect()
    letters = connection.execute(f"SELECT count(*) FROM read_parquet('{table_glob(corpus, 'letters')}')").fetchone()
    items = connection.execute(
        f"SELECT count(*) FILTER (WHERE decision = 'overturned') FROM read_parquet('{table_glob(corpus, 'items')}')"
    ).fetchone()
    assert letters == (len(expected),)
    assert items == (sum(i.decision.value == "overturned" for letter in expected for i in letter.items),)


def test_an_item_row_carries_the_parsed_request_and_both_citations(letters_folder: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    build_corpus([letters_folder], corpus, workers=1)
    seed = read_letter(bundled_letters()[0])
    first = seed.items[0]
    rows = run_query(
        corpus,
        f"SELECT i.title, i.service, i.decision, l.case_number FROM items i JOIN letters l USING (letter_id) "
        f"WHERE l.file LIKE '%{bundled_letters()[0].name}' AND i.item = 1",
    ).rows
    assert rows == [
        (
            first.title.text,
            first.request.service if first.request else None,
            first.decision.value,
            seed.header.case_number.text if seed.header.case_number else None,
        )
    ]
    cited = _count(corpus, "SELECT count(*) FROM citations WHERE party = 'reviewer'")
    assert cited == sum(
        len(i.reviewer_guideline.citations)
        for path in bundled_letters()
        for i in read_letter(path).items
        if i.reviewer_guideline
    )


def test_bad_files_go_to_the_errors_table_and_the_others_are_all_read(letters_folder: Path, tmp_path: Path) -> None:
    (letters_folder / "empty.txt").write_bytes(b"")
    (letters_folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    (letters_folder / "notes.txt").write_text("Shopping list: eggs, milk, bread.\n", encoding="utf-8")
    (letters_folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (letters_folder / "ignored.json").write_text("{}", encoding="utf-8")  # not a letter's suffix: not listed
    corpus = tmp_path / "corpus"
    summary = build_corpus([letters_folder], corpus, workers=2)
    assert summary.failed == 4
    assert summary.read == len(bundled_letters())
    errors = run_query(corpus, "SELECT file, error, reason FROM errors ORDER BY file").rows
    assert [Path(row[0]).name for row in errors] == ["binary.txt", "corrupt.pdf", "empty.txt", "notes.txt"]
    assert all(row[2] and "\n" not in row[2] for row in errors)
    assert {row[1] for row in errors} <= {"InputError", "LetterFormatError"}


def test_a_second_build_does_no_work_and_a_renamed_copy_is_not_read_again(letters_folder: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    first = build_corpus([letters_folder], corpus, workers=1)
    again = build_corpus([letters_folder], corpus, workers=1)
    assert (again.unchanged, again.opened) == (first.listed, 0)
    shutil.copy(bundled_letters()[0], letters_folder / "renamed-copy.txt")
    third = build_corpus([letters_folder], corpus, workers=1)
    assert (third.read, third.duplicates, third.unchanged) == (0, 1, first.listed)
    assert _count(corpus, "SELECT count(*) FROM letters") == first.read


def test_a_changed_file_is_read_again(letters_folder: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    build_corpus([letters_folder], corpus, workers=1)
    target = letters_folder / "maximus-2013_1.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    again = build_corpus([letters_folder], corpus, workers=1)
    assert (again.read, again.opened) == (1, 1)


def test_force_reads_everything_into_fresh_tables(letters_folder: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    first = build_corpus([letters_folder], corpus, workers=1)
    forced = build_corpus([letters_folder], corpus, workers=1, force=True)
    assert forced.read == first.read and forced.unchanged == 0
    assert _count(corpus, "SELECT count(*) FROM letters") == first.read
    assert _count(corpus, "SELECT count(DISTINCT letter_id) FROM items") == first.read


def test_zip_archives_are_read_member_by_member(letters_folder: Path, tmp_path: Path) -> None:
    archive = tmp_path / "letters.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in bundled_letters()[:3]:
            bundle.write(path, f"batch/{path.name}")
        bundle.writestr("batch/readme.md", "not a letter")
    corpus = tmp_path / "corpus"
    summary = build_corpus([archive], corpus, workers=1)
    assert (summary.listed, summary.read) == (3, 3)
    files = [row[0] for row in run_query(corpus, "SELECT file FROM letters ORDER BY file").rows]
    assert all(file.startswith(f"{archive}!/batch/") for file in files)


def test_an_interrupted_build_keeps_what_it_finished_and_the_next_resumes(letters_folder: Path, tmp_path: Path) -> None:
    class StopAfterTwoBatches:
        def __init__(self) -> None:
            self.batches = 0

        def start(self, total: int) -> None:
            pass

        def advance(self, files: int, failed: int) -> None:
            self.batches += 1
            if self.batches == 2:
                raise KeyboardInterrupt

        def finish(self) -> None:
            pass

    corpus = tmp_path / "corpus"
    with pytest.raises(KeyboardInterrupt):
        build_corpus([letters_folder], corpus, workers=1, batch_size=2, flush_every=2, progress=StopAfterTwoBatches())
    kept = _count(corpus, "SELECT count(*) FROM letters")
    assert 2 <= kept < len(bundled_letters())
    resumed = build_corpus([letters_folder], corpus, workers=1)
    assert resumed.read == len(bundled_letters()) - kept
    assert _count(corpus, "SELECT count(*) FROM letters") == len(bundled_letters())
    assert _count(corpus, "SELECT count(*) - count(DISTINCT letter_id) FROM letters") == 0


def test_a_folder_that_is_not_a_corpus_is_left_alone(tmp_path: Path, letters_folder: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work", encoding="utf-8")
    with pytest.raises(CorpusError, match="not a corpus folder"):
        build_corpus([letters_folder], precious, workers=1)
    assert [p.name for p in precious.iterdir()] == ["thesis.docx"]
