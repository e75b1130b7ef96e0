"""A retraction: a later record that withdraws an earlier one.

Corrections are items, never edits: the history keeps every record, the current view uses the
latest correction of each, and a view of the past (``known_on=``) uses what had been published
by then. A corrected date or level is an event naming the record it corrects
(``supersedes=``); a record withdrawn altogether is a :class:`Retraction`.

>>> import diplorel as dr
>>> claim = dr.RelationsEstablished(between=("TWN", "VUT"), on="2004-11-03", uid="vut-twn")
>>> withdrawn = dr.Retraction(retracts="vut-twn", on="2004-12-15")
>>> h = dr.History([claim, withdrawn], strict=False)
>>> h.status("TWN", "VUT", on="2004-11-20").diplomatic
<Diplomatic.NO_RECORD: 'no_record'>
>>> h.status("TWN", "VUT", on="2004-11-20", known_on="2004-11-20").diplomatic
<Diplomatic.ESTABLISHED: 'established'>
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from diplorel._checks import DATE, OPTIONAL_TEXT, TEXT, to_date, to_tuple
from diplorel._dates import FuzzyDate
from diplorel._events import SOURCES, Source
from diplorel.exceptions import InvalidEventError


def _names_a_record(_instance: object, _attribute: object, value: str) -> None:
    if not value.strip():
        raise InvalidEventError("Retraction", "retracts must name a record (a uid or an id)")


@attrs.frozen(kw_only=True)
class Retraction:
    """A record withdrawing an earlier one (by its ``uid``, or an instrument's ``id``).

    ``on`` is when the retraction was published: from then on the withdrawn record no longer
    counts; before it, a view of the past (``known_on=``) still sees it.
    """

    TAG: ClassVar[str] = "retraction"

    retracts: str = attrs.field(validator=[TEXT, _names_a_record])
    on: FuzzyDate = attrs.field(converter=to_date, validator=DATE)
    reason: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=to_tuple, validator=SOURCES)
    uid: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)

    def describe(self, *, dated: bool = True) -> str:
        """One line: what is withdrawn, and when."""
        when = f" on {self.on}" if dated else ""
        why = f" ({self.reason})" if self.reason else ""
        return f"Retraction of {self.retracts}{why}{when}"
