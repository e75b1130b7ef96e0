"""Regenerate src/diplorel/data/iso4217.csv from the official ISO 4217 "list one".

Source: ISO 4217 list one ("Current currency & funds code list"), as published by SIX, the
ISO 4217 maintenance agency, in its XML form (``list-one.xml``, root element
``<ISO_4217 Pblshd="2026-01-01">``). We take the file verbatim from the PyPI package
``iso4217`` version 1.16.20260101 (Hong Minhee, public domain), which ships it unchanged as
``iso4217/table.xml``; SHA-256 of that file: 838dfb99...e291c9 (full value in
``EXPECTED_SHA256`` below). List version: published 2026-01-01, 178 distinct active codes.
CUC (Cuban convertible peso) is not in that list any more, so it is not in the CSV.

Output: one row per currency code, sorted by code, columns ``code,numeric,minor_unit,name``.
``numeric`` keeps its three digits ("008"); ``minor_unit`` is empty where list one says "N.A."
(funds, precious metals, SDR, testing codes...: no fixed minor unit). Rows are LF-terminated
UTF-8, so the same XML always gives the same bytes.

Usage::

    python tools/build_currencies.py                 # downloads the pinned wheel with pip
    python tools/build_currencies.py path/to/table.xml-or-iso4217.whl
    python tools/build_currencies.py --check         # exit 1 if the CSV is out of date

A newer list needs a new pin: bump ``PACKAGE`` and ``EXPECTED_SHA256`` together, then rerun.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

PACKAGE = "iso4217==1.16.20260101"
EXPECTED_SHA256 = "838dfb991648cf36df939edd5fe3811737962b75a32252847d239cedd1e291c9"
WHEEL_MEMBER = "iso4217/table.xml"
OUTPUT = Path(__file__).resolve().parent.parent / "src" / "diplorel" / "data" / "iso4217.csv"


def fetch_pinned() -> bytes:
    """Download the pinned iso4217 wheel with pip and return its table.xml."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE],
            check=True,
        )
        (wheel,) = Path(tmp).glob("*.whl")
        return read_source(wheel)


def read_source(path: Path) -> bytes:
    """Return the list-one XML from a .whl of the iso4217 package or from an XML file."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as zf:
            return zf.read(WHEEL_MEMBER)
    return path.read_bytes()


def build_csv(xml: bytes) -> tuple[str, str]:
    """Return the CSV text and the list's publication date."""
    root = ET.fromstring(xml)  # noqa: S314 - pinned, hash-checked input
    rows: dict[str, tuple[str, str, str, str]] = {}
    for entry in root.iter("CcyNtry"):
        code = entry.findtext("Ccy")
        if code is None:  # "No universal currency" (Antarctica, Palestine...)
            continue
        numeric = entry.findtext("CcyNbr") or ""
        minor = entry.findtext("CcyMnrUnts") or ""
        name = (entry.findtext("CcyNm") or "").strip()
        row = (code, numeric, "" if minor == "N.A." else minor, name)
        if rows.setdefault(code, row) != row:
            msg = f"{code} is listed with different data: {rows[code]} and {row}"
            raise SystemExit(msg)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "numeric", "minor_unit", "name"])
    writer.writerows(rows[code] for code in sorted(rows))
    return out.getvalue(), root.get("Pblshd", "?")


def main(argv: list[str] | None = None) -> int:
    """Write (or, with --check, compare) the CSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="table.xml or iso4217 wheel")
    parser.add_argument("--check", action="store_true", help="only compare with the CSV")
    args = parser.parse_args(argv)
    xml = read_source(args.source) if args.source else fetch_pinned()
    digest = hashlib.sha256(xml).hexdigest()
    if digest != EXPECTED_SHA256:
        print(f"warning: source SHA-256 {digest} is not the pinned {EXPECTED_SHA256}")
    text, published = build_csv(xml)
    n = text.count("\n") - 1
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == text
        print(f"{OUTPUT.name} is {'up to date' if same else 'OUT OF DATE'} ({published})")
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {n} currencies from list one published {published} to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
