"""Real reference data: municipalities, peer groups, size classes, election figures.

The CSV files in ``benchmarks/`` are unmodified copies of ``shared/data``; see
``benchmarks/PROVENANCE.md``. Nothing here is invented: population is a secondary
source with an unknown reference date, so the UI always calls it approximate.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from scan.base.errors import ContentError
from scan.base.settings import content_dir
from scan.content.models import GM_CODE

BENCHMARKS_DIR = content_dir("benchmarks")

MUNICIPALITIES_FILE = "gemeenten_2025.csv"
POPULATION_FILE = "gemeenten_inwoners_secundair.csv"
PEER_GROUPS_FILE = "peer_groups.csv"
ELECTIONS_FILE = "gr_uitslag_totalen_per_gemeente.csv"

# CBS-style size classes (gemeentegrootteklassen), by number of inhabitants.
SIZE_CLASSES: tuple[tuple[int, int | None, str], ...] = (
    (0, 5_000, "minder dan 5.000 inwoners"),
    (5_000, 10_000, "5.000 tot 10.000 inwoners"),
    (10_000, 20_000, "10.000 tot 20.000 inwoners"),
    (20_000, 50_000, "20.000 tot 50.000 inwoners"),
    (50_000, 100_000, "50.000 tot 100.000 inwoners"),
    (100_000, 150_000, "100.000 tot 150.000 inwoners"),
    (150_000, 250_000, "150.000 tot 250.000 inwoners"),
    (250_000, None, "250.000 inwoners of meer"),
)

NAMED_GROUPS = {
    "G4": ("G4", "De vier grootste steden", False),
    "G40": ("G40", "G40-stedennetwerk", False),
    "M50": ("M50", "M50: middelgrote gemeenten", False),
    "P10_onvolledig": ("P10", "P10: plattelandsgemeenten (lijst onvolledig)", True),
}


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    province: str
    population: int  # approximate: secondary source, reference date unknown
    size_class: str


@dataclass(frozen=True)
class PeerGroup:
    id: str
    label: str
    members: frozenset[str]
    incomplete: bool = False
    note: str = ""


@dataclass(frozen=True)
class ElectionResult:
    election: str
    year: int
    code: str
    seats: int
    lists: int
    lists_with_seats: int


@dataclass(frozen=True)
class Reference:
    municipalities: dict[str, Municipality]
    named_groups: dict[str, PeerGroup]
    elections: tuple[ElectionResult, ...] = field(repr=False)

    def municipality(self, code: str) -> Municipality:
        return self.municipalities[code]

    def by_name(self) -> list[Municipality]:
        return sorted(self.municipalities.values(), key=lambda m: _sort_key(m.name))

    def size_class_group(self, code: str) -> PeerGroup:
        label = self.municipalities[code].size_class
        members = frozenset(c for c, m in self.municipalities.items() if m.size_class == label)
        return PeerGroup(f"grootte:{label}", f"Gemeenten met {label} (circa)", members)

    def province_group(self, code: str) -> PeerGroup:
        province = self.municipalities[code].province
        members = frozenset(c for c, m in self.municipalities.items() if m.province == province)
        return PeerGroup(f"provincie:{province}", f"Provincie {province}", members)

    def all_group(self) -> PeerGroup:
        return PeerGroup("alle", "Alle gemeenten", frozenset(self.municipalities))

    def peer_groups_for(self, code: str) -> list[PeerGroup]:
        """Every group a municipality can compare itself with, most specific first."""
        named = [g for g in self.named_groups.values() if code in g.members]
        return [*named, self.size_class_group(code), self.province_group(code), self.all_group()]

    def selectable_groups(self, code: str) -> list[PeerGroup]:
        """Every group a municipality may compare itself with: its own groups (most specific first),
        then the named groups it is not a member of."""
        own = self.peer_groups_for(code)
        others = [g for g in self.named_groups.values() if code not in g.members]
        return [*own, *others]

    def peer_group(self, code: str, group_id: str) -> PeerGroup | None:
        return next((g for g in self.selectable_groups(code) if g.id == group_id), None)

    def council_seats(self, code: str, year: int) -> int | None:
        """The council's seats after the latest election up to ``year`` (Kiesraad), or None if unknown."""
        found = [e for e in self.elections if e.code == code and e.year <= year]
        return max(found, key=lambda e: e.year).seats if found else None


def _sort_key(name: str) -> str:
    # "'s-Gravenhage" sorts under G, as Dutch lists do.
    return name.lower().removeprefix("'s-").removeprefix("'t ")


def size_class_for(population: int) -> str:
    for low, high, label in SIZE_CLASSES:
        if population >= low and (high is None or population < high):
            return label
    raise ValueError(population)


def _read_csv(path: Path, required: set[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = required - set(reader.fieldnames or [])
            if missing:
                raise ContentError(path, sorted(missing)[0], "kolom ontbreekt in de kopregel")
            return list(reader)
    except FileNotFoundError as exc:
        raise ContentError(path, "", "bestand niet gevonden") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(path, "", "bestand is geen UTF-8-tekst") from exc


def _int(path: Path, row_no: int, column: str, value: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise ContentError(path, f"rij {row_no}, {column}", f"'{value}' is geen geheel getal") from exc


def load_reference(directory: Path = BENCHMARKS_DIR) -> Reference:
    """Read and cross-check the reference CSVs; raise ContentError naming file and row."""
    gm_path = directory / MUNICIPALITIES_FILE
    rows = _read_csv(gm_path, {"gm_code", "gemeente_naam", "provincie"})
    base: dict[str, tuple[str, str]] = {}
    for i, row in enumerate(rows, start=2):
        code = row["gm_code"].strip()
        if not GM_CODE.match(code):
            raise ContentError(gm_path, f"rij {i}, gm_code", f"'{code}' is geen gemeentecode (GM####)")
        if code in base:
            raise ContentError(gm_path, f"rij {i}, gm_code", f"{code} staat er twee keer in")
        base[code] = (row["gemeente_naam"].strip(), row["provincie"].strip())

    pop_path = directory / POPULATION_FILE
    population: dict[str, int] = {}
    for i, row in enumerate(_read_csv(pop_path, {"gm_code", "inwoners"}), start=2):
        code = row["gm_code"].strip()
        if code not in base:
            raise ContentError(pop_path, f"rij {i}, gm_code", f"onbekende gemeentecode {code}")
        population[code] = _int(pop_path, i, "inwoners", row["inwoners"])
    if missing := sorted(set(base) - set(population)):
        raise ContentError(pop_path, "gm_code", f"geen inwonertal voor {missing[0]}")

    municipalities = {
        code: Municipality(code, name, province, population[code], size_class_for(population[code]))
        for code, (name, province) in base.items()
    }

    groups_path = directory / PEER_GROUPS_FILE
    members: dict[str, set[str]] = {key: set() for key in NAMED_GROUPS}
    for i, row in enumerate(_read_csv(groups_path, {"groep", "gm_code"}), start=2):
        group, code = row["groep"].strip(), row["gm_code"].strip()
        if group not in NAMED_GROUPS:
            raise ContentError(groups_path, f"rij {i}, groep", f"onbekende groep '{group}'")
        if code not in base:
            raise ContentError(groups_path, f"rij {i}, gm_code", f"onbekende gemeentecode {code}")
        members[group].add(code)
    named = {}
    for key, (gid, label, incomplete) in NAMED_GROUPS.items():
        note = (
            f"Onvolledig: {len(members[key])} van de 32 leden zijn met een bron vastgesteld."
            if incomplete
            else ""
        )
        named[gid] = PeerGroup(gid, label, frozenset(members[key]), incomplete, note)

    el_path = directory / ELECTIONS_FILE
    needed = {"verkiezing", "gm_code", "raadszetels_totaal", "aantal_lijsten", "lijsten_met_zetels"}
    elections = []
    for i, row in enumerate(_read_csv(el_path, needed), start=2):
        elections.append(
            ElectionResult(
                election=row["verkiezing"].strip(),
                year=_int(el_path, i, "verkiezing", row["verkiezing"][2:6]),
                code=row["gm_code"].strip(),
                seats=_int(el_path, i, "raadszetels_totaal", row["raadszetels_totaal"]),
                lists=_int(el_path, i, "aantal_lijsten", row["aantal_lijsten"]),
                lists_with_seats=_int(el_path, i, "lijsten_met_zetels", row["lijsten_met_zetels"]),
            )
        )
    return Reference(municipalities, named, tuple(elections))


@lru_cache(maxsize=4)
def reference(directory: Path = BENCHMARKS_DIR) -> Reference:
    """Cached reference data (read once per process, on first use)."""
    return load_reference(directory)
