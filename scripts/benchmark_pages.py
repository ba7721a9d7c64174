"""Benchmark: database round trips and time per page, on the demo data and a scaled set.

    python scripts/benchmark_pages.py            # demo data, then --scale 10
    python scripts/benchmark_pages.py --scale 20

The round trips of a page must be the same for both data sets (no query per row).
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from _pytest.monkeypatch import MonkeyPatch  # noqa: E402
from generate_demo_data import build, write  # noqa: E402

from application import create_app, database  # noqa: E402
from application.embedded import load_seed_data  # noqa: E402
from application.accounts.models import User  # noqa: E402
from application.discussion.models import Post  # noqa: E402
from application.enrollment.models import Enrollment  # noqa: E402
from config import TestingConfig  # noqa: E402
from tests.conftest import RoundTrips  # noqa: E402

PAGES = ["/", "/courses/", "/courses/Fall 2026?q=intro", "/course/{course}", "/course/{board}", "/courses/Fall 2026?page=2",
         "/enrollment", "/user/{user}"]


def measure(data_dir, repeat=20):
    """Return {page: (round trips, milliseconds per request)} for a data directory."""
    config = TestingConfig()
    config.SEED_DATA_DIR = str(data_dir)
    config.MONGO_URI = None
    database.disconnect()
    app = create_app(config)
    load_seed_data(app)
    busiest = Enrollment.objects.aggregate([{"$group": {"_id": "$user_id", "n": {"$sum": 1}}},
                                            {"$sort": {"n": -1}}, {"$limit": 1}]).next()["_id"]
    course = Enrollment.objects(user_id=busiest).first().courseID
    board = Post.objects.aggregate([{"$group": {"_id": "$courseID", "n": {"$sum": 1}}},
                                    {"$sort": {"n": -1}}, {"$limit": 1}]).next()["_id"]
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = User.objects.get(user_id=busiest).get_id()
        session["_fresh"] = True
    patch = MonkeyPatch()
    trips = RoundTrips(patch)
    results = {}
    try:
        for template in PAGES:
            path = template.format(course=course, board=board, user=busiest)
            trips.reset()
            status = client.get(path).status_code
            count = trips.count
            if status != 200:
                raise SystemExit(f"{path} answered {status}: the benchmark measures pages, not redirects")
            started = time.perf_counter()
            for _ in range(repeat):
                client.get(path)
            results[template] = (count, (time.perf_counter() - started) * 1000 / repeat)
    finally:
        patch.undo()
    return results


def main():
    """Measure on the demo data and on a scaled set; print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    small = measure(ROOT / "data")
    with tempfile.TemporaryDirectory() as tmp:
        write(build(args.scale), tmp)
        large = measure(tmp)
    print(f"{'page':<30}{'trips (demo)':>14}{'trips (x' + str(args.scale) + ')':>14}{'ms (demo)':>11}{'ms (x' + str(args.scale) + ')':>11}")
    for page in PAGES:
        print(f"{page:<30}{small[page][0]:>14}{large[page][0]:>14}{small[page][1]:>11.1f}{large[page][1]:>11.1f}")


if __name__ == "__main__":
    main()
