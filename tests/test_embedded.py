"""The embedded store's adapter: writes are atomic, as single-document writes are on MongoDB."""
import copy
import threading

import pytest

from application.embedded.engine import EmbeddedClient, EmbeddedCollection, EmbeddedDatabase
from tests.conftest import REAL_SERVER

pytestmark = pytest.mark.skipif(REAL_SERVER, reason="checks the in-memory store itself")


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


# --- the adapter answers exactly what the engine answers -----------------------------------------

import mongomock_ng  # noqa: E402
from bson import ObjectId  # noqa: E402

from application.courses import pipelines as courses  # noqa: E402
from application.courses.terms import chronological  # noqa: E402
from application.discussion import pipelines as discussion  # noqa: E402
from application.enrollment import pipelines as enrollment  # noqa: E402
from application.seeding.reader import read_file  # noqa: E402
from tests.conftest import ROOT_DATA  # noqa: E402

COLLECTIONS = {"user": "users.json", "course": "courses.json", "enrollment": "enrollments.json",
               "post": "posts.json"}
INDEXES = {"user": [[("user_id", 1)], [("email", 1)]], "course": [[("courseID", 1)], [("term", 1), ("courseID", 1)]],
           "enrollment": [[("user_id", 1), ("courseID", 1)], [("courseID", 1)]],
           "post": [[("courseID", 1), ("created_at", -1)], [("user_id", 1), ("created_at", -1)]]}


@pytest.fixture(scope="module")
def both():
    """The demo data in the plain engine and in the adapted one, with the app's indexes."""
    records = {name: read_file(ROOT_DATA / filename).records for name, filename in COLLECTIONS.items()}
    for docs in records.values():
        for doc in docs:
            doc.setdefault("_id", ObjectId())
    stores = (mongomock_ng.MongoClient().demo, EmbeddedClient("mongodb://localhost/demo").demo)
    for db in stores:
        for name, docs in records.items():
            for keys in INDEXES[name]:
                db[name].create_index(keys, unique=keys == [("user_id", 1)] or keys == [("email", 1)])
            db[name].insert_many([dict(doc) for doc in docs])
    return stores


def _same(both, collection, pipeline):
    plain, adapted = both
    expected = list(plain[collection].aggregate(pipeline))
    assert list(adapted[collection].aggregate(pipeline)) == expected
    assert list(adapted[collection].aggregate(pipeline)) == expected  # again: from the rows it kept
    return expected


def _busiest(both):
    rows = list(both[0].enrollment.aggregate([{"$group": {"_id": "$user_id", "n": {"$sum": 1}}},
                                              {"$sort": {"n": -1, "_id": 1}}, {"$limit": 1}]))
    return rows[0]["_id"]


@pytest.mark.parametrize("term", ["Spring 2026", "Fall 2026", "Winter 1999"])
@pytest.mark.parametrize("query,skip", [("", 0), ("", 12), ("calc", 0), ("intro", 0), ("zzz", 0)])
def test_catalog_pipelines_match_the_engine(both, term, query, skip):
    rows = _same(both, "course", courses.catalog_pipeline(term, query, skip, 12))
    assert not any(field in row for row in rows for field in courses.SEAT_FIELDS)
    for db in both:
        assert db.course.count_documents(courses.catalog_match(term, query)) == \
            both[0].course.count_documents(courses.catalog_match(term, query))


def test_every_other_pipeline_of_the_app_matches_the_engine(both):
    plain = both[0]
    terms = chronological(plain.course.distinct("term"))
    users = [_busiest(both), 2, 3, 200, 9999]
    course_ids = [doc["courseID"] for doc in plain.course.find({}, {"courseID": 1}).limit(8)] + ["NOPE"]
    checked = 0
    for user_id in users:
        assert _same(both, "enrollment", enrollment.student_enrollments_pipeline(user_id, terms)) is not None
        _same(both, "enrollment", enrollment.student_enrollments_pipeline(user_id, terms, taught_by=3))
        _same(both, "post", discussion.user_posts_pipeline(user_id, 0, 10))
        _same(both, "user", discussion.home_feed_pipeline(user_id, 0, 8))
        checked += 4
    for course_id in course_ids:
        _same(both, "course", courses.course_detail_pipeline(course_id))
        for skip in (0, 10):
            _same(both, "post", discussion.course_posts_pipeline(course_id, skip, 10))
        checked += 3
    counts = _same(both, "enrollment", enrollment.enrollment_counts_pipeline())
    assert sum(row["n"] for row in counts) == plain.enrollment.count_documents({}) and checked == 47


@pytest.mark.parametrize("collection,query", [
    ("enrollment", {"user_id": 57}), ("enrollment", {"courseID": "CS101-F26"}),
    ("enrollment", {"user_id": 57, "courseID": {"$in": ["CS101-F26", "MATH110-F26", "X"]}}),
    ("enrollment", {"courseID": {"$in": []}}), ("enrollment", {"user_id": {"$eq": 57}}),
    ("enrollment", {"user_id": {"$gt": 500}}), ("enrollment", {"user_id": 57.0}), ("enrollment", {"user_id": "57"}),
    ("enrollment", {"user_id": None}), ("user", {"email": "admin@example.edu"}), ("user", {"role": "admin"}),
    ("course", {"term": "Fall 2026", "capacity": {"$lt": 20}}), ("course", {"$or": [{"term": "Fall 2026"}]}),
    ("course", {"courseID": {"$regex": "^CS"}}), ("post", {"courseID": "NOPE"}), ("post", {"user_id": 3}),
])
def test_finds_match_the_engine(both, collection, query):
    plain, adapted = both
    assert list(adapted[collection].find(query)) == list(plain[collection].find(query))
    assert adapted[collection].count_documents(query) == plain[collection].count_documents(query)


def test_the_index_follows_inserts_updates_and_deletes():
    db = EmbeddedClient("mongodb://localhost/follow").follow
    db.e.create_index([("user_id", 1), ("courseID", 1)], unique=True)
    db.e.insert_many([{"user_id": i, "courseID": "A"} for i in range(5)])
    assert [d["user_id"] for d in db.e.find({"courseID": "A"})] == [0, 1, 2, 3, 4]
    db.e.update_one({"user_id": 2}, {"$set": {"user_id": 20}})
    assert db.e.count_documents({"user_id": 20}) == 1 and db.e.count_documents({"user_id": 2}) == 0
    db.e.delete_one({"user_id": 3})
    assert db.e.count_documents({"user_id": 3}) == 0 and db.e.count_documents({"courseID": "A"}) == 4
    db.e.update_one({"user_id": 9}, {"$set": {"courseID": "B"}}, upsert=True)
    assert db.e.find_one({"user_id": 9})["courseID"] == "B"
    with pytest.raises(Exception, match="E11000"):
        db.e.insert_one({"user_id": 0, "courseID": "A"})
    db.e.insert_one({"user_id": 0, "courseID": "B"})
    db.drop_collection("e")
    assert db.e.count_documents({"user_id": 0}) == 0


def test_inserts_keep_the_index_instead_of_rebuilding_it():
    from application.embedded.engine import _INDEXES

    db = EmbeddedClient("mongodb://localhost/keep").keep
    db.e.create_index([("user_id", 1), ("courseID", 1)], unique=True)
    db.e.insert_one({"user_id": 1, "courseID": "A"})
    assert db.e.count_documents({"user_id": 1}) == 1
    index = _INDEXES[db.e._store]
    db.e.insert_one({"user_id": 2, "courseID": "A"})
    db.e.update_one({"user_id": 2}, {"$inc": {"seen": 1}})
    assert _INDEXES[db.e._store] is index and db.e.count_documents({"user_id": 2, "seen": 1}) == 1
    db.e.update_one({"user_id": 2}, {"$set": {"user_id": 3}})
    assert _INDEXES.get(db.e._store) is not index and db.e.count_documents({"user_id": 3}) == 1


MIXED = [True, False, None, 1, 0, "true", [True], [False], {"a": 1}, "MISSING"]


@pytest.mark.parametrize("query", [
    {"term": "T", "archived": {"$ne": True}}, {"term": "T", "archived": {"$ne": False}},
    {"term": "T", "archived": True}, {"term": "T", "archived": False}, {"term": "T", "archived": "true"},
    {"term": "T", "archived": {"$ne": "true"}}, {"term": "T", "archived": {"$ne": None}},
    {"term": "T", "archived": {"$ne": 1}}, {"term": {"$ne": "U"}, "archived": {"$ne": True}},
    {"courseID": {"$in": ["C1", "C4", "C9", "C99"]}}, {"courseID": {"$in": []}},
    {"term": {"$in": ["T"]}, "archived": {"$in": [True, "true"]}}, {"archived": {"$in": [False, None]}},
    {"archived": {"$in": [1]}}, {"archived": {"$in": [[True]]}}, {"term": "T", "archived": {"$in": ["MISSING"]}},
])
def test_quick_conditions_answer_as_the_engine_does_for_every_type(query):
    """Equality, $ne and $in on strings and booleans are decided without the engine only when certain."""
    plain = mongomock_ng.MongoClient().probe.course
    adapted = EmbeddedClient("mongodb://localhost/probe-quick").probe.course
    for collection in (plain, adapted):
        collection.create_index([("term", 1), ("courseID", 1)])
        for number, value in enumerate(MIXED):
            document = {"courseID": f"C{number}", "term": "T" if number % 3 else "U"}
            if value != "MISSING":
                document["archived"] = value
            collection.insert_one(document)
    expected = [doc["courseID"] for doc in plain.find(query)]
    assert [doc["courseID"] for doc in adapted.find(query)] == expected
    assert adapted.count_documents(query) == len(expected)


@pytest.mark.parametrize("skip,limit", [(0, 0), (2, 3), (0, -2), (5, 0), (500, 2)])
def test_the_cursor_hands_out_what_the_engines_does(both, skip, limit):
    plain, adapted = both
    query = {"courseID": {"$regex": "^CS"}}
    assert list(adapted.course.find(query, skip=skip, limit=limit)) == \
        list(plain.course.find(query, skip=skip, limit=limit))
    cursor = adapted.course.find(query).skip(skip).limit(limit)
    first = next(cursor, None)
    handed_out = [first, *cursor] if first is not None else []
    assert handed_out == list(plain.course.find(query).skip(skip).limit(limit))


PROJECTIONS = [None, {}, {"_id": 0}, {"_id": 1}, {"courseID": 1}, {"courseID": 1, "_id": 0}, {"courseID": 1, "_id": 1},
               {"courseID": True, "credits": 1}, {"description": 0}, {"description": 0, "_id": 0},
               {"description": False, "_id": 1}, {"meetings": 1, "missing": 1}, {"meetings.days": 1},
               {"courseID": 1, "credits": 0}, {"title": {"$slice": 1}}]


@pytest.mark.parametrize("projection", PROJECTIONS)
@pytest.mark.parametrize("query", [{"term": "Fall 2026"}, {"courseID": {"$in": ["CS101-F26", "MATH110-F26", "NOPE"]}},
                                   {"term": "Fall 2026", "credits": 4}, {"instructor_id": 3},
                                   {"term": {"$ne": "Fall 2026"}, "archived": {"$ne": True}}])
def test_plain_reads_hand_out_what_the_engine_does_field_by_field(both, query, projection):
    """Same documents, same order, same fields in the same order (or the same error)."""
    plain, adapted = both

    def read(db, how):
        fields = copy.deepcopy(projection)  # the engine writes into the projection it is given
        try:
            if how == "one":
                found = db.course.find_one(query, projection=fields)
                return [list(found.items())] if found else []
            return [list(doc.items()) for doc in db.course.find(query, fields)]
        except Exception as exc:  # the engine refuses some projections: so must the adapter
            return type(exc)

    for how in ("many", "one"):
        assert read(adapted, how) == read(plain, how)


def test_a_plain_read_never_shares_its_documents_with_the_store(both):
    _, adapted = both
    first = adapted.course.find_one({"courseID": "CS101-F26"})
    first["meetings"].append("changed")
    first["title"] = "changed"
    again = adapted.course.find_one({"courseID": "CS101-F26"})
    assert again["title"] != "changed" and "changed" not in again["meetings"]


@pytest.mark.parametrize("pipeline", [
    [{"$match": {"user_id": 99999}}, {"$lookup": {"from": "course", "localField": "courseID", "foreignField": "courseID",
                                                  "as": "course"}}, {"$unwind": "$course"}, {"$sort": {"courseID": 1}}],
    [{"$match": {"user_id": 99999}}, {"$count": "n"}],
    [{"$match": {"user_id": 99999}}, {"$group": {"_id": None, "n": {"$sum": 1}}}],
    [{"$match": {"user_id": 99999}}, {"$facet": {"all": [{"$limit": 1}]}}],
    [{"$match": {"user_id": 57}}, {"$project": {"twice": ["$courseID", "$courseID"], "user_id": 1}},
     {"$unwind": "$twice"}],
])
def test_pipelines_over_nothing_or_repeated_elements_match_the_engine(both, pipeline):
    _same(both, "enrollment", pipeline)
