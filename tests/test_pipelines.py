"""The pipeline builders (stage by stage) and their runners."""
from application.accounts import pipelines as accounts
from application.core import stages
from application.courses import pipelines as courses
from application.courses.models import Course
from application.discussion import pipelines as discussion
from application.enrollment import pipelines as enrollment


def test_every_page_pipeline_starts_with_an_indexed_match():
    builders = [
        (enrollment.student_enrollments_pipeline(7, ["Fall 2026"]), "enrollment", {"user_id": 7}),
        (courses.catalog_pipeline("Fall 2026", "", 0, 12), "course",
         {"term": "Fall 2026", "archived": {"$ne": True}}),
        (courses.course_detail_pipeline("CS101"), "course", {"courseID": "CS101"}),
        (discussion.course_posts_pipeline("CS101", 0, 10), "post", {"courseID": "CS101", "removed": {"$ne": True}}),
        (discussion.user_posts_pipeline(7, 0, 10, viewer_id=7), "post", {"user_id": 7}),
        (discussion.home_feed_pipeline(7, 0, 8), "user", {"user_id": 7}),
        (accounts.profile_pipeline(7, 3), "user", {"user_id": 7}),
        (accounts.follows_pipeline("followers", 7, 0, 20), "follow", {"followed_id": 7}),
        (accounts.follows_pipeline("following", 7, 0, 20), "follow", {"follower_id": 7}),
    ]
    for pipeline, _collection, match in builders:
        assert pipeline[0] == {"$match": match}


def test_student_enrollments_stages():
    stages = enrollment.student_enrollments_pipeline(3, ["Spring 2026", "Fall 2026"])
    assert [next(iter(s)) for s in stages] == ["$match", "$lookup", "$unwind", "$project", "$sort"]
    assert stages[1]["$lookup"] == {"from": "course", "localField": "courseID", "foreignField": "courseID",
                                    "as": "course"}
    assert stages[3]["$project"]["term"] == "$course.term"
    assert stages[4] == {"$sort": {"term_rank": 1, "courseID": 1}}
    ranks = stages[3]["$project"]["term_rank"]["$switch"]
    assert [b["then"] for b in ranks["branches"]] == [0, 1] and ranks["default"] == 2


def test_catalog_pipeline_escapes_search_pages_then_leaves_out_seat_counts():
    stages = courses.catalog_pipeline("Fall 2026", "c++ (intro)", 24, 12)
    match = stages[0]["$match"]
    assert match["$or"][0]["courseID"] == {"$regex": r"c\+\+\ \(intro\)", "$options": "i"}
    assert stages[1:4] == [{"$sort": {"courseID": 1}}, {"$skip": 24}, {"$limit": 12}]
    assert stages[4] == {"$project": {"enrolled": 0, "waiting": 0}} and len(stages) == 5


def test_course_posts_sorts_on_real_fields_pages_then_joins_authors():
    stages = discussion.course_posts_pipeline("CS101", 10, 10)
    assert stages[1:4] == [{"$sort": {"created_at": -1, "_id": -1}}, {"$skip": 10}, {"$limit": 10}]
    assert stages[4]["$lookup"] == {"from": "user", "localField": "user_id", "foreignField": "user_id",
                                    "as": "author"}
    assert stages[6]["$project"]["author.password"] == 0


def test_home_feed_reads_at_most_a_page_per_course_and_person_then_pages_before_joining_authors():
    stages = discussion.home_feed_pipeline(4, 16, 8)
    names = [next(iter(s)) for s in stages]
    assert names[:11] == ["$match", "$project", "$lookup", "$lookup", "$project", "$unwind", "$group",
                          "$replaceRoot", "$sort", "$skip", "$limit"]
    courses, people = stages[2]["$lookup"], stages[3]["$lookup"]
    assert (courses["from"], courses["foreignField"], people["from"], people["foreignField"]) == \
        ("enrollment", "user_id", "follow", "follower_id")
    for source, key, foreign in ((courses, "courseID", "courseID"), (people, "followed_id", "user_id")):
        newest = source["pipeline"][1]["$lookup"]
        assert (newest["from"], newest["localField"], newest["foreignField"]) == ("post", key, foreign)
        assert newest["pipeline"] == [{"$match": {"removed": {"$ne": True}}},
                                      {"$sort": {"created_at": -1, "_id": -1}}, {"$limit": 24}]
    assert stages[6] == {"$group": {"_id": "$post._id", "post": {"$first": "$post"}}}
    assert stages[9:11] == [{"$skip": 16}, {"$limit": 8}] and stages[11]["$lookup"]["from"] == "user"


def test_student_enrollments_runner(make):
    student = make.user()
    for course_id, term in [("B-F26", "Fall 2026"), ("A-F26", "Fall 2026"), ("Z-S26", "Spring 2026")]:
        make.enroll(student, make.course(course_id, term=term, credits=3))
    make.enroll(make.user(), make.course("OTHER", term="Fall 2026"))
    rows = enrollment.student_enrollments(student.user_id, ["Spring 2026", "Fall 2026"])
    assert [r["courseID"] for r in rows] == ["Z-S26", "A-F26", "B-F26"]
    groups = enrollment.credits_by_term(rows)
    assert [(term, credits) for term, _, credits in groups] == [("Spring 2026", 3), ("Fall 2026", 6)]


def test_catalog_runner_pages_counts_and_reads_seats_now(make):
    student = make.user()
    for i in range(5):
        make.course(f"C{i}", term="Fall 2026")
    make.enroll(student, make.course("C9", term="Fall 2026"))
    rows, seats, total = courses.catalog_page("Fall 2026", "", 4, 4)
    items = courses.with_seats(rows, seats)
    assert total == 6 and [c["courseID"] for c in items] == ["C4", "C9"]
    assert [c.get("enrolled", 0) for c in items] == [0, 1]
    assert not any("enrolled" in row for row in rows)  # the kept text is never given the seats
    make.enroll(make.user(), Course.objects.get(courseID="C4"))
    rows, seats, _ = courses.catalog_page("Fall 2026", "", 4, 4)
    assert [c.get("enrolled", 0) for c in courses.with_seats(rows, seats)] == [1, 1]


def test_course_posts_runner_orders_newest_first_with_authors(make):
    author = make.user(first_name="Ada")
    course = make.course("CS101")
    for minutes in (30, 10, 20):
        make.post(author, course, title=f"t{minutes}", minutes_ago=minutes)
    posts, total = discussion.course_posts("CS101", 0, 2)
    assert total == 3 and [p["title"] for p in posts] == ["t10", "t20"]
    assert posts[0]["author"]["first_name"] == "Ada" and "password" not in posts[0]["author"]
    assert "email" not in posts[0]["author"]


def test_home_feed_runner(make):
    reader, writer = make.user(), make.user(first_name="Writer")
    mine, other = make.course("MINE"), make.course("OTHER")
    make.enroll(reader, mine)
    make.post(writer, mine, title="old", minutes_ago=50)
    make.post(writer, mine, title="new", minutes_ago=5)
    make.post(writer, other, title="elsewhere")
    feed = discussion.home_feed(reader.user_id, 0, 8)
    assert [p["title"] for p in feed] == ["new", "old"]
    assert feed[0]["course"]["courseID"] == "MINE" and feed[0]["author"]["first_name"] == "Writer"
    assert [p["title"] for p in discussion.home_feed(reader.user_id, 0, 1)] == ["new"]
    assert [p["title"] for p in discussion.home_feed(reader.user_id, 1, 8)] == ["old"]


def test_home_feed_runner_adds_the_people_followed_and_counts_each_post_once(make):
    from application.accounts.models import Follow

    reader, classmate, stranger = make.user(), make.user(first_name="Classmate"), make.user()
    shared, elsewhere = make.course("SHARED"), make.course("ELSEWHERE")
    make.enroll(reader, shared)
    Follow(follower_id=reader.user_id, followed_id=classmate.user_id).save()
    make.post(classmate, shared, title="in my course", minutes_ago=1)
    make.post(classmate, elsewhere, title="in another course", minutes_ago=2)
    make.post(stranger, elsewhere, title="not for me", minutes_ago=3)
    feed = discussion.home_feed(reader.user_id, 0, 8)
    assert [p["title"] for p in feed] == ["in my course", "in another course"]
    assert feed[1]["course"]["courseID"] == "ELSEWHERE" and feed[1]["author"]["first_name"] == "Classmate"


def test_user_posts_runner(make):
    user = make.user()
    course = make.course("CS101", title="Programming")
    make.post(user, course, title="mine")
    posts, total = discussion.user_posts(user.user_id, 0, 10)
    assert total == 1 and posts[0]["course"]["title"] == "Programming"


def test_course_detail_runner(make):
    teacher = make.user(role="instructor", first_name="Grace")
    make.course("CS101", instructor_id=teacher.user_id)
    make.course("SOLO")
    detail = courses.course_detail("CS101")
    assert detail["instructor"]["first_name"] == "Grace" and "password" not in detail["instructor"]
    assert "instructor" not in courses.course_detail("SOLO")
    assert courses.course_detail("NONE") is None


def test_enrollment_counts(make):
    course = make.course("CS101")
    for _ in range(3):
        make.enroll(make.user(), course)
    assert enrollment.enrollment_counts() == {"CS101": 3}


def test_credits_by_term_empty():
    assert enrollment.credits_by_term([]) == []


def test_rank_of_without_terms():
    assert enrollment.student_enrollments_pipeline(1, [])[3]["$project"]["term_rank"] == {"$literal": 0}


def test_window_pages_before_it_joins():
    assert stages.window({"a": 1}, {"b": 1}, 5, 10, {"$project": {"c": 0}}) == [
        {"$match": {"a": 1}}, {"$sort": {"b": 1}}, {"$skip": 5}, {"$limit": 10}, {"$project": {"c": 0}}]


def test_boards_hide_removed_posts_but_from_their_author_and_put_the_pinned_post_first():
    from bson import ObjectId

    assert discussion.course_posts_pipeline("CS101", 0, 10, viewer_id=4)[0] == {"$match": {
        "courseID": "CS101", "$or": [{"removed": {"$ne": True}}, {"user_id": 4}]}}
    pinned = ObjectId()
    stages = discussion.course_posts_pipeline("CS101", 10, 10, pinned=pinned)
    assert stages[1:5] == [{"$addFields": {"pinned": {"$eq": ["$_id", pinned]}}},
                           {"$sort": {"pinned": -1, "created_at": -1, "_id": -1}}, {"$skip": 10}, {"$limit": 10}]
    assert discussion.user_posts_pipeline(7, 0, 10, viewer_id=8)[0] == {"$match": {"user_id": 7,
                                                                                  "removed": {"$ne": True}}}
