"""The review organisation's signing key (Ed25519), found in its settings or created on first use.

``IMR_SIGNING_KEY`` names a PEM file (PKCS#8, unencrypted) holding the organisation's private key. Without it, the
key is ``$XDG_CONFIG_HOME/imr/signing-key.pem`` (``~/.config/imr/signing-key.pem``), created the first time a
determination is signed. Either way it lives outside the case folders, and a key file other users may read or
write is refused, as ssh refuses one. The public key travels in every signature; ``imr verify`` trusts a signature
only when that public key is the organisation's.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import stat
from contextlib import suppress
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from imr.errors import SigningKeyError

KEY_VARIABLE = "IMR_SIGNING_KEY"
KEY_FILE_NAME = "signing-key.pem"


def signing_key_path() -> Path:
    """Where the organisation's key is: the file IMR_SIGNING_KEY names, or the default under the user's config."""
    named = os.environ.get(KEY_VARIABLE, "").strip()
    if named:
        return Path(named).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME", "").strip()
    base = Path(config) if config else Path.home() / ".config"
    return base / "imr" / KEY_FILE_NAME


def organisation_signing_key() -> Ed25519PrivateKey:
    """The key to sign with; the default one is created on first use (a key IMR_SIGNING_KEY names must exist)."""
    path = signing_key_path()
    if not path.exists():
        _refuse_missing_named_key(path)
        _create_key_file(path)
    return _read_private_key(path)


def organisation_public_key() -> Ed25519PublicKey | None:
    """The organisation's public key, to check signatures against; None where no key is set up (none is created)."""
    path = signing_key_path()
    if not path.exists():
        _refuse_missing_named_key(path)
        return None
    return _read_private_key(path).public_key()


def read_public_key(path: Path) -> Ed25519PublicKey:
    """An Ed25519 public key from a PEM file (a public key, or the private key it belongs to)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"cannot read the key file ({exc.strerror})", source=str(path)) from exc
    try:
        if b"PRIVATE KEY" in data:
            private = serialization.load_pem_private_key(data, password=None)
            key: object = private.public_key()
        else:
            key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise SigningKeyError("not a PEM key file", source=str(path)) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError("not an Ed25519 key", source=str(path))
    return key


def _raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_text(key: Ed25519PublicKey) -> str:
    """The public key as a signature records it: its 32 raw bytes in base64."""
    return base64.b64encode(_raw(key)).decode("ascii")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """The inverse of public_key_text; ValueError for anything that is not one."""
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    return Ed25519PublicKey.from_public_bytes(raw)


def fingerprint(key: Ed25519PublicKey) -> str:
    """A short name for a public key, to print: "SHA256:" and the first 16 hex digits of its hash."""
    return "SHA256:" + hashlib.sha256(_raw(key)).hexdigest()[:16]


def _refuse_missing_named_key(path: Path) -> None:
    if os.environ.get(KEY_VARIABLE, "").strip():
        raise SigningKeyError(f"{KEY_VARIABLE} names a key file that does not exist", source=str(path))


def _read_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"cannot read the signing key ({exc.strerror})", source=str(path)) from exc
    if stat.S_IMODE(mode) & 0o077:
        raise SigningKeyError(f"the signing key may be read by other users (chmod 600 {path})", source=str(path))
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise SigningKeyError("not an unencrypted PEM private key", source=str(path)) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError("the signing key is not an Ed25519 key", source=str(path))
    return key


def _create_key_file(path: Path) -> None:
    """Write a new key to ``path`` (mode 0600) at one instant; of two signers creating it at once, one key wins."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(pem)
            stream.flush()
            os.fsync(stream.fileno())
        with suppress(FileExistsError):
            os.link(temporary, path)  # never replaces a key another signer created meanwhile
    except OSError as exc:
        raise SigningKeyError(f"cannot create the signing key ({exc.strerror})", source=str(path)) from exc
    finally:
        with suppress(OSError):
            temporary.unlink()
