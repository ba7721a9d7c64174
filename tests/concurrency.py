"""Run work on many threads released at the same moment (for the seat and waitlist races)."""
import sys
import threading
from concurrent.futures import ThreadPoolExecutor


def released_together(n, work):
    """Run work(i) for i in range(n) on n threads released at once, switching between them often; return results."""
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        return work(i)

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        with ThreadPoolExecutor(max_workers=n) as pool:
            return list(pool.map(run, range(n)))
    finally:
        sys.setswitchinterval(previous)
