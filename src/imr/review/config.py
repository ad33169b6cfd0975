"""Configuration of the review organisation (its name is data, never text in the templates): the name, how its
letters label the reviewer's guideline line, and the letterhead (postal address and how to reach it)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from imr.cases.model import ZipCode
from imr.data_files import read_package_yaml
from imr.errors import CaseFileError

_PHONE = r"^\+?[0-9()\-. ]{7,20}( ?(x|ext\.?) ?[0-9]{1,6})?$"


class PostalAddress(BaseModel):
    """Where the organisation receives mail: a P.O. box or street lines, then the city line."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    street_lines: tuple[str, ...] = Field(min_length=1, description="e.g. ['P.O. Box 138009']")
    city: str = Field(min_length=1)
    state: str = Field(pattern=r"^[A-Z]{2}$", description="Two-letter state code")
    zip: ZipCode

    @property
    def lines(self) -> tuple[str, ...]:
        return (*self.street_lines, f"{self.city}, {self.state} {self.zip}")


class OrganisationConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    guideline_label: str = Field(min_length=1)
    reviewer_noun: str = "expert reviewer"
    # The letterhead: an organisation file written before letters carried one still loads, without it.
    address: PostalAddress | None = None
    phone: str | None = Field(default=None, pattern=_PHONE)
    fax: str | None = Field(default=None, pattern=_PHONE)
    web: str | None = Field(default=None, min_length=1)
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

    def letterhead(self) -> tuple[str, ...]:
        """The lines printed under the organisation's name: the postal address, then one line of contacts."""
        contacts = [
            f"{label} {value}"
            for label, value in (("Phone", self.phone), ("Fax", self.fax), ("Web", self.web), ("Email", self.email))
            if value
        ]
        address = self.address.lines if self.address else ()
        return (*address, " | ".join(contacts)) if contacts else address


def load_organisation(path: Path | None = None) -> OrganisationConfig:
    source = str(path) if path else "imr/data/config/organisation.yaml"
    try:
        raw = (
            yaml.safe_load(path.read_text(encoding="utf-8")) if path else read_package_yaml("config/organisation.yaml")
        )
        return OrganisationConfig.model_validate(raw)
    except OSError as exc:
        raise CaseFileError(f"cannot read organisation file ({exc.strerror})", source=source) from exc
    except yaml.YAMLError as exc:
        raise CaseFileError("organisation file is not valid YAML", source=source) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CaseFileError(first["msg"], source=source, field=".".join(str(p) for p in first["loc"])) from exc
