"""Benchmark: how long `flask seed` takes to load a large generated set into the embedded store.

    python scripts/benchmark_seed.py --scale 50     # about 100 000 enrollments

Prints the record counts and the seconds for validation + writing, and for a second
(idempotent, nothing-to-do) run.
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from generate_demo_data import build, write  # noqa: E402

from application import create_app, database  # noqa: E402
from application.seeding import seed_directory  # noqa: E402
from config import TestingConfig  # noqa: E402


def main():
    """Generate, load twice, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        write(build(args.scale), tmp)
        print(f"generated in {time.perf_counter() - started:.1f}s")
        database.disconnect()
        create_app(TestingConfig())
        for label in ("first load", "second load (idempotent)"):
            started = time.perf_counter()
            report = seed_directory(tmp)
            seconds = time.perf_counter() - started
            counts = ", ".join(f"{name}: {sum(c.values())}" for name, c in report.counts.items())
            print(f"{label}: {seconds:.1f}s ({counts})")


if __name__ == "__main__":
    main()
