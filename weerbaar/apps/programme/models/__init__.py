from weerbaar.apps.programme.models.budget import (
    BudgetAmount,
    BudgetGroup,
    BudgetLine,
    BudgetYear,
)
from weerbaar.apps.programme.models.catalogue import (
    UNKNOWN_PARTY,
    CatalogueEntry,
    CatalogueVersion,
    Measure,
    Phase,
    Scope,
)
from weerbaar.apps.programme.models.records import MeasureRecord, MeasureRecordChange
from weerbaar.apps.programme.models.subprojects import SubProject

__all__ = [
    "UNKNOWN_PARTY",
    "BudgetAmount",
    "BudgetGroup",
    "BudgetLine",
    "BudgetYear",
    "CatalogueEntry",
    "CatalogueVersion",
    "Measure",
    "MeasureRecord",
    "MeasureRecordChange",
    "Phase",
    "Scope",
    "SubProject",
]
