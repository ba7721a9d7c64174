"""Benchmark the site under gunicorn beside a bare Flask page, at 1x and 10x data, then a registration opening.

    .venv/bin/python -m bench                   # pages at 1x and 10x, then 300 students at opening
    .venv/bin/python -m bench --scales 1 --seconds 5 --students 100

Only 127.0.0.1 is contacted; every server it starts is stopped. Needs wrk (apt-get install wrk).
"""
import argparse
import json
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from generate_demo_data import build, write  # noqa: E402

from . import registration  # noqa: E402
from .client import USER_AGENT, Browser  # noqa: E402
from .load import combined, hammer, require_wrk  # noqa: E402
from .servers import gunicorn  # noqa: E402

STUDENTS_PER_SCALE = 500  # the generator's students at --scale 1
PASSWORD = "student-pass-2026"


def data_set(folder, scale, capacity=10):
    """Write a generated data set (plus the open courses of the registration run); return its busiest student."""
    files = build(scale)
    files["courses.json"] += registration.open_courses(capacity, instructor_id=3)
    write(files, folder)
    taken = {}
    for row in files["enrollments.json"]:
        taken.setdefault(row["user_id"], []).append(row["courseID"])
    boards = {post["courseID"] for post in files["posts.json"]}
    busiest = max(taken, key=lambda uid: (len(taken[uid]), -uid))
    email = next(u["email"] for u in files["users.json"] if u["user_id"] == busiest)
    course = next((c for c in taken[busiest] if c in boards), taken[busiest][0])
    students = [u["email"] for u in files["users.json"] if u["role"] == "student" and u["user_id"] != 2]
    return {"email": email, "user_id": busiest, "course": course, "students": students,
            "users": len(files["users.json"]), "enrollments": len(files["enrollments.json"])}


def pages(site, facts):
    """Return [(name, path, headers)] for every page measured, signed in where a student would be."""
    student = Browser(site)
    student.sign_in(facts["email"], PASSWORD)
    cookie = student.headers()
    rows = [
        ("home", "/", cookie),
        ("catalog, signed out", "/courses/", (f"User-Agent: {USER_AGENT}",)),
        ("catalog, signed in", "/courses/", cookie),
        ("catalog search", "/courses/Fall%202026?q=intro", cookie),
        ("course page with board", f"/course/{facts['course']}", cookie),
        ("My Enrollments", "/enrollment", cookie),
        ("profile", f"/user/{facts['user_id']}", cookie),
    ]
    status, body = Browser(site).post_json("/api/v1/auth/tokens", {"email": facts["email"], "password": PASSWORD})
    if status == 201:
        bearer = (f"Authorization: Bearer {body['access_token']}", f"User-Agent: {USER_AGENT}")
        rows += [("API catalog", "/api/v1/courses", bearer), ("API my enrollments", "/api/v1/me/enrollments", bearer)]
    return rows


HEADER = f"{'page':<26}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'bare':>8}{'vs bare':>9}{'errors':>8}"


SLICE_SECONDS = 5  # the bare page and the page take turns in slices this long


def slices(total):
    """Return (turns, seconds of each slice) for about `total` seconds per page, in whole seconds."""
    turns = max(1, round(total / SLICE_SECONDS))
    return turns, max(1, round(total / turns))


def measured(name, url, headers, bare, args, note=""):
    """Drive the bare page and the page in turns for the same total time; print and return the page's figures and
    its ratio.

    The bare page is measured beside every page, in alternating slices (bare, page, bare, page…), so
    a machine whose speed drifts during the run (a shared virtual machine) gives both the same
    minutes. Rates are the slices' mean, p50 their mean, p99 the worst slice's.
    """
    turns, seconds = slices(args.seconds)
    baselines, runs = [], []
    for _ in range(turns):
        baselines.append(hammer(bare + "/", seconds, args.connections))
        runs.append(hammer(url, seconds, args.connections, headers))
    baseline, got = combined(baselines), combined(runs)
    ratio = got.rps / baseline.rps if baseline.rps else 0.0
    print(f"{name:<26}{got.rps:>8.0f}{got.p50_ms:>9.1f}{got.p99_ms:>9.1f}{baseline.rps:>8.0f}{ratio:>8.0%}"
          f"{got.errors:>8}{note}", flush=True)
    return {**vars(got), "bare_rps": baseline.rps, "vs_bare": ratio}


def floor(folder, facts, args, bare):
    """Measure the site's own request handling around a constant page, signed out and signed in."""
    figures = {}
    with gunicorn("bench.floor:app", data_dir=folder, threads=args.threads) as site:
        student = Browser(site)
        student.sign_in(facts["email"], PASSWORD)
        for name, headers in (("constant page, signed out", (f"User-Agent: {USER_AGENT}",)),
                              ("constant page, signed in", student.headers())):
            figures[name] = measured(name, site + "/__bench/constant", headers, bare, args,
                                     "   (the floor: no work but the request itself)")
    return figures


def main():
    """Measure and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10", help="data sizes, as multiples of 1 000 students (default 1,10)")
    parser.add_argument("--seconds", type=int, default=10,
                        help="seconds of wrk per page, as many for the bare page, in turns of about 5 s (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads in its one worker (default 4)")
    parser.add_argument("--students", type=int, default=300, help="students at registration opening (default 300)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    require_wrk()
    scales = [int(s) for s in args.scales.split(",")]
    turns, seconds = slices(args.seconds)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"gunicorn 1 worker x {args.threads} threads, wrk {args.connections} connections; "
          f"the bare Flask page and each page take turns in {turns} slices of {seconds} s")
    results = {"pages": {}, "registration": None, "floor": None}
    with tempfile.TemporaryDirectory() as tmp, gunicorn("bench.bare:app", threads=args.threads) as bare:
        for scale in scales:
            folder = Path(tmp) / f"x{scale}"
            facts = data_set(folder, 2 * scale)
            print(f"\n{scale}x data: {facts['users']} users, {facts['enrollments']} enrollments")
            print(HEADER)
            with gunicorn(data_dir=folder, threads=args.threads) as site:
                for name, path, headers in pages(site, facts):
                    results["pages"].setdefault(name, {})[f"x{scale}"] = measured(name, site + path, headers, bare,
                                                                                  args)
                if scale == scales[0]:
                    outcome = registration.run(site, facts["students"][: args.students], PASSWORD, capacity=10)
                    results["registration"] = vars(outcome)
            if scale == scales[0]:
                results["floor"] = floor(folder, facts, args, bare)
        if results["registration"]:
            r = results["registration"]
            print(f"\nregistration opening ({r['students']} students, 20 courses of 10 seats, {scales[0]}x data):")
            print(f"  enroll clicks {r['enroll_rps']:.0f}/s, p50 {r['enroll_p50_ms']:.0f} ms, "
                  f"p99 {r['enroll_p99_ms']:.0f} ms; sign-in p99 {r['sign_in_p99_ms']:.0f} ms")
            print(f"  errors {r['errors']}; enrolled {r['enrolled']}, seats taken {r['seats_taken']}, "
                  f"courses over capacity {r['over_capacity']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
