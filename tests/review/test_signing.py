"""Signatures an organisation can trust, signed by the assigned reviewer, with the physician's own reasons.

One review of the bundled example per module (a review takes seconds); every test signs or changes its own copy.
The organisation's key is the test session's (IMR_SIGNING_KEY, see tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from typer.testing import CliRunner

from imr.cli import app
from imr.errors import SignatureError, SigningKeyError
from imr.review import ReviewerDecision, check_signature, run_review, sign_determination, verify_signature
from imr.review.signature import SIGNATURE_FILE, file_manifest, write_signature
from imr.review.signing_key import KEY_VARIABLE, organisation_public_key
from imr.text.sources import extract_pdf_text
from tests.commit_support import snapshot
from tests.conftest import REPOSITORY

CASE = Path("examples/standard-lumbar-pt-mri-norco")  # relative on purpose: the draft must record it absolute
PANEL = REPOSITORY / "examples" / "panel.yaml"
SIGNED_FILES = (
    "determination.json",
    "letter.txt",
    "letter.html",
    "letter.pdf",
    "public/letter.txt",
    "public/letter.html",
    "public/letter.pdf",
)
MRI_GUIDELINE = "MTUS ACOEM Practice Guidelines, Chapter 12 Low Back Complaints, pages 303-305"
MRI_RATIONALE = (
    "The examination now documents a progressive foot drop after six weeks of supervised therapy, and a spine "
    "surgeon is considering decompression. Therefore, the MRI of the lumbar spine is medically necessary."
)
NORCO_GUIDELINE = "MTUS Opioids Treatment Guidelines, 4.2 Weaning Schedules"
NORCO_RATIONALE = (
    "A supervised taper needs the medication for its first weeks, and the plan documents a weaning schedule. "
    "Therefore, the Norco is medically necessary for the taper."
)
MRI_ENGINE_ENDING = "Therefore, the request for MRI of the lumbar spine without contrast is not medically necessary."


def _invoke(*arguments: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(app, list(arguments))
    return result.exit_code, result.stderr.splitlines(), result.stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(path: Path) -> str:
    return extract_pdf_text(path.read_bytes(), path.name)


def _letter_texts(out: Path) -> dict[str, str]:
    texts = {}
    for name in SIGNED_FILES[1:]:
        path = out / name
        texts[name] = _flat(_pdf_text(path) if path.suffix == ".pdf" else path.read_text(encoding="utf-8"))
    return texts


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's draft, reviewed from the repository with a relative case path."""
    out = tmp_path_factory.mktemp("draft") / "out"
    here = Path.cwd()
    os.chdir(REPOSITORY)
    try:
        assert run_review(CASE, PANEL, out).outcome == "drafted"
    finally:
        os.chdir(here)
    return out


@pytest.fixture(scope="module")
def signed(draft: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = Path(shutil.copytree(draft, tmp_path_factory.mktemp("signed") / "out"))
    sign_determination(out, "R-101")
    return out


@pytest.fixture
def a_draft(draft: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(draft, tmp_path / "out"))


@pytest.fixture
def a_signed(signed: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(signed, tmp_path / "out"))


def test_the_draft_records_the_assigned_reviewer_and_the_case_absolute(draft: Path) -> None:
    record = json.loads((draft / "determination.json").read_text(encoding="utf-8"))
    assert record["assignment"]["reviewer_id"] == "R-101"
    assert Path(record["case"]).is_absolute() and Path(record["case"]) == (REPOSITORY / CASE).resolve()


def test_sign_and_verify_from_another_folder_with_no_extra_arguments(
    a_draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the case path in the draft is relative to nothing here
    code, errors, _ = _invoke("sign", "out", "--reviewer", "R-101")
    assert (code, errors) == (0, [])
    code, errors, printed = _invoke("verify", "out")
    assert (code, errors) == (0, [])
    assert printed.startswith("verified: signed by R-101 at ") and "with key SHA256:" in printed
    signature = json.loads((a_draft / SIGNATURE_FILE).read_text(encoding="utf-8"))
    assert sorted(signature["files"]) == sorted(SIGNED_FILES)
    assert signature["algorithm"] == "Ed25519" and signature["public_key"] and signature["signature"]


@pytest.mark.parametrize("name", SIGNED_FILES)
def test_verify_names_the_file_that_changed(a_signed: Path, name: str) -> None:
    path = a_signed / name
    path.write_bytes(path.read_bytes() + b" ")
    assert check_signature(a_signed, organisation_public_key()).problems == (f"{name}: changed after signing",)
    code, errors, printed = _invoke("verify", str(a_signed))
    assert code == 1 and printed == ""
    assert errors == [f"Error: {a_signed}: {name}: changed after signing"]


def test_verify_names_files_removed_and_added(a_signed: Path) -> None:
    (a_signed / "letter.html").unlink()
    (a_signed / "public" / "notes.txt").write_text("added", encoding="utf-8")
    code, errors, _ = _invoke("verify", str(a_signed))
    assert code == 1
    assert errors == [
        f"Error: {a_signed}: letter.html: removed after signing",
        f"Error: {a_signed}: public/notes.txt: added after signing",
    ]


def test_an_edited_determination_with_its_hash_recomputed_fails(a_signed: Path) -> None:
    """The attack the bare hash let through: edit the JSON, write its new hash into the signature."""
    determination = a_signed / "determination.json"
    determination.write_text(determination.read_text(encoding="utf-8").replace("Upheld", "Overturned"), "utf-8")
    signature_path = a_signed / SIGNATURE_FILE
    signature = json.loads(signature_path.read_text(encoding="utf-8"))
    signature["files"] = file_manifest(a_signed)
    signature_path.write_text(json.dumps(signature), encoding="utf-8")
    problems = check_signature(a_signed, organisation_public_key()).problems
    assert problems == (f"{SIGNATURE_FILE}: changed after signing (its signature does not match what it records)",)
    with pytest.raises(SignatureError, match="signature does not match"):
        verify_signature(a_signed, organisation_public_key())


def test_a_folder_re_signed_with_another_key_fails(a_signed: Path) -> None:
    (a_signed / "letter.txt").write_text("a letter the organisation never sent", encoding="utf-8")
    record = json.loads((a_signed / SIGNATURE_FILE).read_text(encoding="utf-8"))
    (a_signed / SIGNATURE_FILE).unlink()
    write_signature(
        a_signed, Ed25519PrivateKey.generate(), signed_by="R-101", signed_at=record["signed_at"], changed_items=[]
    )
    code, errors, _ = _invoke("verify", str(a_signed))
    assert code == 1 and len(errors) == 1 and "which is not the organisation's" in errors[0]


def test_verify_with_the_organisations_public_key_given(a_signed: Path, tmp_path: Path) -> None:
    public = organisation_public_key()
    assert public is not None
    pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (tmp_path / "organisation.pub").write_bytes(pem)
    code, errors, printed = _invoke("verify", str(a_signed), "--public-key", str(tmp_path / "organisation.pub"))
    assert (code, errors) == (0, []) and printed.startswith("verified: signed by R-101")
    other = Ed25519PrivateKey.generate().public_key()
    pem = other.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (tmp_path / "other.pub").write_bytes(pem)
    code, errors, _ = _invoke("verify", str(a_signed), "--public-key", str(tmp_path / "other.pub"))
    assert code == 1 and "not the organisation's" in errors[0]


def test_an_old_bare_hash_signature_is_refused(a_draft: Path) -> None:
    (a_draft / SIGNATURE_FILE).write_text('{"signed_by": "R-101", "determination_sha256": "00"}', encoding="utf-8")
    code, errors, _ = _invoke("verify", str(a_draft))
    assert code == 1 and len(errors) == 1 and "holds no Ed25519 signature" in errors[0]
    code, errors, _ = _invoke("verify", str(a_draft.parent))
    assert code == 1 and errors == [f"Error: {a_draft.parent}: not signed"]


def test_a_signed_folder_cannot_be_signed_again(a_signed: Path) -> None:
    before = snapshot(a_signed)
    code, errors, _ = _invoke("sign", str(a_signed), "--reviewer", "R-101")
    assert code == 1 and errors == [f"Error: {a_signed}: already signed; a signed determination cannot be changed"]
    assert snapshot(a_signed) == before


def test_only_the_assigned_reviewer_may_sign(a_draft: Path) -> None:
    before = snapshot(a_draft)
    code, errors, _ = _invoke("sign", str(a_draft), "--reviewer", "R-102")
    assert code == 1
    assert errors == [f"Error: {a_draft}: R-102 is not the reviewer assigned to this case; only they may sign"]
    assert snapshot(a_draft) == before


def test_a_draft_without_an_assignment_cannot_be_signed(a_draft: Path) -> None:
    determination = a_draft / "determination.json"
    record = json.loads(determination.read_text(encoding="utf-8"))
    del record["assignment"]["reviewer_id"]
    determination.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(SignatureError, match="names no assigned reviewer"):
        sign_determination(a_draft, "R-101")


def test_undecided_items_cannot_be_signed(a_draft: Path) -> None:
    determination = a_draft / "determination.json"
    record = json.loads(determination.read_text(encoding="utf-8"))
    for item in record["letter"]["items"][1:]:
        item.update(decision=None, decision_word="Undecided (for the physician reviewer)")
    determination.write_text(json.dumps(record), encoding="utf-8")
    before = snapshot(a_draft)
    code, errors, _ = _invoke("sign", str(a_draft), "--reviewer", "R-101")
    assert code == 1 and len(errors) == 1 and "items 2 and 3 are undecided" in errors[0]
    code, errors, _ = _invoke(
        "sign", str(a_draft), "--reviewer", "R-101", "--change", "2=overturned",
        "--guideline", f"2={MRI_GUIDELINE}", "--rationale", f"2={MRI_RATIONALE}",
    )  # fmt: skip
    assert code == 1 and len(errors) == 1 and "item 3 is undecided" in errors[0]
    code, errors, _ = _invoke(
        "sign", str(a_draft), "--reviewer", "R-101", "--change", "2=upheld", "--change", "3=upheld"
    )
    assert code == 1 and len(errors) == 1
    assert "items 2 and 3 are decided by the physician reviewer without their own guideline and rationale" in errors[0]
    assert snapshot(a_draft) == before


def test_a_reversed_item_needs_the_reviewers_own_guideline_and_rationale(a_draft: Path) -> None:
    code, errors, _ = _invoke(
        "sign", str(a_draft), "--reviewer", "R-101", "--change", "2=overturned", "--rationale", f"2={MRI_RATIONALE}"
    )
    assert code == 1 and len(errors) == 1 and "item 2 is decided by the physician reviewer without" in errors[0]
    with pytest.raises(SignatureError, match="no item numbered 7"):
        sign_determination(a_draft, "R-101", decisions={7: ReviewerDecision("upheld")})
    code, errors, _ = _invoke("sign", str(a_draft), "--reviewer", "R-101", "--change", "2=maybe")
    assert code == 1 and errors == ["Error: --change 2=maybe: expected upheld or overturned"]


def test_each_reversed_item_carries_its_own_rationale_in_every_letter(a_draft: Path) -> None:
    code, errors, _ = _invoke(
        "sign", str(a_draft), "--reviewer", "R-101",
        "--change", "2=overturned", "--guideline", f"2={MRI_GUIDELINE}", "--rationale", f"2={MRI_RATIONALE}",
        "--change", "3=overturned", "--guideline", f"3={NORCO_GUIDELINE}", "--rationale", f"3={NORCO_RATIONALE}",
    )  # fmt: skip
    assert (code, errors) == (0, [])
    for name, text in _letter_texts(a_draft).items():
        assert MRI_RATIONALE in text and NORCO_RATIONALE in text, name
        assert f"Decision based on {MRI_GUIDELINE}." in text and f"Decision based on {NORCO_GUIDELINE}." in text, name
        assert MRI_ENGINE_ENDING not in text, name
        assert "is not medically necessary" in text, name  # item 1 keeps the engine's rationale
        assert text.count("Overturned (decided by the physician reviewer)") == 2, name
    record = json.loads((a_draft / "determination.json").read_text(encoding="utf-8"))
    items = record["letter"]["items"]
    assert [item["rationale"] for item in items[1:]] == [MRI_RATIONALE, NORCO_RATIONALE]
    trail = {change["item"]: change for change in record["reviewer_decisions"]}
    assert sorted(trail) == [2, 3] and trail[2]["engine"]["rationale"].endswith(MRI_ENGINE_ENDING)
    signature = verify_signature(a_draft, organisation_public_key())
    assert signature.signed_by == "R-101"
    assert json.loads((a_draft / SIGNATURE_FILE).read_text(encoding="utf-8"))["changed_items"] == [2, 3]


def test_the_key_is_created_on_first_use_outside_the_case_folder(
    a_draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_VARIABLE)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    code, errors, _ = _invoke("verify", str(a_draft))
    assert code == 1 and errors == [f"Error: {a_draft}: not signed"]
    assert not (tmp_path / "config").exists()  # verifying creates no key
    sign_determination(a_draft, "R-101")
    key = tmp_path / "config" / "imr" / "signing-key.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert verify_signature(a_draft, organisation_public_key()).signed_by == "R-101"
    code, _, printed = _invoke("verify", str(a_draft))
    assert code == 0 and printed.startswith("verified")
    assert not list(a_draft.rglob("*.pem"))


def test_a_key_others_may_read_or_a_missing_named_key_is_refused(
    a_draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, organisation_signing_key: Path
) -> None:
    exposed = tmp_path / "exposed.pem"
    shutil.copyfile(organisation_signing_key, exposed)
    exposed.chmod(0o644)
    monkeypatch.setenv(KEY_VARIABLE, str(exposed))
    before = snapshot(a_draft)
    code, errors, _ = _invoke("sign", str(a_draft), "--reviewer", "R-101")
    assert code == 1 and len(errors) == 1 and "may be read by other users" in errors[0]
    monkeypatch.setenv(KEY_VARIABLE, str(tmp_path / "missing.pem"))
    with pytest.raises(SigningKeyError, match="names a key file that does not exist"):
        sign_determination(a_draft, "R-101")
    (tmp_path / "not-a-key.pem").write_text("hello", encoding="utf-8")
    (tmp_path / "not-a-key.pem").chmod(0o600)
    monkeypatch.setenv(KEY_VARIABLE, str(tmp_path / "not-a-key.pem"))
    with pytest.raises(SigningKeyError, match="not an unencrypted PEM private key"):
        sign_determination(a_draft, "R-101")
    assert snapshot(a_draft) == before
