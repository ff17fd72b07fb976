"""The code books: what each CAMEO code and PLOVER type means (for labels beside codes)."""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter
from pydantic import BaseModel, Field

from polybius.events.ontology import load_ontology

router = APIRouter(prefix="/api", tags=["codes"])


class CameoEntry(BaseModel):
    code: str
    label: str
    goldstein: float
    quad_class: int
    plover_type: str | None


class PloverEntry(BaseModel):
    quad_class: int = Field(description="The QuadClass of the type's typical codes.")
    definition: str
    modes: list[str]


class CodeBook(BaseModel):
    cameo: dict[str, CameoEntry] = Field(description="CAMEO code -> its label and scores.")
    plover: dict[str, PloverEntry] = Field(description="PLOVER type -> its definition.")
    quad_classes: dict[str, str]


@lru_cache(maxsize=1)
def code_book() -> dict:
    onto = load_ontology()
    return {
        "cameo": {
            c.code: {
                "code": c.code,
                "label": c.label,
                "goldstein": c.goldstein,
                "quad_class": c.quad_class,
                "plover_type": c.plover_type,
            }
            for c in onto.cameo.values()
        },
        "plover": {
            t.name: {"quad_class": t.quad_class, "definition": t.definition, "modes": list(t.modes)}
            for t in onto.plover.values()
        },
        "quad_classes": {
            "1": "verbal cooperation",
            "2": "material cooperation",
            "3": "verbal conflict",
            "4": "material conflict",
        },
    }


@router.get("/codes", response_model=CodeBook, summary="CAMEO and PLOVER labels")
def codes() -> dict:
    """Every CAMEO code (2, 3 and 4 digits) with its label, Goldstein score, QuadClass and
    PLOVER type, and every PLOVER type with its definition (from the coder's own tables)."""
    return code_book()
