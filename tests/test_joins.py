"""The join watch of the phone page: more joins from one address in a minute than a room makes."""

from __future__ import annotations

import pytest

from scan.web.joins import BURST, WINDOW, JoinWatch


@pytest.fixture
def clock():
    return [1000.0]


@pytest.fixture
def watch(clock) -> JoinWatch:
    return JoinWatch(clock=lambda: clock[0])


def test_a_room_on_one_wifi_joining_in_a_minute_is_no_warning(watch: JoinWatch, clock) -> None:
    for _ in range(BURST):  # 30 phones behind one address within one minute
        watch.joined(1, "10.0.0.1")
        clock[0] += WINDOW / BURST * 0.9
    assert watch.bursts(1) == []


def test_more_than_a_room_in_a_minute_from_one_address_is_a_warning(watch: JoinWatch, clock) -> None:
    for _ in range(BURST + 1):
        watch.joined(1, "10.0.0.1")
        clock[0] += 0.01
    watch.joined(1, "10.0.0.2")  # another address: counted on its own
    (burst,) = watch.bursts(1)
    assert (burst.most_in_window, burst.total) == (BURST + 1, BURST + 1)
    assert watch.bursts(2) == []  # another workshop: nothing
    clock[0] += 3600  # the warning stays for the facilitator, with the count growing
    watch.joined(1, "10.0.0.1")
    assert [(b.most_in_window, b.total) for b in watch.bursts(1)] == [(BURST + 1, BURST + 2)]


def test_the_same_joins_spread_over_more_than_a_minute_are_no_warning(watch: JoinWatch, clock) -> None:
    for _ in range(3 * BURST):  # a big hall, one address, steadily: 90 joins in three minutes
        watch.joined(1, "10.0.0.1")
        clock[0] += WINDOW / BURST * 1.05
    assert watch.bursts(1) == []


def test_memory_stays_bounded(watch: JoinWatch) -> None:
    for n in range(3 * watch.max_sources):
        watch.joined(1, f"10.{n // 65536}.{n // 256 % 256}.{n % 256}")
    assert len(watch._sources) == watch.max_sources
