"""Regenerate the code tables in src/diplorel/data/: gw_spells.csv, gw_codes.csv, codes.csv.

Sources (dev-time only; see src/diplorel/data/CODES.md for their citations and licences):

- ``iisystem.dat`` and ``iisystem_2012.dat`` (cp1252), in ``../shared/data/reference/`` next
  to the repository (or the folder given): Gleditsch & Ward's list of independent states, 2017
  update; the two names mangled in the 2017 file are taken from the 2012 release.
- ISO 3166-1 and ISO 3166-3 alpha-2 and numeric codes, from the ``pycountry`` package
  (``pip install --group tools``).
- The World Bank's short names: the ``WDI_data$country`` table of the R package WDI 2.7.8
  (Debian ``r-cran-wdi``), exported as a JSON list of records, for instance in R
  ``jsonlite::write_json(WDI::WDI_data$country, "wdi_country.json")``; give its path with
  ``--wdi``.
- ``cow_codes.csv`` and ``states.csv``, already in src/diplorel/data/ (tools/build_states.py).

Outputs (LF-terminated UTF-8, sorted, so the same inputs always give the same bytes)::

    python tools/build_codes.py --wdi wdi_country.json           # write the three CSVs
    python tools/build_codes.py --wdi wdi_country.json --check   # exit 1 if one is out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

import build_states  # tools/, beside this script
import pycountry

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "data" / "reference"
DATA = ROOT / "src" / "diplorel" / "data"

# G-W numbers whose diplorel code is not COW's for the same number: tools/build_states.py's
# table, but for the numbers whose G-W state is COW's state of that number (345, 260, 678),
# which take COW's periods (cow_codes.csv), as every other G-W number does.
GW_PERIODS = {n: p for n, p in build_states.GW_PERIODS.items() if n not in {345, 260, 678}}

Row = list[str]


def _iso(day: str) -> str:
    """``dd:mm:yyyy`` as an ISO date."""
    d, m, y = day.split(":")
    return f"{y}-{m}-{d}"


def read_gw(reference: Path) -> list[tuple[int, str, str, str, str]]:
    """The G-W spells: number, letters, name, start, end (ISO, inclusive)."""
    names_2012 = {}
    for line in (reference / "iisystem_2012.dat").read_text(encoding="cp1252").splitlines():
        if line.strip():
            c, _, n, s, _ = line.split("\t")
            names_2012[(int(c), s)] = n
    rows = []
    for line in (reference / "iisystem.dat").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        c, a, n, s, e = line.rstrip("\r").split("\t")
        if "\ufffd" in n:  # mangled in the 2017 file
            n = names_2012[(int(c), s)]
        rows.append((int(c), a, n, _iso(s), _iso(e)))
    return rows


def _cow_periods() -> dict[int, list[tuple[str, str, str]]]:
    out: dict[int, list[tuple[str, str, str]]] = {}
    for r in csv.DictReader(io.StringIO((DATA / "cow_codes.csv").read_text(encoding="utf-8"))):
        out.setdefault(int(r["ccode"]), []).append((r["code"], r["from"], r["to"]))
    return out


def _csv(header: list[str], rows: list[Row]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def gw_tables(reference: Path) -> dict[str, str]:
    """gw_spells.csv and gw_codes.csv; every day of every spell maps to exactly one code."""
    gw = read_gw(reference)
    cow = _cow_periods()
    spells = [[str(c), a, n, s, e] for c, a, n, s, e in sorted(gw, key=lambda r: (r[0], r[3]))]
    codes: list[Row] = []
    for number in sorted({r[0] for r in gw}):
        periods = GW_PERIODS.get(number) or cow[number]
        codes += [[str(number), code, lo, hi] for code, lo, hi in periods]
    for c, _, _, s, e in gw:
        periods = GW_PERIODS.get(c) or cow[c]
        covered = sorted(
            (lo, hi)
            for lo, hi in ((max(s, lo or s), min(e, hi or e)) for _, lo, hi in periods)
            if lo <= hi
        )
        if not covered or covered[0][0] != s or covered[-1][1] != e:
            msg = f"G-W {c} {s}..{e}: not covered by its code periods {covered}"
            raise SystemExit(msg)
    return {
        "gw_spells.csv": _csv(["gwcode", "gwabb", "name", "start", "end"], spells),
        "gw_codes.csv": _csv(["gwcode", "code", "from", "to"], codes),
    }


def codes_table(wdi_path: Path) -> str:
    """codes.csv: each registry code's ISO alpha-2 and numeric, M49 and World Bank name."""
    wdi = {r["iso3c"]: r for r in json.loads(wdi_path.read_text(encoding="utf-8"))}
    states = csv.DictReader(io.StringIO((DATA / "states.csv").read_text(encoding="utf-8")))
    out: list[Row] = []
    for r in states:
        code, kind = r["code"], r["code_kind"]
        iso2 = numeric = m49 = ""
        if kind == "iso3166-1":
            country = pycountry.countries.get(alpha_3=code)
            iso2, numeric = country.alpha_2, country.numeric
            m49 = "" if code == "TWN" else numeric  # M49 does not list Taiwan
        elif kind == "iso3166-3":
            old = next(h for h in pycountry.historic_countries if h.alpha_3 == code)
            iso2, numeric = getattr(old, "alpha_2", ""), getattr(old, "numeric", "")
        bank = wdi.get(code)
        name = bank["country"] if bank and bank["region"] not in (None, "Aggregates") else ""
        out.append([code, iso2, numeric, m49, name])
    return _csv(["code", "iso2", "iso_numeric", "m49", "wb_name"], out)


def main() -> None:
    """Write (or check) the three CSVs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", nargs="?", type=Path, default=REFERENCE)
    parser.add_argument("--wdi", type=Path, required=True, help="WDI_data$country as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if a CSV is out of date")
    args = parser.parse_args()
    built = {**gw_tables(args.reference), "codes.csv": codes_table(args.wdi)}
    stale = [n for n, text in built.items() if (DATA / n).read_text(encoding="utf-8") != text]
    if args.check:
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            sys.exit(1)
        return
    for name, text in built.items():
        (DATA / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
