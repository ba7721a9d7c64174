"""The README's commands are the ones CI runs."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bash_blocks():
    blocks, current = [], None
    for line in (ROOT / "README.md").read_text().splitlines():
        if line.strip() == "```bash":
            current = []
        elif line.strip() == "```" and current is not None:
            blocks.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one():
    run, test = _bash_blocks()[:2]
    assert len(run) == 1 and run[0].endswith("python main.py")
    assert len(test) == 1 and "pytest" in test[0]
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test[0] in ci_lines


def test_readme_documents_every_command():
    text = (ROOT / "README.md").read_text()
    for command in ("seed", "recount", "create-indexes", "export", "create-user", "--upsertFields"):
        assert command in text
