"""The embedded store's adapter: writes are atomic, as single-document writes are on MongoDB."""
import sys
import threading

import pytest

from application.embedded import EmbeddedClient, EmbeddedCollection, EmbeddedDatabase
from tests.conftest import REAL_SERVER

pytestmark = pytest.mark.skipif(REAL_SERVER, reason="checks the in-memory store itself")


@pytest.fixture
def busy_switching():
    """Let threads switch as often as possible, so that any non-atomic step shows."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


def test_every_collection_handed_out_is_the_atomic_one():
    client = EmbeddedClient("mongodb://localhost/probe")
    assert type(client.probe) is EmbeddedDatabase and type(client["probe"]["c"]) is EmbeddedCollection
    assert type(client.probe.c.with_options(write_concern=None)) is EmbeddedCollection


def test_a_conditional_update_takes_the_last_seat_once(busy_switching):
    seats = EmbeddedClient("mongodb://localhost/probe").probe.course
    seats.insert_one({"courseID": "T", "enrolled": 0, "capacity": 5})
    for _ in range(10):
        seats.update_one({"courseID": "T"}, {"$set": {"enrolled": 0}})
        won = []

        def take():
            won.append(seats.find_one_and_update({"courseID": "T", "$expr": {"$lt": ["$enrolled", "$capacity"]}},
                                                 {"$inc": {"enrolled": 1}}) is not None)

        threads = [threading.Thread(target=take) for _ in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sum(won) == 5 and seats.find_one()["enrolled"] == 5
