"""imr review and imr sign as real processes: killed with SIGKILL while they write, and two at once on one folder.

The folder is always exactly the old output or exactly the complete new one, a letter says "Signed" only beside a
valid signature, and of two commands on one folder one succeeds and the other fails at once with one line. The
processes stop themselves at named points of their commit (IMR_TEST_STOP_AT, see imr.folder_commit), where the
test looks at the folder, then kills or continues them. A test's processes run at once, as each takes seconds to
load its models; tests/test_folder_commit.py kills a small command at every point of the commit.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from imr.errors import CaseFileError, SignatureError
from imr.folder_commit import BUSY, OutputFolderError
from imr.review import ReviewerDecision, run_review, sign_determination, verify_signature
from imr.review.render import render_html, render_text
from imr.review.sign import letter_from_json
from imr.review.signing_key import organisation_public_key
from tests.commit_support import (
    WAIT_SECONDS,
    carry_on,
    errors,
    kill,
    kill_leftover_processes,
    one_error_line,
    resume,
    same_state,
    snapshot,
    start,
    strays,
    wait_stopped,
)
from tests.conftest import REPOSITORY

EXAMPLES = REPOSITORY / "examples"
PANEL = EXAMPLES / "panel.yaml"
CASE = EXAMPLES / "standard-lumbar-pt-mri-norco"
SIGNED = "Signed by the physician reviewer"
LETTERS = ("letter.txt", "letter.html", "public/letter.txt", "public/letter.html")


@pytest.fixture(autouse=True)
def _no_process_left() -> Iterator[None]:
    yield
    kill_leftover_processes()


def _imr(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "imr.cli", *arguments]


def _review(out: Path) -> list[str]:
    return _imr("review", str(CASE), "--panel", str(PANEL), "--out", str(out))


GUIDELINE = "MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine"
RATIONALE = "The record documents a flare-up with new functional loss. Therefore, the request is medically necessary."
OVERTURN_FIRST = {1: ReviewerDecision("overturned", GUIDELINE, RATIONALE)}


def _sign(out: Path) -> list[str]:
    return _imr(
        "sign", str(out), "--reviewer", "R-101", "--change", "1=overturned",
        "--guideline", f"1={GUIDELINE}", "--rationale", f"1={RATIONALE}",
    )  # fmt: skip


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The draft of the example case, written today as imr review writes it."""
    out = tmp_path_factory.mktemp("draft") / "out"
    assert run_review(CASE, PANEL, out).outcome == "drafted"
    return out


@pytest.fixture(scope="module")
def older_draft(draft: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An earlier output in the same folder: the same files, every one of them different."""
    out = Path(shutil.copytree(draft, tmp_path_factory.mktemp("older") / "out"))
    for path in out.rglob("*"):
        if path.is_file():
            path.write_bytes(b"older " + path.read_bytes())
    return out


def _copy(template: Path, parent: Path) -> Path:
    parent.mkdir(parents=True)
    return Path(shutil.copytree(template, parent / "out"))


def _assert_no_signed_letter_without_signature(out: Path) -> None:
    if any(SIGNED in (out / name).read_text(encoding="utf-8") for name in LETTERS if (out / name).exists()):
        assert verify_signature(out, organisation_public_key()).signed_by == "R-101"


def _assert_signed_as_one(out: Path, draft: dict[str, str]) -> None:
    """The whole signed determination: every letter signed and rendered from the signed JSON, nothing else."""
    assert set(snapshot(out)) == set(draft) | {"signature.json"}
    assert verify_signature(out, organisation_public_key()).signed_by == "R-101"
    record = json.loads((out / "determination.json").read_text(encoding="utf-8"))
    assert record["status"] == "signed" and record["letter"]["items"][0]["decision"] == "overturned"
    letter = letter_from_json(record["letter"])
    assert (out / "letter.txt").read_text(encoding="utf-8") == render_text(letter)
    assert (out / "letter.html").read_text(encoding="utf-8") == render_html(letter)
    for name in LETTERS:
        text = (out / name).read_text(encoding="utf-8")
        assert SIGNED in text and "DRAFT" not in text, name


def test_review_killed_while_writing_or_run_twice_at_once(tmp_path: Path, older_draft: Path, draft: Path) -> None:
    states = {"old": snapshot(older_draft), "new": snapshot(draft)}
    # Killed once its six letters are written and its determination.json is not: the folder keeps the old output.
    folder = _copy(older_draft, tmp_path / "killed")
    killed = start(_review(folder), tmp_path / "killed", stop_at=["file:3", "file:6"])
    out = _copy(older_draft, tmp_path / "raced")
    first = start(_review(out), tmp_path / "first", stop_at=["locked:1", "file:3", "staged:1"])
    wait_stopped(first, tmp_path / "first")
    second = start(_review(out), tmp_path / "second")  # while the first holds the lock
    assert second.wait(timeout=WAIT_SECONDS) == 1
    one_error_line(tmp_path / "second", f"Error: {out}: {BUSY}")
    for _point in ("file:3", "staged:1"):
        carry_on(first, tmp_path / "first")
        assert same_state(out, states) == "old"
    assert resume(first) == 0, errors(tmp_path / "first")
    assert same_state(out, states) == "new" and strays(out) == []
    wait_stopped(killed, tmp_path / "killed")
    assert same_state(folder, states) == "old"
    carry_on(killed, tmp_path / "killed")
    kill(killed)
    assert same_state(folder, states) == "old"
    # The next command on the folder removes what the killed one left beside it, even when it is refused.
    (folder / "notes.txt").write_text("not imr's", encoding="utf-8")
    with pytest.raises(OutputFolderError, match=r"holds notes\.txt"):
        run_review(CASE, PANEL, folder)
    (folder / "notes.txt").unlink()
    assert same_state(folder, states) == "old" and strays(folder) == []


def test_sign_killed_while_writing_or_run_twice_at_once(tmp_path: Path, draft: Path) -> None:
    drafted = snapshot(draft)
    # Killed once the six letters of its copy say "Signed" and no signature is written; killed once swapped in.
    killed_at = {"file:6": "draft", "swapped:1": "signed"}
    folders = {point: _copy(draft, tmp_path / point.replace(":", "-")) for point in killed_at}
    processes = {point: start(_sign(out), tmp_path / point, stop_at=[point]) for point, out in folders.items()}
    out = _copy(draft, tmp_path / "raced")
    first = start(_sign(out), tmp_path / "first", stop_at=["locked:1", "file:3", "file:8"])
    wait_stopped(first, tmp_path / "first")
    second = start(_sign(out), tmp_path / "second")  # while the first holds the lock
    assert second.wait(timeout=WAIT_SECONDS) == 1
    one_error_line(tmp_path / "second", f"Error: {out}: {BUSY}")
    for _point in ("file:3", "file:8"):  # letters signed in the copy; its signature written too
        carry_on(first, tmp_path / "first")
        assert snapshot(out) == drafted
    assert resume(first) == 0, errors(tmp_path / "first")
    _assert_signed_as_one(out, drafted)
    assert strays(out) == []
    for point, folder in folders.items():
        wait_stopped(processes[point], tmp_path / point)
        kill(processes[point])
        _assert_no_signed_letter_without_signature(folder)
        if killed_at[point] == "draft":
            assert snapshot(folder) == drafted, point
            assert sign_determination(folder, "R-101", decisions=OVERTURN_FIRST).status == "signed"
        else:
            _assert_signed_as_one(folder, drafted)
            with pytest.raises(SignatureError, match="already signed"):
                sign_determination(folder, "R-102")
        assert strays(folder) == [], point


def test_a_failed_review_leaves_the_folder_as_it_was(tmp_path: Path, draft: Path) -> None:
    out = _copy(draft, tmp_path / "parent")
    case = Path(shutil.copytree(CASE, tmp_path / "case"))
    case_file = case / "case.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("injury: 2015-11-03", "injury: 2015-13-45"), encoding="utf-8")
    with pytest.raises(CaseFileError):
        run_review(case, PANEL, out)
    assert snapshot(out) == snapshot(draft) and strays(out) == []


def test_a_review_replaces_the_whole_folder(tmp_path: Path, draft: Path) -> None:
    """An application found ineligible leaves its finding, and nothing of the draft the folder held before."""
    out = _copy(draft, tmp_path / "parent")
    assert run_review(EXAMPLES / "ineligible-late-filing", PANEL, out).outcome == "ineligible"
    assert set(snapshot(out)) == {"eligibility.json"} and strays(out) == []


def test_signing_a_missing_folder_leaves_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(SignatureError, match="no draft determination here"):
        sign_determination(tmp_path / "typo", "R-101")
    assert list(tmp_path.iterdir()) == []
