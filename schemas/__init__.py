"""Pydantic models of every line ocop writes: the single source of truth for its JSON formats."""
from .articles import Article, ArticleOut
from .common import SCHEMA_VERSION, Evidence
from .conflicts import Claim, Conflict, Suggested
from .corrections import CORRECTABLE, Correction
from .decisions import Decision
from .edtf import is_edtf, year_range
from .facts import Fact, Key
from .records import (RECORD_ADAPTER, CountRecord, DateRecord, OrganizationRecord, Record,
                      validate_record)

__all__ = ["Article", "ArticleOut", "SCHEMA_VERSION", "Evidence", "Claim", "Conflict", "CORRECTABLE", "Correction", "Decision",
           "Suggested", "is_edtf", "year_range", "Fact", "Key", "RECORD_ADAPTER", "CountRecord",
           "DateRecord", "OrganizationRecord", "Record", "validate_record"]
