"""What the API tests share: example cases as the API takes them, and the steps of the process as one call each."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml
from fastapi.testclient import TestClient
from httpx import Response

from tests.web.conftest import EXAMPLES

PANEL = yaml.safe_load((EXAMPLES / "panel.yaml").read_text(encoding="utf-8"))["reviewers"]
PANEL_NAMES = tuple(reviewer["name"] for reviewer in PANEL)
PANEL_CODES = frozenset(reviewer["id"] for reviewer in PANEL)
CHANGE = {
    "decision": "overturned",
    "reason": "the record shows a progressive deficit",
    "guideline": "ACOEM Chapter 12, pages 303-305",
    "rationale": "A progressive deficit is documented. Therefore, the MRI is medically necessary.",
}
CHANGED_ITEM = 2  # the lumbar MRI of the example case: the engine upholds the denial, the reviewer overturns it


def _plain(value: Any) -> Any:
    """YAML's dates as the ISO strings a JSON client sends."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def case_file(folder: Path) -> dict[str, Any]:
    """case.yaml of an example folder as the JSON body of POST /api/cases: everything but its records."""
    data = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    data.pop("records", None)
    plain: dict[str, Any] = json.loads(json.dumps(_plain(data)))
    return plain


def record_forms(folder: Path) -> list[tuple[str, bytes, dict[str, str]]]:
    """Each record of an example folder: file name, bytes and the form fields of its upload."""
    data = _plain(yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8")))
    forms = []
    for record in data["records"]:
        fields = {"type": record["type"], "author": record["author"], "date": record["date"]}
        if record.get("organisation"):
            fields["organisation"] = record["organisation"]
        forms.append((record["file"], (folder / record["file"]).read_bytes(), fields))
    return forms


def upload(client: TestClient, case_id: int, name: str, content: bytes, fields: dict[str, str]) -> Response:
    response: Response = client.post(
        f"/api/cases/{case_id}/records", files={"file": (name, content, "text/plain")}, data=fields
    )
    return response


def take_in(client: TestClient, folder: Path) -> int:
    """An example case created and its records uploaded, by API, as the logged-in case manager; its id."""
    created = client.post("/api/cases", json=case_file(folder))
    assert created.status_code == 201, created.text
    case_id: int = created.json()["id"]
    for name, content, fields in record_forms(folder):
        uploaded = upload(client, case_id, name, content, fields)
        assert uploaded.status_code == 201, uploaded.text
    return case_id


def version_of(client: TestClient, case_id: int) -> int:
    response = client.get(f"/api/cases/{case_id}")
    assert response.status_code == 200, response.text
    version: int = response.json()["version"]
    return version


def step(client: TestClient, case_id: int, action: str, **body: Any) -> Response:
    """POST /api/cases/{id}/{action} with the case's current version."""
    response: Response = client.post(
        f"/api/cases/{case_id}/{action}", json={"version": version_of(client, case_id), **body}
    )
    return response


def change_item(client: TestClient, case_id: int, item: int = CHANGED_ITEM, **overrides: Any) -> Response:
    body = {**CHANGE, "version": version_of(client, case_id), **overrides}
    response: Response = client.post(f"/api/cases/{case_id}/items/{item}/decision", json=body)
    return response


def sign(client: TestClient, case_id: int) -> Response:
    return step(client, case_id, "sign", confirm=True)


def audit_actions(client: TestClient, case_id: int) -> list[tuple[str, str]]:
    """(action, outcome) of the case's audit events, oldest first."""
    response = client.get(f"/api/cases/{case_id}/audit")
    assert response.status_code == 200, response.text
    return [(event["action"], event["outcome"]) for event in reversed(response.json())]
