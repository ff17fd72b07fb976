"""CAMEO codes with Goldstein values and QuadClass, PLOVER types, and the map between them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from polybius.tsv import package_data, read_tsv, split_values

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class PloverType:
    name: str
    quad_class: int
    definition: str
    modes: tuple[str, ...]


@dataclass
class Ontology:
    cameo: dict[str, CameoCode]
    plover: dict[str, PloverType]

    def code(self, code: str) -> CameoCode:
        """The CAMEO entry for a code; unknown 4-digit codes fall back to their parent."""
        while code and code not in self.cameo:
            code = code[:-1]
        if not code:
            raise KeyError(code)
        return self.cameo[code]


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    cameo: dict[str, CameoCode] = {}
    for row in read_tsv(package_data("events", "data", "cameo.tsv")):
        cameo[row["code"]] = CameoCode(
            code=row["code"],
            label=row["label"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
        )
    plover: dict[str, PloverType] = {}
    for row in read_tsv(package_data("events", "data", "plover.tsv")):
        plover[row["type"]] = PloverType(
            name=row["type"],
            quad_class=int(row["quad_class"]),
            definition=row["definition"],
            modes=tuple(split_values(row["modes"])),
        )
    return Ontology(cameo=cameo, plover=plover)
