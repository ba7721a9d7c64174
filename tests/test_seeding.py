"""flask seed: validation before writing, mongoimport's modes, idempotency and seat counts."""
import json
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

from application.accounts.models import User
from application.courses.models import Course
from application.discussion.models import Post
from application.documents import DOCUMENTS
from application.enrollment.models import Enrollment
from application.seeding import SeedError, seed_directory
from application.seeding.export import export_directory

HASH = generate_password_hash("demo-password")
ROOT = Path(__file__).resolve().parent.parent


def user(uid, **extra):
    return {"user_id": uid, "email": f"u{uid}@example.edu", "first_name": "U", "last_name": str(uid),
            "password": HASH, **extra}


def course(cid, capacity=3, **extra):
    return {"courseID": cid, "title": f"Course {cid}", "credits": 3, "term": "Fall 2026", "capacity": capacity,
            **extra}


POST_ID = {"$oid": "65f000000000000000000001"}
BASE = {
    "users.json": [user(1), user(2), user(3, role="instructor")],
    "courses.json": [course("CS101", instructor_id=3), course("MATH110", capacity=1)],
    "enrollments.json": [{"user_id": 1, "courseID": "CS101", "created_at": {"$date": "2026-08-01T10:00:00Z"}},
                         {"user_id": 2, "courseID": "CS101"}, {"user_id": 1, "courseID": "MATH110"}],
    "posts.json": [{"_id": POST_ID, "courseID": "CS101", "user_id": 1, "title": "Hi", "body": "Hello",
                    "created_at": {"$date": "2026-09-01T00:00:00Z"}}],
}


def write(directory, files):
    directory.mkdir(parents=True, exist_ok=True)
    for name, records in files.items():
        text = records if isinstance(records, str) else json.dumps(records)
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def snapshot():
    return {d._get_collection_name(): sorted(map(repr, d._get_collection().find({}, {"_id": 0})))
            for d in DOCUMENTS if d._get_collection_name() not in ("counter", "stamp")}


@pytest.fixture
def base_dir(tmp_path):
    return write(tmp_path / "base", BASE)


def test_seed_loads_everything_and_counts_seats(app, base_dir):
    report = seed_directory(base_dir)
    assert report.counts["user"]["inserted"] == 3 and report.counts["enrollment"]["inserted"] == 3
    assert Course.objects.get(courseID="CS101").enrolled == 2 and Course.objects.get(courseID="MATH110").enrolled == 1
    assert User.objects.get(user_id=3).role == "instructor" and User.objects.get(user_id=1).role == "student"
    assert Post.objects.get().created_at.year == 2026


def test_seed_twice_changes_nothing(app, base_dir):
    seed_directory(base_dir)
    before = snapshot()
    for mode in ("insert", "upsert", "merge"):
        report = seed_directory(base_dir, mode=mode)
        assert all(c["inserted"] == c["updated"] == 0 for c in report.counts.values())
        assert report.counts["enrollment"]["unchanged"] == 3
    assert snapshot() == before


def test_stream_shape_and_bom_load(app, tmp_path):
    files = {name: "\ufeff" + "\n".join(json.dumps(r) for r in records) for name, records in BASE.items()}
    seed_directory(write(tmp_path / "stream", files))
    assert Enrollment.objects.count() == 3


def test_insert_mode_leaves_changed_records_and_says_so(app, base_dir, tmp_path):
    seed_directory(base_dir)
    changed = dict(BASE, **{"courses.json": [course("CS101", title="Renamed", instructor_id=3), course("MATH110", 1)]})
    report = seed_directory(write(tmp_path / "changed", changed))
    assert report.counts["course"]["rejected"] == 1
    assert Course.objects.get(courseID="CS101").title == "Course CS101"
    assert any("insert mode leaves it" in note for note in report.notes)


def test_upsert_replaces_whole_documents(app, base_dir, tmp_path):
    seed_directory(base_dir)
    changed = {"courses.json": [{"courseID": "CS101", "title": "Renamed", "credits": 4, "term": "Fall 2026",
                                 "capacity": 5}]}
    report = seed_directory(write(tmp_path / "up", changed), mode="upsert", only={"course"})
    stored = Course.objects.get(courseID="CS101")
    assert report.counts["course"] == {"inserted": 0, "updated": 1, "unchanged": 0, "rejected": 0}
    assert (stored.title, stored.credits, stored.instructor_id, stored.enrolled) == ("Renamed", 4, None, 2)


def test_merge_sets_only_given_fields(app, base_dir, tmp_path):
    seed_directory(base_dir)
    changed = {"courses.json": [{"courseID": "CS101", "title": "Merged", "credits": 3, "term": "Fall 2026",
                                 "capacity": 3}]}
    seed_directory(write(tmp_path / "merge", changed), mode="merge", only={"course"})
    stored = Course.objects.get(courseID="CS101")
    assert stored.title == "Merged" and stored.instructor_id == 3


def test_drop_replaces_the_collection_and_keeps_indexes(app, base_dir, tmp_path):
    seed_directory(base_dir)
    smaller = {"posts.json": []}
    seed_directory(write(tmp_path / "drop", smaller), drop=True, only={"post"})
    assert Post.objects.count() == 0 and User.objects.count() == 3
    indexes = Post._get_collection().index_information()
    assert any(spec["key"][0][0] == "courseID" for spec in indexes.values())


def test_drop_keeps_unique_indexes_enforced(app, base_dir):
    from mongoengine.errors import NotUniqueError

    seed_directory(base_dir, drop=True)
    with pytest.raises(NotUniqueError):
        Enrollment(user_id=1, courseID="CS101").save()


def test_only_loads_the_named_collections(app, base_dir):
    seed_directory(base_dir, only={"user"})
    assert User.objects.count() == 3 and Course.objects.count() == 0


def test_missing_file_is_a_note(app, tmp_path):
    report = seed_directory(write(tmp_path / "part", {"users.json": BASE["users.json"]}))
    assert any("courses.json: not in" in note for note in report.notes)


BROKEN = [
    ("users.json", [user(1), user(2), user(3, role="instructor"), {**user(4), "password": "plaintext"}],
     "users.json: record 4: password: is not a werkzeug password hash"),
    ("users.json", [{**user(1), "id": 1}], "users.json: record 1: id: unknown field"),
    ("users.json", [user(1), user(1)], "users.json: record 2: user_id: duplicate of record 1"),
    ("users.json", [user(1, role="wizard")], "users.json: record 1: role:"),
    ("users.json", [{**user(1), "email": "U1@Example.edu"}], "email: must be lower-case"),
    ("users.json", [user(1), {**user(2), "email": "u1@example.edu"}], "is already used by user_id=1"),
    ("users.json", [{**user(1), "user_id": "1"}], "user_id: must be a whole number, got str '1'"),
    ("users.json", [{k: v for k, v in user(1).items() if k != "email"}], "email: Field is required"),
    ("courses.json", [course("CS101", credits="3")], 'credits: must be a whole number, got str \'3\': write 3, not "3"'),
    ("courses.json", [course(101)], "courseID: must be a string, got int 101"),
    ("courses.json", [course("CS101", capacity=0)], "capacity:"),
    ("courses.json", [course("CS101", credits=3.0)], "credits: must be a whole number, got float"),
    ("courses.json", [course("CS101", instructor_id=99)], "instructor_id: no user with instructor_id 99"),
    ("enrollments.json", [{"user_id": 9, "courseID": "CS101"}], "enrollments.json: record 1: user_id: no user"),
    ("enrollments.json", [{"user_id": 1, "courseID": "NOPE"}], "courseID: no course with courseID 'NOPE'"),
    ("enrollments.json", [{"user_id": 1, "courseID": "MATH110"}, {"user_id": 2, "courseID": "MATH110"}],
     "course 'MATH110' would hold 2 enrollments but has capacity 1"),
    ("enrollments.json", '[{"user_id": 1, "courseID": "CS101"}, {"user_id": 2 "courseID": "CS101"}]',
     "enrollments.json: record 2: invalid JSON at line 1, column 53"),
    ("enrollments.json", [{"user_id": 1, "courseID": {"$gt": ""}}], "courseID: must be a string, got dict"),
    ("posts.json", [{"courseID": "CS101", "user_id": 1, "title": "t", "body": "b"}], "_id: is required for posts"),
    ("posts.json", [{"_id": POST_ID, "courseID": "CS101", "user_id": 1, "title": " ", "body": "b"}],
     "title: Give your post a title."),
    ("posts.json", [{"_id": "abc", "courseID": "CS101", "user_id": 1, "title": "t", "body": "b"}],
     "_id: must be an ObjectId"),
]


@pytest.mark.parametrize("filename,records,message", BROKEN, ids=[m[:40] for _, _, m in BROKEN])
def test_broken_files_write_nothing(app, base_dir, tmp_path, filename, records, message):
    seed_directory(base_dir)
    before = snapshot()
    broken = write(tmp_path / "broken", dict(BASE, **{filename: records}))
    with pytest.raises(SeedError) as info:
        seed_directory(broken, mode="upsert")
    assert message in info.value.render()
    assert "nothing was written" in info.value.render()
    assert snapshot() == before


def test_broken_file_on_empty_database_writes_nothing(app, tmp_path):
    broken = write(tmp_path / "b", dict(BASE, **{"posts.json": [{"_id": POST_ID, "courseID": "X", "user_id": 1,
                                                                  "title": "t", "body": "b"}]}))
    with pytest.raises(SeedError):
        seed_directory(broken)
    assert all(not rows for rows in snapshot().values())


def test_at_most_twenty_problem_lines(app, tmp_path):
    many = write(tmp_path / "many", {"users.json": [{**user(i), "password": "plain"} for i in range(1, 31)]})
    with pytest.raises(SeedError) as info:
        seed_directory(many)
    lines = info.value.render().splitlines()
    assert len(lines) == 22 and lines[20] == "... and 10 more problems"


def test_references_may_point_into_the_database(app, base_dir, tmp_path):
    seed_directory(base_dir)
    more = write(tmp_path / "more", {"enrollments.json": [{"user_id": 3, "courseID": "CS101"}]})
    seed_directory(more, only={"enrollment"})
    assert Course.objects.get(courseID="CS101").enrolled == 3


def test_capacity_counts_existing_enrollments(app, base_dir, tmp_path):
    seed_directory(base_dir)
    more = write(tmp_path / "more", {"enrollments.json": [{"user_id": 2, "courseID": "MATH110"}]})
    with pytest.raises(SeedError, match="MATH110"):
        seed_directory(more)


@pytest.mark.parametrize("args", [{"mode": "replace"}, {"only": {"students"}}])
def test_bad_options(app, base_dir, args):
    with pytest.raises(SeedError):
        seed_directory(base_dir, **args)


def test_not_a_directory(app, tmp_path):
    with pytest.raises(SeedError, match="is not a directory"):
        seed_directory(tmp_path / "nope")


def test_export_then_seed_round_trips(app, base_dir, tmp_path):
    seed_directory(base_dir)
    before = snapshot()
    export_directory(tmp_path / "out")
    exported = json.loads((tmp_path / "out" / "posts.json").read_text())
    assert exported[0]["_id"] == POST_ID and exported[0]["created_at"] == {"$date": "2026-09-01T00:00:00Z"}
    report = seed_directory(tmp_path / "out", mode="upsert")
    assert all(c["inserted"] == c["updated"] == 0 for c in report.counts.values())
    for doc in DOCUMENTS:
        doc._get_collection().delete_many({})
    seed_directory(tmp_path / "out")
    assert snapshot() == before


def test_large_load_into_embedded_store_keeps_unique_indexes(app, tmp_path):
    users = [user(i) for i in range(1, 1201)]
    courses = [course(f"C{i}", capacity=50) for i in range(30)]
    enrollments = [{"user_id": u, "courseID": f"C{u % 30}"} for u in range(1, 1201)]
    seed_directory(write(tmp_path / "big", {"users.json": users, "courses.json": courses,
                                            "enrollments.json": enrollments}))
    assert Enrollment.objects.count() == 1200
    from mongoengine.errors import NotUniqueError

    with pytest.raises(NotUniqueError):
        Enrollment(user_id=1, courseID="C1").save()


def test_committed_demo_data_loads(app):
    report = seed_directory(ROOT / "data")
    assert report.counts["course"]["inserted"] >= 100 and report.counts["user"]["inserted"] >= 500
    assert report.counts["enrollment"]["inserted"] >= 2000 and report.counts["post"]["inserted"] > 0


def test_a_date_without_time_zone_names_file_record_and_field_once(app, tmp_path):
    posts = [dict(BASE["posts.json"][0], created_at={"$date": "2026-09-01T00:00:00"})]
    with pytest.raises(SeedError) as info:
        seed_directory(write(tmp_path / "d", dict(BASE, **{"posts.json": posts})))
    first = info.value.render().splitlines()[0]
    assert first.startswith('posts.json: record 1: created_at: $date "2026-09-01T00:00:00" has no time zone')
    assert first.count("record 1") == 1


@pytest.mark.parametrize("weak", [generate_password_hash("x", method="pbkdf2:sha256:1"),
                                  generate_password_hash("x", method="pbkdf2:sha256:100000"),
                                  generate_password_hash("x", method="scrypt:1024:8:1"),
                                  generate_password_hash("x", method="pbkdf2:sha1:1000000")])
def test_weak_hashes_are_refused_with_the_rule_and_the_fix(app, tmp_path, weak):
    files = dict(BASE, **{"users.json": [user(1, password=weak), user(2), user(3, role="instructor")]})
    with pytest.raises(SeedError) as info:
        seed_directory(write(tmp_path / "d", files))
    line = info.value.render().splitlines()[0]
    assert line.startswith("users.json: record 1: password: is a weak") and "generate_password_hash" in line
    assert User.objects.count() == 0


def test_production_refuses_demo_accounts_unless_allowed(app, tmp_path):
    demo = generate_password_hash("student-pass-2026")
    files = dict(BASE, **{"users.json": [user(1, password=demo), user(2, password=demo),
                                         user(3, role="instructor")]})
    data = write(tmp_path / "d", files)
    with pytest.raises(SeedError) as info:
        seed_directory(data, allow_demo_users=False)
    assert "users.json: record 1: password: u1@example.edu has a published demo password" in info.value.render()
    assert "--allow-demo-users" in info.value.render() and User.objects.count() == 0
    assert seed_directory(data, allow_demo_users=True).counts["user"]["inserted"] == 3


def test_demo_check_costs_one_hash_check_per_shared_hash(monkeypatch):
    from application.seeding import demo

    calls = []
    monkeypatch.setattr(demo, "matches", lambda stored, password: calls.append(stored) or False)
    records = [(i, {"email": f"real{i}@university.edu", "password": f"scrypt:32768:8:1$salt{i}$" + "a" * 64})
               for i in range(1, 200)]
    records += [(300 + i, {"email": f"d{i}@example.edu", "password": HASH}) for i in range(50)]
    assert demo.demo_accounts(records) == []
    assert len(calls) == len(demo.DEMO_PASSWORDS)


def test_catalog_without_instructors(app, tmp_path):
    data = write(tmp_path / "d", {"courses.json": BASE["courses.json"]})
    with pytest.raises(SeedError, match="no user with instructor_id 3"):
        seed_directory(data, only={"course"})
    report = seed_directory(data, only={"course"}, without_instructors=True)
    assert Course.objects.count() == 2 and Course.objects(instructor_id__exists=True).count() == 0
    assert "1 course loaded without their instructor_id" in " ".join(report.notes)


TERM_2027 = {"name": "Spring 2027", "starts": {"$date": "2027-01-19T00:00:00Z"},
             "ends": {"$date": "2027-05-14T00:00:00Z"}, "registration_opens": {"$date": "2026-11-01T00:00:00Z"},
             "registration_closes": {"$date": "2027-01-29T00:00:00Z"}, "drop_deadline": {"$date": "2027-02-12T00:00:00Z"}}


def test_terms_meetings_prerequisites_and_waitlists_load(app, tmp_path):
    from application.courses.models import Term
    from application.enrollment.models import WaitlistEntry

    meets = [{"days": ["Tue", "Thu"], "start": "09:30", "end": "10:45", "room": "Hall 1"}]
    files = dict(BASE, **{
        "terms.json": [TERM_2027],
        "courses.json": BASE["courses.json"] + [course("CS201", meetings=meets, prerequisites=["CS101"],
                                                       term="Spring 2027")],
        "waitlist.json": [{"user_id": 2, "courseID": "MATH110", "created_at": {"$date": "2026-08-02T00:00:00Z"}},
                          {"user_id": 3, "courseID": "MATH110", "created_at": {"$date": "2026-08-01T00:00:00Z"}}],
    })
    report = seed_directory(write(tmp_path / "d", files))
    assert report.counts["term"]["inserted"] == 1 and Term.objects.get().name == "Spring 2027"
    cs201 = Course.objects.get(courseID="CS201")
    assert cs201.meetings[0].days == ["Tue", "Thu"] and cs201.prerequisites == ["CS101"]
    assert [e.user_id for e in WaitlistEntry.objects(courseID="MATH110").order_by("seq")] == [3, 2]
    assert Course.objects.get(courseID="MATH110").waiting == 2
    assert seed_directory(write(tmp_path / "d", files), mode="upsert").counts["waitlist"]["updated"] == 0


@pytest.mark.parametrize("bad,expected", [
    ({"drop_deadline": {"$date": "2027-06-01T00:00:00Z"}}, "terms.json: record 1: ends: must come after drop_deadline"),
    ({"registration_closes": {"$date": "2026-10-01T00:00:00Z"}},
     "terms.json: record 1: registration_closes: must come after registration_opens"),
    ({"starts": "2027-01-19"}, "terms.json: record 1: starts: must be a date"),
])
def test_term_dates_must_be_in_order(app, tmp_path, bad, expected):
    with pytest.raises(SeedError) as info:
        seed_directory(write(tmp_path / "d", {"terms.json": [dict(TERM_2027, **bad)]}))
    assert info.value.render().splitlines()[0].startswith(expected)


@pytest.mark.parametrize("meetings,expected", [
    ([{"days": ["Mon", "Funday"], "start": "09:00", "end": "10:00"}], "meetings.0.days: unknown day 'Funday'"),
    ([{"days": ["Mon"], "start": "10:00", "end": "09:00"}], "meetings.0.end: must be after start"),
    ([{"days": ["Mon"], "start": "9am", "end": "10:00"}], "meetings.0.start:"),
    ([{"days": ["Mon", "Mon"], "start": "09:00", "end": "10:00"}], "meetings.0.days: a day is named twice"),
])
def test_meetings_are_validated(app, tmp_path, meetings, expected):
    files = {"courses.json": [course("CS101", meetings=meetings)]}
    with pytest.raises(SeedError) as info:
        seed_directory(write(tmp_path / "d", files))
    assert f"courses.json: record 1: {expected}" in info.value.render()


def test_a_student_cannot_be_loaded_as_both_enrolled_and_waiting(app, tmp_path):
    files = dict(BASE, **{"waitlist.json": [{"user_id": 1, "courseID": "CS101"}]})
    with pytest.raises(SeedError, match="waitlist.json: record 1: courseID: user_id 1 is enrolled in CS101"):
        seed_directory(write(tmp_path / "d", files))
