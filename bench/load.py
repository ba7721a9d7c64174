"""Drive a page with wrk and read its figures."""
import re
import shutil
import subprocess
from dataclasses import dataclass


@dataclass
class Figures:
    """What wrk measured for one URL."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def _ms(text):
    """Turn wrk's "12.34ms" / "1.20s" / "800.00us" into milliseconds."""
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def require_wrk():
    """Stop with the fix when wrk is missing."""
    if not shutil.which("wrk"):
        raise SystemExit("the harness needs wrk: apt-get install wrk")


def hammer(url, seconds, connections, headers=()):
    """Run wrk against url and return its Figures."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(bad.group(1)) if bad else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Figures(rps, p50, p99, errors)


def combined(slices):
    """Return one Figures for equal-length runs of one URL: mean rate and p50, worst p99, all errors."""
    return Figures(rps=sum(s.rps for s in slices) / len(slices), p50_ms=sum(s.p50_ms for s in slices) / len(slices),
                   p99_ms=max(s.p99_ms for s in slices), errors=sum(s.errors for s in slices))
