"""Network snapshots: who represents whom on a date, as a directed graph.

>>> import diplorel as dr
>>> net = dr.default_history().network(on="2025-12-31", states=["CUB", "KOR", "USA"])
>>> [(e.sender, e.receiver, e.level, e.mission) for e in net.edges if "KOR" in e.dyad]
[('CUB', 'KOR', 3, 'embassy'), ('KOR', 'CUB', 3, 'embassy')]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from diplorel._dates import QueryLike, When, to_when
from diplorel._knowledge import knowledge_day
from diplorel._panel_rows import alive_on
from diplorel._representation import represent
from diplorel._status import Diplomatic
from diplorel.exceptions import MissingExtraError

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from diplorel._view import HistoryView


@attrs.frozen
class Edge:
    """``sender`` is represented in ``receiver``: by whom, at what level, and how surely."""

    sender: str
    receiver: str
    level: int
    """The COW level of who is there (3 ambassador, 2 minister, 1 chargé, 9 other, 0 nobody
    at post: an edge with level 0 is a mission without a head, or a protecting power)."""
    mission: str | None
    """The kind of the mission that represents the sender (embassy, legation, liaison office,
    interests section, trade office), None without one."""
    agreed: str | None
    """The class of head of mission agreed for the sender (VCDR art. 14-15), None if none."""
    protecting_power: str | None
    """The third state protecting the sender's interests in the receiver, if any."""
    diplomatic: str
    """The dyad's diplomatic relations on the date."""
    certain: bool
    """False when an imprecisely dated act may or may not have happened by the date."""

    @property
    def dyad(self) -> tuple[str, str]:
        """Sender and receiver."""
        return self.sender, self.receiver


@attrs.frozen
class Network:
    """The directed graph of representation among the states existing on a date.

    ``nodes`` are the states existing that day (as named then); an edge runs from a sender to
    the state it is represented in. ``unknown`` lists the directions (sender, receiver) of
    dyads the history has acts of but does not record the sender's presence for: neither an
    edge nor a certain absence. Pairs without any act are no edges (the history has no record
    of them: see :class:`~diplorel.Coverage`).
    """

    on: When
    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]
    unknown: tuple[tuple[str, str], ...] = ()

    def in_degree(self) -> dict[str, int]:
        """For each node, how many states are represented in it (a head at post or a mission)."""
        found = Counter(e.receiver for e in self.edges)
        return {n: found.get(n, 0) for n in self.nodes}

    def out_degree(self) -> dict[str, int]:
        """For each node, in how many states it is represented."""
        found = Counter(e.sender for e in self.edges)
        return {n: found.get(n, 0) for n in self.nodes}

    def to_pandas(self) -> pd.DataFrame:
        """The edges as a DataFrame, one row per edge (needs the extra ``diplorel[pandas]``)."""
        try:
            import pandas as pd  # noqa: PLC0415 - optional dependency
        except ImportError:  # pragma: no cover - exercised without pandas installed
            raise MissingExtraError("Network.to_pandas", extra="pandas", package="pandas") from None
        rows = [attrs.asdict(e) for e in self.edges]
        columns = [f.name for f in attrs.fields(Edge)]
        return pd.DataFrame(rows, columns=columns)

    def to_networkx(self) -> nx.DiGraph[str]:
        """A ``networkx.DiGraph`` with the edges' fields as attributes (needs networkx)."""
        try:
            import networkx as nx  # noqa: PLC0415
        except ImportError:
            raise MissingExtraError(
                "Network.to_networkx", extra="network", package="networkx"
            ) from None
        graph: nx.DiGraph[str] = nx.DiGraph(on=str(self.on))
        graph.add_nodes_from(self.nodes)
        for e in self.edges:
            data = attrs.asdict(e)
            graph.add_edge(data.pop("sender"), data.pop("receiver"), **data)
        return graph


def build_network(
    history: HistoryView,
    *,
    on: QueryLike,
    known_on: QueryLike | None = None,
    states: Iterable[str] | None = None,
) -> Network:
    """The representation graph on ``on`` (as known on ``known_on``), among ``states``."""
    when = to_when(on)
    day = when.day
    known = knowledge_day(known_on, when)
    reg = history.registry
    codes = (
        sorted({reg.resolve(s, where="states") for s in states})
        if states is not None
        else sorted(s.code for s in reg)
    )
    alive = alive_on(history, codes, day)
    here = set(alive)
    edges: list[Edge] = []
    unknown: list[tuple[str, str]] = []
    for key in history.dyads_known_on(known):
        state, certain = history.state_at_key(key, when, known)
        a, b = state.dyad  # as named on the day
        if a not in here or b not in here or not state.presence_known:
            continue
        for sender, receiver in ((a, b), (b, a)):
            if not state.presence_known_of(sender):
                unknown.append((sender, receiver))
                continue
            rep = represent(state, sender, year=day.year)
            power = state.protecting_powers.get(sender)
            if rep.cow == 0 and rep.mission is None and power is None:
                continue
            agreed = state.agreed.get(sender)
            edges.append(
                Edge(
                    sender=sender,
                    receiver=receiver,
                    level=rep.cow,
                    mission=None if rep.mission is None else rep.mission.kind.value,
                    agreed=None if agreed is None or agreed.cow == 0 else agreed.value,
                    protecting_power=power,
                    diplomatic=Diplomatic(state.diplomatic).value,
                    certain=certain,
                )
            )
    edges.sort(key=lambda e: (e.sender, e.receiver))
    return Network(on=when, nodes=tuple(alive), edges=tuple(edges), unknown=tuple(sorted(unknown)))
