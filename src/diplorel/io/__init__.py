"""Interchange with the data researchers already hold: Correlates of War, Wikidata, CSV.

- :mod:`diplorel.io.cow`: the COW Diplomatic Exchange format, both ways.
- :mod:`diplorel.io.wikidata`: Wikidata "diplomatic relation" (P530) statements.
- :mod:`diplorel.io.usdos`: the US State Department's own records (the Office of the
  Historian's guide to relations by country and its chiefs of mission).
"""

from diplorel._panel import write_csv

__all__ = ["write_csv"]
