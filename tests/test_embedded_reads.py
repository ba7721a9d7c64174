"""The embedded store answers a plain read again from copies of its last results until the collection is written."""
import threading

import mongomock_ng
import pytest
from pymongo import InsertOne, ReturnDocument, UpdateOne

from application.embedded.engine import EmbeddedClient
from tests.conftest import REAL_SERVER

pytestmark = pytest.mark.skipif(REAL_SERVER, reason="checks the in-memory store itself")


@pytest.fixture
def courses():
    """An adapted collection of three courses with the app's courseID index."""
    collection = EmbeddedClient("mongodb://localhost/reads").reads.course
    collection.drop()
    collection.create_index([("courseID", 1)], unique=True)
    collection.insert_many([{"courseID": f"C{n}", "enrolled": n, "meetings": [{"days": ["Mon"]}]} for n in range(3)])
    return collection


def _seats(collection):
    return {row["courseID"]: row["enrolled"] for row in collection.find({"courseID": {"$in": ["C0", "C1", "C2"]}},
                                                                          {"_id": 0, "courseID": 1, "enrolled": 1})}


def test_a_repeated_read_hands_out_equal_documents_that_are_its_own(courses):
    first = courses.find_one({"courseID": "C1"})
    first["meetings"][0]["days"].append("Tue")
    first["enrolled"] = 99
    again = courses.find_one({"courseID": "C1"})
    assert again["enrolled"] == 1 and again["meetings"] == [{"days": ["Mon"]}]
    assert list(courses.find({"courseID": "C1"})) == [again]


WRITES = {
    "insert_one": lambda c: c.insert_one({"courseID": "C9", "enrolled": 9}),
    "insert_many": lambda c: c.insert_many([{"courseID": "C9", "enrolled": 9}]),
    "update_one": lambda c: c.update_one({"courseID": "C1"}, {"$inc": {"enrolled": 10}}),
    "update_many": lambda c: c.update_many({}, {"$inc": {"enrolled": 10}}),
    "upsert": lambda c: c.update_one({"courseID": "C9"}, {"$set": {"enrolled": 9}}, upsert=True),
    "replace_one": lambda c: c.replace_one({"courseID": "C1"}, {"courseID": "C1", "enrolled": 11}),
    "delete_one": lambda c: c.delete_one({"courseID": "C1"}),
    "delete_many": lambda c: c.delete_many({"enrolled": {"$gte": 1}}),
    "find_one_and_update": lambda c: c.find_one_and_update({"courseID": "C1"}, {"$inc": {"enrolled": 10}}),
    "find_one_and_delete": lambda c: c.find_one_and_delete({"courseID": "C1"}),
    "find_one_and_replace": lambda c: c.find_one_and_replace({"courseID": "C1"}, {"courseID": "C1", "enrolled": 11}),
    "bulk_write": lambda c: c.bulk_write([UpdateOne({"courseID": "C1"}, {"$inc": {"enrolled": 10}}),
                                          InsertOne({"courseID": "C9", "enrolled": 9})]),
    "drop": lambda c: c.drop(),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_kind_of_write_shows_at_the_next_read(courses, write):
    plain_query = {"courseID": {"$in": ["C0", "C1", "C2", "C9"]}}
    before = list(courses.find(plain_query, {"_id": 0}))
    assert list(courses.find(plain_query, {"_id": 0})) == before
    WRITES[write](courses)
    after = list(courses.find(plain_query, {"_id": 0}))
    assert after == [{key: value for key, value in doc.items() if key != "_id"}
                     for doc in courses.find({}, sort=[("_id", 1)]) if doc["courseID"] in {"C0", "C1", "C2", "C9"}]
    assert after != before


def test_the_engine_s_own_reads_within_a_write_are_not_remembered(courses):
    """find_one_and_update reads the document, changes it and reads it again: each call sees the last."""
    counters = courses.database.counter
    values = [counters.find_one_and_update({"_id": "seq"}, {"$inc": {"n": 1}}, upsert=True,
                                           return_document=ReturnDocument.AFTER)["n"] for _ in range(5)]
    assert values == [1, 2, 3, 4, 5] and counters.find_one({"_id": "seq"})["n"] == 5


def test_a_read_never_sees_an_older_value_than_the_last_write(courses, busy_switching):
    stop, seen, errors = threading.Event(), [], []

    def write():
        for _ in range(300):
            courses.update_one({"courseID": "C0"}, {"$inc": {"enrolled": 1}})
        stop.set()

    def read():
        last = -1
        while not stop.is_set():
            value = _seats(courses)["C0"]
            if value < last:
                errors.append((last, value))
            last = value
            seen.append(value)

    threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and _seats(courses)["C0"] == 300 and seen


def test_reads_that_differ_only_in_a_value_s_type_are_never_confused():
    plain = mongomock_ng.MongoClient().probe.values
    adapted = EmbeddedClient("mongodb://localhost/reads").reads.values
    adapted.drop()
    adapted.create_index([("n", 1)])
    rows = [{"_id": n, "courseID": f"V{n}", "n": value} for n, value in enumerate((5, 5.0, True, "5", 1, None))]
    plain.insert_many([dict(row) for row in rows])
    adapted.insert_many([dict(row) for row in rows])
    queries = [{"n": 5}, {"n": 5.0}, {"n": True}, {"n": "5"}, {"n": 1}, {"n": None}, {"n": {"$in": [1, "5"]}},
               {"n": {"$ne": 5}}]
    for _ in range(2):  # the second round is answered from what the first remembered
        for query in queries:
            assert list(adapted.find(query, {"_id": 1})) == list(plain.find(query, {"_id": 1})), query
            assert adapted.find_one(query) == plain.find_one(query), query


# --- pipelines: kept while nothing they read is written ----------------------------------------------

from application.embedded.remembered import remembered, sources  # noqa: E402

JOINED = [{"$match": {"courseID": {"$in": ["C0", "C1"]}}},
          {"$lookup": {"from": "teacher", "localField": "courseID", "foreignField": "courseID", "as": "teachers"}},
          {"$project": {"_id": 0, "courseID": 1, "enrolled": 1, "teachers.name": 1}}, {"$sort": {"courseID": 1}}]


@pytest.fixture
def joined(courses):
    """The courses collection with a second collection its pipeline joins."""
    teachers = courses.database.teacher
    teachers.drop()
    teachers.create_index([("courseID", 1)])
    teachers.insert_many([{"courseID": "C0", "name": "Ada"}, {"courseID": "C1", "name": "Alan"}])
    return courses, teachers


def test_a_pipeline_is_answered_again_until_a_collection_it_reads_is_written(joined):
    courses, teachers = joined
    first = list(courses.aggregate(JOINED))
    assert first == [{"courseID": "C0", "enrolled": 0, "teachers": [{"name": "Ada"}]},
                     {"courseID": "C1", "enrolled": 1, "teachers": [{"name": "Alan"}]}]
    first[0]["teachers"][0]["name"] = "changed by a caller"
    assert list(courses.aggregate(JOINED))[0]["teachers"] == [{"name": "Ada"}]
    teachers.update_one({"courseID": "C0"}, {"$set": {"name": "Grace"}})
    assert list(courses.aggregate(JOINED))[0]["teachers"] == [{"name": "Grace"}]
    courses.update_one({"courseID": "C1"}, {"$inc": {"enrolled": 5}})
    assert list(courses.aggregate(JOINED))[1]["enrolled"] == 6


def test_a_pipeline_run_while_a_write_came_in_is_not_kept(joined):
    courses, teachers = joined
    runs = []

    def run_with_a_write():
        runs.append(1)
        rows = [{"n": len(runs)}]
        teachers.insert_one({"courseID": "C9", "name": "Meanwhile"})
        return rows

    assert remembered(courses, JOINED, run_with_a_write) == [{"n": 1}]
    assert remembered(courses, JOINED, lambda: [{"n": "ran again"}]) == [{"n": "ran again"}]


@pytest.mark.parametrize("pipeline", [
    [{"$sample": {"size": 1}}],
    [{"$addFields": {"at": "$$NOW"}}],
    [{"$match": {"$expr": {"$gt": [{"$rand": {}}, 0.5]}}}],
    [{"$match": {}}, {"$out": "elsewhere"}],
    [{"$lookup": {"from": "teacher", "pipeline": [{"$merge": "x"}], "as": "t"}}],
])
def test_pipelines_whose_answer_changes_by_itself_always_run(pipeline):
    assert sources(pipeline) is None


def test_the_sources_of_a_pipeline_are_every_collection_it_reads():
    pipeline = [{"$lookup": {"from": "user", "localField": "a", "foreignField": "b", "as": "u"}},
                {"$facet": {"x": [{"$lookup": {"from": "post", "pipeline": [
                    {"$lookup": {"from": "follow", "localField": "c", "foreignField": "d", "as": "f"}}], "as": "p"}}]}},
                {"$unionWith": {"coll": "waitlist"}}, {"$graphLookup": {"from": "course", "startWith": "$e",
                                                                         "connectFromField": "e", "connectToField": "f",
                                                                         "as": "g"}}]
    assert sources(pipeline) == ["course", "follow", "post", "user", "waitlist"]


def test_a_kept_pipeline_never_answers_older_than_the_last_write(joined, busy_switching):
    courses, _ = joined
    stop, errors = threading.Event(), []

    def write():
        for _ in range(200):
            courses.update_one({"courseID": "C1"}, {"$inc": {"enrolled": 1}})
        stop.set()

    def read():
        last = -1
        while not stop.is_set():
            value = list(courses.aggregate(JOINED))[1]["enrolled"]
            if value < last:
                errors.append((last, value))
            last = value

    threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and list(courses.aggregate(JOINED))[1]["enrolled"] == 201
