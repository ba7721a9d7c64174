"""Generate the demo data files in data/ (deterministic: the same seed gives the same files).

    python scripts/generate_demo_data.py                 # the committed demo set
    python scripts/generate_demo_data.py --scale 50 --out /tmp/big   # a benchmark-size set

The output is mongoimport --jsonArray input and what `flask seed` loads.
"""
import argparse
import hashlib
import json
import random
from datetime import datetime, timedelta, timezone
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from application.enrollment.rules import overlap  # noqa: E402 - the project root is on the path now
from application.seeding.demo import DEMO_PASSWORDS  # noqa: E402

TERMS = (  # name, courseID suffix, first day of classes, courses offered
    ("Spring 2026", "S26", datetime(2026, 1, 20, tzinfo=timezone.utc), 36),
    ("Summer 2026", "U26", datetime(2026, 6, 1, tzinfo=timezone.utc), 24),
    ("Fall 2026", "F26", datetime(2026, 8, 31, tzinfo=timezone.utc), 44),
)
CATALOG = [
    ("CS", [("101", "Introduction to Programming", 4), ("150", "Discrete Structures", 3),
            ("201", "Data Structures and Algorithms", 4), ("230", "Computer Systems", 4),
            ("310", "Databases and Information Retrieval", 3), ("340", "Web Application Development", 3),
            ("365", "Machine Learning Foundations", 3), ("420", "Distributed Systems", 3)]),
    ("MATH", [("110", "Calculus I", 4), ("120", "Calculus II", 4), ("210", "Linear Algebra", 3),
              ("230", "Probability and Statistics", 3), ("310", "Real Analysis", 3), ("340", "Numerical Methods", 3)]),
    ("PHYS", [("101", "Mechanics and Waves", 4), ("102", "Electricity and Magnetism", 4),
              ("250", "Modern Physics", 3), ("330", "Quantum Mechanics I", 3)]),
    ("CHEM", [("101", "General Chemistry", 4), ("210", "Organic Chemistry I", 4), ("320", "Physical Chemistry", 3)]),
    ("BIO", [("101", "Cells, Genes and Evolution", 4), ("205", "Ecology and Field Methods", 3),
             ("240", "Human Physiology", 4), ("330", "Molecular Biology", 3)]),
    ("ECON", [("101", "Principles of Microeconomics", 3), ("102", "Principles of Macroeconomics", 3),
              ("250", "Behavioral Economics", 3), ("320", "Econometrics", 3)]),
    ("HIST", [("110", "World History since 1500", 3), ("215", "The Industrial Revolution", 3),
              ("240", "History of Science and Technology", 3)]),
    ("ENG", [("101", "Academic Writing", 3), ("210", "The Modern Novel", 3), ("250", "Creative Writing Workshop", 3)]),
    ("PSY", [("101", "Introduction to Psychology", 3), ("220", "Cognitive Psychology", 3),
             ("310", "Research Methods in Psychology", 3)]),
    ("PHIL", [("110", "Logic and Critical Thinking", 3), ("230", "Ethics and Technology", 3)]),
    ("ART", [("120", "Drawing Fundamentals", 2), ("230", "Digital Photography", 2)]),
    ("MUS", [("105", "Music Theory I", 2), ("210", "Jazz History", 2)]),
]
BLURBS = {
    "CS": "Hands-on programming assignments, weekly labs and a final project.",
    "MATH": "Problem sets every week, two midterms and a final exam.",
    "PHYS": "Lectures with weekly laboratory sessions and problem-solving recitations.",
    "CHEM": "Lectures and wet labs; safety training is part of the first week.",
    "BIO": "Lectures, laboratory work and a short research report.",
    "ECON": "Models, data and policy debates, with short analytical essays.",
    "HIST": "Reading seminars, primary sources and a research paper.",
    "ENG": "Close reading, workshops and revision of your own writing.",
    "PSY": "Experiments, readings and a small group study.",
    "PHIL": "Arguments, readings and weekly discussion.",
    "ART": "Studio practice with critiques; materials list on the first day.",
    "MUS": "Listening, analysis and short composition exercises.",
}
FIRST = ("Ada Alan Grace Linus Margaret Tim Barbara Edsger Donald Frances Ken Radia Guido Hedy Katherine "
         "Dennis Shafi Leslie Sophie John Mary Amir Priya Wei Yuki Omar Lena Mateo Chloe Noah Aisha Luca "
         "Maya Jonas Ines Kofi Sara Diego Hana Felix Nora Ravi Elif Tomas Zara Ibrahim Clara Arjun Mei").split()
LAST = ("Lovelace Turing Hopper Torvalds Hamilton Berners-Lee Liskov Dijkstra Knuth Allen Thompson Perlman "
        "Rossum Lamarr Johnson Ritchie Goldwasser Lamport Wilson McCarthy Shelley Haddad Patel Zhang Tanaka "
        "Farouk Novak Garcia Dubois Muller Okafor Rossi Kim Silva Jensen Costa Mensah Larsen Moreno Sato "
        "Weber Byrne Iyer Yilmaz Horvat Ahmed Fischer Gupta Chen Nakamura").split()
POST_TOPICS = [
    ("Study group this week?", "Is anyone up for a study group before the next problem set?\nI can book a room in the library on Thursday evening."),
    ("Question about the reading", "In the second chapter the author makes a claim I could not follow.\nDoes anyone have a simpler way to explain it?"),
    ("Office hours moved", "Reminder: office hours are on Wednesday this week, same room, 2-4 pm."),
    ("Lab partner wanted", "Looking for a lab partner for the rest of the term. I am usually free in the afternoons."),
    ("Midterm topics", "Which topics will the midterm cover? I want to make sure I review the right chapters."),
    ("Helpful resource", "I found a set of lecture notes that explains this week's topic really well.\nHappy to share my summary too."),
    ("Deadline extension?", "Has anyone heard whether the project deadline moves because of the holiday?"),
    ("Thanks for the session", "Thanks everyone who came to the review session, that was really useful!"),
]


# Term dates for the past terms; the newest term (Fall 2026) has no term document, so registration for it
# stays open whatever today's date is (a course whose term has no document is always open).
TERM_DATES = {
    "Spring 2026": {"starts": "2026-01-20", "ends": "2026-05-15", "registration_opens": "2025-11-01",
                    "registration_closes": "2026-01-30", "drop_deadline": "2026-02-13"},
    "Summer 2026": {"starts": "2026-06-01", "ends": "2026-08-07", "registration_opens": "2026-03-15",
                    "registration_closes": "2026-06-05", "drop_deadline": "2026-06-12"},
}
PREREQUISITES = {  # course code -> the code it requires in an earlier term (Summer and Fall offerings only)
    "CS201": "CS101", "CS230": "CS101", "CS310": "CS201", "CS340": "CS201", "CS365": "CS201", "CS420": "CS230",
    "MATH120": "MATH110", "MATH210": "MATH110", "MATH310": "MATH210", "MATH340": "MATH210",
    "PHYS102": "PHYS101", "PHYS250": "PHYS102", "PHYS330": "PHYS250", "CHEM210": "CHEM101", "CHEM320": "CHEM210",
    "BIO240": "BIO101", "BIO330": "BIO101", "ECON250": "ECON101", "ECON320": "ECON101", "PSY220": "PSY101",
    "PSY310": "PSY101",
}
BUILDINGS = {"CS": "Turing Hall", "MATH": "Noether Hall", "PHYS": "Curie Lab", "CHEM": "Curie Lab",
             "BIO": "Darwin Building", "ECON": "Keynes Hall", "HIST": "Arendt Hall", "ENG": "Arendt Hall",
             "PSY": "James Building", "PHIL": "Arendt Hall", "ART": "Studio Block", "MUS": "Studio Block"}
MWF_STARTS = ("08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00")
TTH_STARTS = ("08:00", "09:30", "11:00", "12:30", "14:00", "15:30")


def clock_after(start, minutes):
    """Return the "HH:MM" that is `minutes` after `start`."""
    hours, mins = divmod(int(start[:2]) * 60 + int(start[3:]) + minutes, 60)
    return f"{hours:02d}:{mins:02d}"


def meetings_for(rng, subject):
    """Return a realistic weekly pattern: MWF 50 min, TTh 75 min, one evening, or online (none)."""
    room = f"{BUILDINGS[subject]} {rng.randrange(1, 4)}{rng.randrange(0, 3)}{rng.randrange(1, 10)}"
    kind = rng.random()
    if kind < 0.45:
        start = rng.choice(MWF_STARTS)
        return [{"days": ["Mon", "Wed", "Fri"], "start": start, "end": clock_after(start, 50), "room": room}]
    if kind < 0.85:
        start = rng.choice(TTH_STARTS)
        return [{"days": ["Tue", "Thu"], "start": start, "end": clock_after(start, 75), "room": room}]
    if kind < 0.93:
        return [{"days": [rng.choice(("Mon", "Tue", "Wed", "Thu"))], "start": "18:00", "end": "20:45", "room": room}]
    return []


def clashes(meetings, week):
    """Return True when any of the meetings overlaps a meeting already in the student's week."""
    return any(overlap(a, b) for a in meetings for b in week)


def werkzeug_scrypt_hash(password, salt):
    """Return a werkzeug-format scrypt hash with a given salt (so the files are reproducible)."""
    n, r, p = 2**15, 8, 1
    digest = hashlib.scrypt(password.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=132 * n * r * p)
    return f"scrypt:{n}:{r}:{p}${salt}${digest.hex()}"


def extended_date(value):
    """Return a datetime as Extended JSON {"$date": "...Z"}."""
    return {"$date": value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


def object_id(rng, when):
    """Return a deterministic ObjectId (as Extended JSON) whose timestamp is `when`."""
    return {"$oid": f"{int(when.timestamp()):08x}{rng.getrandbits(64):016x}"}


def build(scale=1, seed=2026):
    """Return {filename: records} for the demo set at a scale."""
    rng = random.Random(seed)
    salt = lambda: "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(16))  # noqa: E731
    hashes = {role: werkzeug_scrypt_hash(pw, salt()) for role, pw in DEMO_PASSWORDS.items()}
    created = datetime(2025, 12, 1, tzinfo=timezone.utc)
    users = [
        {"user_id": 1, "email": "admin@example.edu", "first_name": "Avery", "last_name": "Admin",
         "password": hashes["admin"], "role": "admin", "created_at": extended_date(created)},
        {"user_id": 2, "email": "student@example.edu", "first_name": "Sam", "last_name": "Student",
         "password": hashes["student"], "role": "student", "created_at": extended_date(created)},
    ]
    instructors = []
    for first, last in zip(FIRST[:12], LAST[:12]):
        uid = len(users) + 1
        users.append({"user_id": uid, "email": f"{first}.{last}@example.edu".lower(), "first_name": first,
                      "last_name": last, "password": hashes["instructor"], "role": "instructor",
                      "created_at": extended_date(created)})
        instructors.append(uid)
    taken_emails = {u["email"] for u in users}
    for i in range(500 * scale):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first}.{last}{i + 1}@example.edu".lower()
        if email in taken_emails:
            continue
        taken_emails.add(email)
        users.append({"user_id": len(users) + 1, "email": email, "first_name": first, "last_name": last,
                      "password": hashes["student"], "role": "student",
                      "created_at": extended_date(created + timedelta(minutes=rng.randrange(200_000)))})
    offerings = [(subject, number, title, credits) for subject, rows in CATALOG for number, title, credits in rows]
    courses = []
    for term, suffix, _start, count in TERMS:
        chosen = sorted(rng.sample(offerings, count), key=lambda o: (o[0], o[1]))
        for section in range(1, scale + 1):
            for subject, number, title, credits in chosen:
                course_id = f"{subject}{number}-{suffix}" + (f"-{section:02d}" if scale > 1 else "")
                capacity = rng.choice((5, 10, 20, 30, 40, 50, 60, 80, 100))
                courses.append({"courseID": course_id, "title": title,
                                "description": f"{title} ({subject} {number}). {BLURBS[subject]}",
                                "credits": credits, "term": term, "capacity": capacity,
                                "instructor_id": rng.choice(instructors)})
    times = random.Random(seed + 1)  # its own sequence: adding times changed none of the other records
    for course in courses:
        subject, code = course["courseID"].split("-")[0].rstrip("0123456789"), course["courseID"].split("-")[0]
        course["meetings"] = meetings_for(times, subject)
        if course["term"] != TERMS[0][0] and code in PREREQUISITES:
            course["prerequisites"] = [PREREQUISITES[code]]
    meetings = {c["courseID"]: c["meetings"] for c in courses}
    students = [u["user_id"] for u in users if u["role"] == "student"]
    seats = {c["courseID"]: c["capacity"] for c in courses}
    start_of = {term: start for term, _, start, _ in TERMS}
    by_term = {}
    for c in courses:
        by_term.setdefault(c["term"], []).append(c["courseID"])
    enrollments, pairs = [], set()
    for uid in students:
        for term, ids in by_term.items():
            week = []
            for course_id in rng.sample(ids, min(len(ids), rng.choice((1, 1, 2, 2, 3)))):
                if clashes(meetings[course_id], week):
                    continue
                if seats[course_id] > 0 and (uid, course_id) not in pairs and uid != 2:
                    week += meetings[course_id]
                    seats[course_id] -= 1
                    pairs.add((uid, course_id))
                    when = start_of[term] - timedelta(days=rng.randrange(1, 40), minutes=rng.randrange(1440))
                    enrollments.append({"user_id": uid, "courseID": course_id, "created_at": extended_date(when)})
    enrollments.sort(key=lambda e: (e["user_id"], e["courseID"]))
    members = {}
    for e in enrollments:
        members.setdefault(e["courseID"], []).append(e["user_id"])
    posts = []
    now = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
    for course in courses:
        if course["courseID"] not in members or rng.random() < 0.35:
            continue
        start = start_of[course["term"]]
        for _ in range(rng.randrange(1, 7)):
            title, body = rng.choice(POST_TOPICS)
            author = course["instructor_id"] if rng.random() < 0.15 else rng.choice(members[course["courseID"]])
            when = min(start + timedelta(days=rng.randrange(0, 90), minutes=rng.randrange(1440)), now)
            posts.append({"_id": object_id(rng, when), "courseID": course["courseID"], "user_id": author,
                          "title": title, "body": body, "created_at": extended_date(when),
                          "updated_at": extended_date(when)})
    posts.sort(key=lambda p: (p["courseID"], p["created_at"]["$date"]))
    terms = [{"name": name, **{key: {"$date": f"{day}T00:00:00Z"} for key, day in dates.items()}}
             for name, dates in TERM_DATES.items()]
    return {"terms.json": terms, "users.json": users, "courses.json": courses, "enrollments.json": enrollments,
            "posts.json": posts}


def write(files, out_dir):
    """Write each file as a --jsonArray with one record per line."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, records in files.items():
        lines = ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in records)
        (out / name).write_text(f"[\n{lines}\n]\n", encoding="utf-8")
        print(f"{out / name}: {len(records)} records")


def main():
    """Parse the options and write the files."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "data"))
    parser.add_argument("--scale", type=int, default=1, help="multiply students and course sections (default 1)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    write(build(args.scale, args.seed), args.out)


if __name__ == "__main__":
    main()
