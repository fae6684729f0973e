"""Records: what one article states, one line each in `out/records.jsonl` (spec: records.md, version 1; version 2
adds the gazetteer's unit of a count's place: `scope_code`, `scope_parent`).

Validation with the article's text in the context also checks that the evidence is the text's slice:

>>> r = CountRecord(id="a#c1", article_id="a", value=6, unit="sản phẩm", metric="ocop_products",
...                 star="5", kind="total", evidence={"start": 4, "end": 9, "text": "6 sản",
...                 "sentence": "Có  6 sản phẩm."}, rules=["count.unit"])
>>> r.approx, r.schema_version
('exact', '2')
>>> validate_record(r.model_dump(), text="Có  6 sản phẩm.").value
6
>>> try:
...     validate_record(r.model_dump(), text="Có  9 sản phẩm.")
... except ValueError as e:
...     print("evidence '6 sản' is not the text's slice [4:9] ('9 sản')" in str(e))
True
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, TypeAdapter, ValidationInfo, field_validator, model_validator

from .common import SCHEMA_VERSION, Evidence, Model
from .edtf import is_edtf

Approx = Literal["exact", "over", "under", "about", "at_least", "at_most", "range"]
Star = Literal["3", "4", "5", "5p", "3+"]
Kind = Literal["total", "added", "target"]
ScopeLevel = Literal["country", "province", "district", "commune"]
TimeBasis = Literal["stated", "context", "published", "inferred"]
ReadingBasis = Literal["stated", "context", "default"]
Metric = Literal["ocop_products", "ocop_subjects", "ocop_sales_points", "ocop_centers", "share_of_national"]
OrgClass = Literal["business", "agency"]


class RecordBase(Model):
    schema_version: Literal["2"] = SCHEMA_VERSION
    id: str = Field(min_length=1, description="stable: the same article text always yields the same ids")
    article_id: str = Field(min_length=1)
    evidence: Evidence
    rules: list[str] = Field(default_factory=list, description="names of the rules that fired, in order")

    @model_validator(mode="after")
    def _evidence_in_text(self, info: ValidationInfo):
        text = (info.context or {}).get("text") if info else None
        if text is not None:
            ev = self.evidence
            if text[ev.start:ev.end] != ev.text:
                raise ValueError(f"evidence {ev.text!r} is not the text's slice [{ev.start}:{ev.end}]"
                                 f" ({text[ev.start:ev.end]!r})")
        return self


def _check_edtf(v: str | None) -> str | None:
    if v is not None and not is_edtf(v):
        raise ValueError(f"not an EDTF date: {v!r}")
    return v


class CountRecord(RecordBase):
    """A number of things, as the article states it."""

    type: Literal["count"] = "count"
    value: float | int
    value_max: float | int | None = None
    approx: Approx = "exact"
    unit: str = Field(min_length=1, description="what is counted, as written, lower case")
    metric: Metric | None = None
    star: Star | None = None
    category: str | None = None
    kind: Kind = "total"
    scope: str | None = None
    scope_level: ScopeLevel | None = None
    scope_code: str | None = Field(None, pattern=r"^\d{2}(?:\d|\d{3})?$",
                                   description="official code of the scope's unit (GSO): 2 digits for a province, "
                                               "3 for a district, 5 for a commune; null when not known for sure")
    scope_parent: str | None = Field(None, description="the province of a district or commune scope (on the map of "
                                                       "the figure's date)")
    as_of: str | None = None
    period: str | None = None
    time_basis: TimeBasis | None = None
    organization: str | None = None
    product: str | None = None
    status: Literal["new", "renewed"] | None = Field(None, description="for added counts: newly rated or re-rated")
    kind_basis: ReadingBasis | None = Field(None, description="how the kind was read: stated in its own clause, "
                                                              "carried from context, or the article's default")
    scope_basis: ReadingBasis | None = Field(None, description="how the scope was read (as kind_basis)")

    _edtf = field_validator("as_of", "period")(_check_edtf)

    @field_validator("unit", "category")
    @classmethod
    def _lower(cls, v):
        if v is not None and v != v.lower():
            raise ValueError(f"must be lower case: {v!r}")
        return v

    @model_validator(mode="after")
    def _coherent(self):
        if self.value < 0:
            raise ValueError(f"a count is not negative: {self.value}")
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError(f"value_max {self.value_max} below value {self.value}")
        if (self.approx == "range") != (self.value_max is not None):
            raise ValueError("approx 'range' goes with value_max, and only with it")
        if self.metric == "share_of_national" and self.unit != "%":
            raise ValueError("share_of_national is a percentage")
        return self


class OrganizationRecord(RecordBase):
    type: Literal["organization"] = "organization"
    name: str = Field(min_length=2, description="full name as written, with its legal form")
    org_class: OrgClass
    legal_form: str | None = None
    location: str | None = None


class DateRecord(RecordBase):
    type: Literal["date"] = "date"
    value: str = Field(description="EDTF")
    text: str = Field(min_length=1, description="the expression as written")

    _edtf = field_validator("value")(_check_edtf)


Record = Annotated[Union[CountRecord, OrganizationRecord, DateRecord], Field(discriminator="type")]
RECORD_ADAPTER: TypeAdapter[Record] = TypeAdapter(Record)


def validate_record(data: dict, text: str | None = None) -> CountRecord | OrganizationRecord | DateRecord:
    """Validate one record (a dict); with `text`, also check its evidence against the article's text."""
    return RECORD_ADAPTER.validate_python(data, context={"text": text} if text is not None else None)
