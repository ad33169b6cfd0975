"""The whole process on the bundled example cases: letters, public copies, golden text, signing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from imr.cases import load_case
from imr.errors import CaseFileError, SignatureError
from imr.review import ReviewerDecision, run_review, sign_determination, verify_signature
from imr.review.parties import case_parties
from imr.review.signing_key import organisation_public_key
from tests.conftest import FIXTURES, REPOSITORY
from tests.support import pdf_text

EXAMPLES = REPOSITORY / "examples"
PANEL = EXAMPLES / "panel.yaml"
GOLDEN = FIXTURES / "review"
TODAY = dt.date(2017, 11, 1)
DRAFTED = ["standard-lumbar-pt-mri-norco", "expedited-lumbar-microdiscectomy"]
SECTIONS = ("HOW THE IMR FINAL DETERMINATION WAS MADE", "CLINICAL CASE SUMMARY", "IMR ISSUES, DECISIONS AND RATIONALES")


def _review(name: str, out: Path) -> Path:
    result = run_review(EXAMPLES / name, PANEL, out, today=TODAY)
    assert result.outcome == "drafted", result.message
    return out


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {name: _review(name, tmp_path_factory.mktemp(name)) for name in DRAFTED}


@pytest.mark.parametrize("name", DRAFTED)
def test_text_letter_matches_golden(drafted: dict[str, Path], name: str) -> None:
    text = (drafted[name] / "letter.txt").read_text(encoding="utf-8")
    golden = GOLDEN / f"{name}.letter.txt"
    if not golden.exists():
        golden.write_text(text, encoding="utf-8")
        pytest.fail(f"wrote {golden.name}: review it, then run the tests again")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", DRAFTED)
def test_pdf_is_real_and_holds_the_three_sections(drafted: dict[str, Path], name: str) -> None:
    text = pdf_text(drafted[name] / "letter.pdf")
    for section in SECTIONS:
        assert section in text


@pytest.mark.parametrize("name", DRAFTED)
def test_public_copies_hold_no_party_identifier(drafted: dict[str, Path], name: str) -> None:
    case = load_case(EXAMPLES / name)
    parties = [p.value for p in case_parties(case)]
    public = drafted[name] / "public"
    outputs = {
        "txt": (public / "letter.txt").read_text(encoding="utf-8"),
        "html": (public / "letter.html").read_text(encoding="utf-8"),
        "pdf": pdf_text(public / "letter.pdf"),
    }
    for kind, text in outputs.items():
        flat = " ".join(text.split())
        for value in parties:
            assert value not in flat, (kind, value)
        assert case.case_number in flat  # the IMR case number stays
    private = (drafted[name] / "letter.txt").read_text(encoding="utf-8")
    assert any(value in " ".join(private.split()) for value in parties)


@pytest.mark.parametrize("name", DRAFTED)
def test_reviewer_name_never_appears(drafted: dict[str, Path], name: str) -> None:
    import yaml

    names = [r["name"] for r in yaml.safe_load(PANEL.read_text(encoding="utf-8"))["reviewers"]]
    for path in drafted[name].rglob("*"):
        if path.suffix in {".txt", ".html", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert not any(n in text for n in names), path


@pytest.mark.parametrize("name", DRAFTED)
def test_every_summary_sentence_is_traceable(drafted: dict[str, Path], name: str) -> None:
    record = json.loads((drafted[name] / "determination.json").read_text(encoding="utf-8"))
    folder = EXAMPLES / name
    sentences = record["letter"]["summary"]
    assert sentences
    for sentence in sentences:
        assert sentence["sources"] or sentence["from_application"], sentence["text"]
        for source in sentence["sources"]:
            text = (folder / source["file"]).read_text(encoding="utf-8").strip()
            assert text[source["start"] : source["end"]] == source["quote"]


@pytest.mark.parametrize("name", DRAFTED)
def test_our_letter_reads_back_as_we_wrote_it(drafted: dict[str, Path], name: str) -> None:
    """parse(render(d)) == d: the letter reader reads our own letter back to the same items and decisions."""
    from imr.letters.read import read_letter

    record = json.loads((drafted[name] / "determination.json").read_text(encoding="utf-8"))
    decided = [i for i in record["letter"]["items"] if i["decision"] is not None]
    letter = read_letter(drafted[name] / "letter.txt")
    assert letter.header.case_number is not None and letter.header.case_number.text == record["case_number"]
    assert [(i.title.text, i.decision.value) for i in letter.items] == [(i["request"], i["decision"]) for i in decided]
    ours = {c["guideline_id"] for item in record["determination"]["items"] for c in item["citations"]}
    read = {c.family for item in letter.items if item.reviewer_guideline for c in item.reviewer_guideline.citations}
    assert ours and read and "acoem_mtus" not in read


def test_sign_then_refuse_changes(drafted: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "signed"
    shutil.copytree(drafted["standard-lumbar-pt-mri-norco"], out)
    draft = out / "determination.json"
    original = draft.read_text(encoding="utf-8")
    record = json.loads(original)
    record["letter"]["items"][0]["decision"] = None  # an item the engine left to the physician
    draft.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(SignatureError, match="item 1 is undecided"):
        sign_determination(out, "R-101")
    draft.write_text(original, encoding="utf-8")
    decided = ReviewerDecision("overturned", "MTUS Physical Medicine", "The physician weighed the record.")
    letter = sign_determination(out, "R-101", decisions={1: decided})
    assert letter.status == "signed" and letter.items[0].decision == "overturned"
    text = (out / "letter.txt").read_text(encoding="utf-8")
    assert "Signed by the physician reviewer" in text and "R-101" not in text
    assert "Overturned (decided by the physician reviewer)" in text
    assert verify_signature(out, organisation_public_key()).signed_by == "R-101"
    with pytest.raises(SignatureError, match="already signed"):
        sign_determination(out, "R-101")
    with pytest.raises(SignatureError, match="cannot be overwritten"):
        run_review(EXAMPLES / "standard-lumbar-pt-mri-norco", PANEL, out, today=TODAY)
    determination = out / "determination.json"
    determination.write_text(determination.read_text(encoding="utf-8").replace("signed", "draft"), encoding="utf-8")
    with pytest.raises(SignatureError, match=r"determination\.json: changed after signing"):
        verify_signature(out, organisation_public_key())


def test_ineligible_application_is_an_outcome(tmp_path: Path) -> None:
    result = run_review(EXAMPLES / "ineligible-late-filing", PANEL, tmp_path, today=TODAY)
    assert result.outcome == "ineligible"
    assert "day after the filing deadline" in result.message
    assert not (tmp_path / "letter.txt").exists()


def test_no_suitable_reviewer_is_an_outcome(tmp_path: Path) -> None:
    result = run_review(EXAMPLES / "conflicted-psych-reviewer", PANEL, tmp_path, today=TODAY)
    assert result.outcome == "no_reviewer"
    assert "No eligible reviewer" in result.message


def test_malformed_case_names_file_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(EXAMPLES / "standard-lumbar-pt-mri-norco", folder)
    case_file = folder / "case.yaml"
    case_file.write_text(
        case_file.read_text(encoding="utf-8").replace("injury: 2015-11-03", "injury: 2015-13-45"), encoding="utf-8"
    )
    with pytest.raises(CaseFileError) as caught:
        run_review(folder, PANEL, tmp_path / "out", today=TODAY)
    assert "case.yaml" in str(caught.value) and "dates.injury" in str(caught.value)
    assert not (tmp_path / "out" / "letter.txt").exists()
