"""The README's API curl lines, run as written against `python main.py` on the demo data."""
import json
import shutil
import subprocess

import pytest

from tests.e2e.conftest import running_site
from tests.test_readme import _bash_blocks

README_BASE = "http://127.0.0.1:5000/api/v1"
MARK = "@@@ next @@@"


def _curl_block():
    """Return the lines of the README's bash block that signs in to the API."""
    return next(block for block in _bash_blocks() if any("/auth/tokens" in line for line in block))


def test_the_readme_covers_each_api_step():
    text = "\n".join(_curl_block())
    assert text.startswith(f"API={README_BASE}")
    for step in ('-X POST "$API/auth/tokens"', '"$API/courses?', '-X POST "$API/me/enrollments"',
                 'curl -s "$API/me/enrollments"', '-X DELETE "$API/me/enrollments/', '-X POST "$API/auth/refresh"',
                 '-X DELETE "$API/auth/tokens"'):
        assert step in text, step


@pytest.mark.skipif(not shutil.which("curl"), reason="curl is not installed")
def test_the_readme_curl_lines_work_against_a_real_server(tmp_path_factory):
    commands = [line for line in _curl_block() if line.strip() and not line.lstrip().startswith("#")]
    script = ["set -eu"]
    for line in commands:
        script += [line, f"echo '{MARK}'"]
    with running_site(tmp_path_factory) as url:
        source = "\n".join(script).replace(README_BASE, f"{url}/api/v1")
        run = subprocess.run(["bash", "-c", source], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    outputs = dict(zip(commands, run.stdout.split(f"{MARK}\n")))
    assert len(outputs) == len(commands) and run.stdout.count(MARK) == len(commands)

    def output(fragment, index=0):
        return [text.strip() for line, text in outputs.items() if fragment in line][index]

    catalog = json.loads(output('"$API/courses?'))
    assert catalog["term"] == "Fall 2026" and catalog["pagination"]["per_page"] == 5
    assert "CS101-F26" in [course["courseID"] for course in catalog["items"]]
    assert json.loads(output('-X POST "$API/me/enrollments"'))["outcome"] == "enrolled"
    listed = json.loads(output('curl -s "$API/me/enrollments"'))
    assert [c["courseID"] for t in listed["terms"] for c in t["courses"]] == ["CS101-F26"]
    assert output('-X DELETE "$API/me/enrollments/') == "204"
    assert json.loads(output('-X POST "$API/auth/refresh"'))["access_token"]
    assert output('-X DELETE "$API/auth/tokens"') == "204"
    assert output('"$API/me"') == "401"
