"""The signature of a determination folder: a manifest of every file it publishes, signed with the organisation's key.

signature.json records who signed and when, the SHA-256 of every other file in the folder (determination.json, the
letters in each format, the public copies), the signer's public key, and an Ed25519 signature over all of that
(its canonical JSON: sorted keys, no spaces, UTF-8). Changing any file, adding one, removing one, or changing the
record itself is found by check_signature, which names the file.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from imr.errors import SignatureError
from imr.review.output import LETTER_FILES, write_json
from imr.review.signing_key import KEY_VARIABLE, fingerprint, public_key_from_text, public_key_text

SIGNATURE_FILE = "signature.json"
FORMAT = "imr-signature/2"
ALGORITHM = "Ed25519"
# The files every signed determination publishes; a manifest without one of them does not cover the determination.
REQUIRED_FILES = frozenset({"determination.json", *LETTER_FILES.values()})


@dataclass(frozen=True, slots=True)
class Verification:
    """What imr verify found: who signed, when, with which key, and one line per problem (none when verified)."""

    signed_by: str
    signed_at: str
    key: str  # the fingerprint of the public key the signature records
    problems: tuple[str, ...]

    @property
    def verified(self) -> bool:
        return not self.problems


def file_manifest(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file under ``folder`` but its signature, by path relative to it (with "/")."""
    manifest = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if name != SIGNATURE_FILE and (path.is_file() or path.is_symlink()):
            manifest[name] = _sha256(path)
    return manifest


def write_signature(
    folder: Path, key: Ed25519PrivateKey, *, signed_by: str, signed_at: str, changed_items: list[int]
) -> dict[str, Any]:
    """Sign every file now in ``folder`` and write signature.json beside them."""
    payload: dict[str, Any] = {
        "format": FORMAT,
        "algorithm": ALGORITHM,
        "signed_by": signed_by,
        "signed_at": signed_at,
        "changed_items": changed_items,
        "files": file_manifest(folder),
        "public_key": public_key_text(key.public_key()),
    }
    record = {**payload, "signature": base64.b64encode(key.sign(_canonical(payload))).decode("ascii")}
    write_json(folder / SIGNATURE_FILE, record)
    return record


def check_signature(folder: Path, trusted: Ed25519PublicKey | None) -> Verification:
    """Check the signed determination in ``folder`` against ``trusted``, the organisation's public key.

    A folder with no readable signature raises SignatureError; everything else found wrong is a problem line.
    """
    path = folder / SIGNATURE_FILE
    if not path.exists():
        raise SignatureError("not signed", source=str(folder))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        message = f"{SIGNATURE_FILE} cannot be read as JSON ({exc.__class__.__name__})"
        raise SignatureError(message, source=str(folder)) from exc
    return _check(_signature_record(text, str(folder)), file_manifest(folder), trusted)


def check_signed_files(files: Mapping[str, bytes], trusted: Ed25519PublicKey | None, *, source: str) -> Verification:
    """check_signature for a determination held as file contents by name (the store's), hashed as they are now."""
    if SIGNATURE_FILE not in files:
        raise SignatureError("not signed", source=source)
    try:
        text = files[SIGNATURE_FILE].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SignatureError(f"{SIGNATURE_FILE} cannot be read as JSON (UnicodeDecodeError)", source=source) from exc
    present = {name: hashlib.sha256(content).hexdigest() for name, content in files.items() if name != SIGNATURE_FILE}
    return _check(_signature_record(text, source), present, trusted)


def _check(record: dict[str, Any], present: Mapping[str, str], trusted: Ed25519PublicKey | None) -> Verification:
    """The signature ``record`` checked against the organisation's key and the files ``present`` (their SHA-256)."""
    payload = {name: value for name, value in record.items() if name != "signature"}
    problems = []
    try:
        public = public_key_from_text(record["public_key"])
        public.verify(base64.b64decode(record["signature"], validate=True), _canonical(payload))
    except (ValueError, InvalidSignature):
        problems.append(f"{SIGNATURE_FILE}: changed after signing (its signature does not match what it records)")
        key = "unknown key"
    else:
        key = fingerprint(public)
        if trusted is None:
            problems.append(
                f"{SIGNATURE_FILE}: no organisation key is set up here to check the signer's key {key} against "
                f"(set {KEY_VARIABLE}, or pass the organisation's public key)"
            )
        elif public_key_text(trusted) != record["public_key"]:
            problems.append(f"{SIGNATURE_FILE}: signed with key {key}, which is not the organisation's")
    problems += _file_problems(present, record["files"])
    return Verification(record["signed_by"], record["signed_at"], key, tuple(problems))


def verify_signature(folder: Path, trusted: Ed25519PublicKey | None) -> Verification:
    """check_signature, raising one SignatureError that lists every problem."""
    verification = check_signature(folder, trusted)
    if verification.problems:
        raise SignatureError("; ".join(verification.problems), source=str(folder))
    return verification


def _file_problems(present: Mapping[str, str], signed: Mapping[str, str]) -> list[str]:
    problems = [f"{name}: not covered by the signature" for name in sorted(REQUIRED_FILES - set(signed))]
    for name, digest in sorted(signed.items()):
        if PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts:
            problems.append(f"{name}: not a file of this folder")
        elif name not in present:
            problems.append(f"{name}: removed after signing")
        elif present[name] != digest:
            problems.append(f"{name}: changed after signing")
    problems += [f"{name}: added after signing" for name in sorted(set(present) - set(signed))]
    return problems


def _signature_record(text: str, source: str) -> dict[str, Any]:
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise SignatureError(
            f"{SIGNATURE_FILE} cannot be read as JSON ({exc.__class__.__name__})", source=source
        ) from exc
    text_fields = ("signed_by", "signed_at", "public_key", "signature")
    if (
        not isinstance(record, dict)
        or record.get("format") != FORMAT
        or not all(isinstance(record.get(name), str) for name in text_fields)
        or not isinstance(record.get("files"), dict)
        or not all(isinstance(value, str) for value in record["files"].values())
    ):
        raise SignatureError(
            f"{SIGNATURE_FILE} holds no {ALGORITHM} signature (an older imr's bare hash, which proves nothing)",
            source=source,
        )
    return record


def _canonical(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _sha256(path: Path) -> str:
    if path.is_symlink():  # a link is signed as what it points at, written out, never followed
        return hashlib.sha256(b"symlink:" + str(path.readlink()).encode("utf-8")).hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()
