"""A real server on a free port and Debian's Chromium driven by Playwright."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def pytest_collection_modifyitems(config, items):
    """Mark every test here as e2e; skip them (outside CI) when there is no Chromium."""
    missing = not Path(CHROMIUM).exists()
    for item in items:
        if "/e2e/" not in str(item.fspath):
            continue
        item.add_marker(pytest.mark.e2e)
        if missing and not os.environ.get("CI"):
            item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install chromium"))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_mailbox():
    """The real SMTP server (on a free local port) the browser tests' site sends its mail to."""
    from tests.mailbox import Mailbox

    box = Mailbox().start()
    yield box
    box.stop()


@pytest.fixture(scope="session")
def server(tmp_path_factory, site_mailbox):
    """The site as `python main.py` runs it, on the embedded store with its own copy of data/."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"CI needs Chromium at {CHROMIUM} for the browser tests")
    with running_site(tmp_path_factory, mailbox=site_mailbox) as url:
        yield url


@contextmanager
def running_site(tmp_path_factory, mailbox=None):
    """Run the site as `python main.py` on a free port with its own data/ (and mail to mailbox); yield its URL."""
    data_dir = tmp_path_factory.mktemp("e2e-data")
    for name in ("terms.json", "users.json", "courses.json", "enrollments.json", "posts.json"):
        shutil.copy(ROOT / "data" / name, data_dir / name)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("MONGO_URI", "APP_ENV", "WEB_CONCURRENCY")}
    env.update(PORT=str(port), SEED_DATA_DIR=str(data_dir), REGISTER_RATE_LIMIT="1000 per minute",
               POST_RATE_LIMIT="1000 per minute")
    if mailbox is not None:
        env.update({name: str(value) for name, value in mailbox.config().items()})
    log = open(tmp_path_factory.mktemp("e2e-log") / "server.log", "w+")
    process = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"the server did not start:\n{log.read()[-3000:]}")
            time.sleep(0.3)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh desktop-sized page (own cookies) with the server as base URL; fails on any CSP violation."""
    context = browser.new_context(base_url=server, viewport=WIDTHS["desktop"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda error: violations.append(f"page error: {error}"))
    yield page
    context.close()
    assert violations == [], f"the pages broke the Content-Security-Policy: {violations}"


def shoot(page, name):
    """Save full-page screenshots at 1280 px and 375 px and check there is no horizontal scroll."""
    ARTIFACTS.mkdir(exist_ok=True)
    original = page.viewport_size
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        page.wait_for_timeout(100)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {size['width']}px"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(original)


A11Y_SCRIPT = """() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push('html has no lang');
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`${h1} h1 elements`);
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden') continue;
    const labelled = (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label')
      || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!labelled) problems.push(`input ${el.name || el.id} has no label`);
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('img without alt');
  for (const b of document.querySelectorAll('button, a.btn')) {
    const name = (b.getAttribute('aria-label') || b.textContent || '').trim();
    if (!name) problems.push(`button without a name: ${b.outerHTML.slice(0, 80)}`);
  }
  return problems;
}"""


def accessibility_problems(page):
    """Return the accessibility problems the smoke check finds on the current page."""
    return page.evaluate(A11Y_SCRIPT)
