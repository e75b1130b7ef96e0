"""Queries are safe from several threads: a service may share one history between its workers.

Each thread asks a fresh history (no cache warm) the same questions a single thread asks another
fresh copy, with the interpreter switching threads as often as it can; every answer must agree.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import attrs
import pytest

import diplorel as dr

PAIRS = [("CUB", "KOR"), ("CUB", "USA"), ("USA", "SUN"), ("CHN", "CRI"), ("FRA", "DEU")]
DAYS = ["1950-06-01", "1962-01-01", "1980-06-01", "1995-01-01", "2016-08-01", "2024-03-01"]


@pytest.fixture(scope="module")
def text() -> str:
    """The default history as a file, to load fresh copies from."""
    return dr.dumps(dr.default_history())


@pytest.fixture
def switching() -> Iterator[None]:
    """Switch threads as often as the interpreter can, for the length of a test."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(before)


def questions(h: dr.History) -> list[Callable[[], object]]:
    """Questions of every kind, each answered in a comparable form."""
    asked: list[Callable[[], object]] = []
    for a, b in PAIRS:
        for day in DAYS:
            asked.append(lambda a=a, b=b, day=day: str(h.status(a, b, on=day)))
            asked.append(lambda a=a, b=b, day=day: str(h.status(a, b, on=day, known_on=day)))
        asked.append(lambda a=a, b=b: [str(p) for p in h.timeline(a, b)])
    firsts = [a for a, _ in PAIRS for _ in DAYS]
    seconds = [b for _, b in PAIRS for _ in DAYS]
    days = [d for _ in PAIRS for d in DAYS]
    asked.append(lambda: attrs.astuple(h.bulk_status(firsts, seconds, days, engine="python"))[:5])
    asked.append(lambda: attrs.astuple(h.bulk_status(firsts, seconds, days, engine="numpy"))[:5])
    states = ["CUB", "USA", "KOR"]
    asked.append(lambda: list(h.panel(years=range(1990, 1996), states=states).rows()))
    asked.append(
        lambda: list(h.panel(years=range(1990, 1996), states=states, engine="numpy").rows())
    )
    asked.append(lambda: h.network(on="2020-12-31").edges)
    return asked


@pytest.mark.usefixtures("switching")
def test_every_answer_agrees_with_one_thread(text: str) -> None:
    """Eight threads on one fresh history answer as one thread does on the default one."""
    alone = [ask() for ask in questions(dr.default_history())]
    shared = dr.loads(text)
    asked = questions(shared)
    order = list(range(len(asked))) * 3
    random.Random(1).shuffle(order)  # noqa: S311 - an order, not a secret
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda i: (i, asked[i]()), order))
    assert all(answer == alone[i] for i, answer in answers)
