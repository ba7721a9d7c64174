"""Sign-in throttling counts failures per account and per address; registration is limited per address."""
import pytest

from application.accounts.models import User
from tests.conftest import PASSWORD

LOCKED = "Too many failed sign-ins for this account"


@pytest.fixture
def config_overrides():
    """Throttling on, with the production defaults for sign-in failures."""
    return {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"}


@pytest.fixture(autouse=True)
def fresh_limits(app):
    """Start every test with empty rate-limit counters."""
    from application.extensions import limiter

    limiter.reset()


def _login(app, email, password, address):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password},
                           environ_base={"REMOTE_ADDR": address})
    return client, response


def test_two_hundred_correct_sign_ins_from_one_address_all_get_in(app, make):
    from application.accounts import passwords

    hashed = passwords.make_hash(PASSWORD)
    User._get_collection().insert_many([
        {"user_id": i, "email": f"lab{i}@example.edu", "first_name": "Lab", "last_name": str(i),
         "password": hashed, "role": "student"} for i in range(1, 201)])
    codes = [_login(app, f"lab{i}@example.edu", PASSWORD, "10.0.0.1")[1].status_code for i in range(1, 201)]
    assert codes == [302] * 200


def test_eleven_wrong_passwords_from_eleven_addresses_lock_the_account(app, make):
    make.user(email="victim@example.edu")
    codes = [_login(app, "victim@example.edu", "wrong-guess", f"10.0.1.{i}")[1].status_code for i in range(11)]
    assert codes == [200] * 10 + [429]
    client, response = _login(app, "victim@example.edu", PASSWORD, "10.0.2.1")
    assert response.status_code == 429 and LOCKED in response.get_data(as_text=True)
    assert response.headers["Retry-After"].isdigit() and client.get("/enrollment").status_code == 302


def test_the_lock_reads_the_same_for_an_email_without_an_account(app, make):
    make.user(email="real@example.edu")
    for email in ("real@example.edu", "nobody@example.edu"):
        for i in range(10):
            _login(app, email, "wrong-guess", f"10.0.3.{i}")
    real = _login(app, "real@example.edu", "wrong-guess", "10.0.4.1")[1].get_data(as_text=True)
    ghost = _login(app, "nobody@example.edu", "wrong-guess", "10.0.4.1")[1].get_data(as_text=True)
    message = lambda html: html[html.index(LOCKED):].split("<")[0]  # noqa: E731
    assert message(real) == message(ghost)


def test_correct_sign_ins_do_not_count(app, make):
    make.user(email="regular@example.edu")
    codes = [_login(app, "regular@example.edu", PASSWORD, "10.0.5.1")[1].status_code for _ in range(15)]
    assert codes == [302] * 15


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_ENABLED": True, "LOGIN_FAILURES_PER_ADDRESS": "5 per minute"}])
def test_one_address_guessing_many_accounts_is_stopped(app, make, config_overrides):
    codes = [_login(app, f"guess{i}@example.edu", "wrong-guess", "10.0.6.1")[1] for i in range(6)]
    assert [r.status_code for r in codes] == [200] * 5 + [429]
    assert "Too many failed sign-ins from your network" in codes[-1].get_data(as_text=True)
    assert _login(app, "guess9@example.edu", "wrong-guess", "10.0.6.2")[1].status_code == 200


def test_unknown_emails_cost_one_hash_check_like_known_ones(app, make, monkeypatch):
    from application.accounts import passwords

    make.user(email="known@example.edu")
    checks = []
    real = passwords.matches
    monkeypatch.setattr(passwords, "matches", lambda stored, pw: checks.append(stored) or real(stored, pw))
    for email in ("known@example.edu", "unknown@example.edu"):
        checks.clear()
        _login(app, email, "wrong-guess", "10.0.7.1")
        assert len(checks) == 1


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_ENABLED": True, "REGISTER_RATE_LIMIT": "2 per minute"}])
def test_registration_is_limited_per_address(app, config_overrides):
    client = app.test_client()
    codes = []
    for i in range(3):
        data = {"email": f"new{i}@example.edu", "password": "longenough1", "password_confirm": "longenough1",
                "first_name": "N", "last_name": "S"}
        codes.append(client.post("/register", data=data, environ_base={"REMOTE_ADDR": "10.0.8.1"}).status_code)
    assert codes == [302, 302, 429] and User.objects.count() == 2


@pytest.mark.real_password_hashing
def test_a_weaker_stored_hash_is_replaced_at_sign_in(app, make):
    from werkzeug.security import generate_password_hash

    make.course("CS101")
    User(user_id=7, email="old@example.edu", first_name="O", last_name="H",
         password=generate_password_hash(PASSWORD, method="pbkdf2:sha256:600000")).save()
    assert _login(app, "old@example.edu", PASSWORD, "10.0.9.1")[1].status_code == 302
    stored = User.objects.get(user_id=7).password
    assert stored.startswith("scrypt:32768:8:1$") and User.objects.get(user_id=7).check_password(PASSWORD)


def test_parallel_guesses_cannot_slip_past_the_account_count(app, make, monkeypatch):
    import sys
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from application.accounts import passwords

    make.user(email="target@example.edu")
    checked = []
    real = passwords.matches
    monkeypatch.setattr(passwords, "matches", lambda stored, pw: checked.append(pw) or real(stored, pw))
    barrier = threading.Barrier(40)

    def guess(i):
        barrier.wait()
        return _login(app, "target@example.edu", f"guess-{i}", f"10.0.10.{i}")[1].status_code

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        with ThreadPoolExecutor(max_workers=40) as pool:
            codes = list(pool.map(guess, range(40)))
    finally:
        sys.setswitchinterval(previous)
    assert len(checked) == 10 and codes.count(200) == 10 and codes.count(429) == 30


def test_the_limit_store_restarts_its_timer_once_when_threads_write_together(app):
    """limits' memory store replaces its expiry timer without a lock; ours writes one at a time.

    The probe sleeps between "a new timer" and "start it", where an unguarded store lets another
    thread swap the timer in and the same one is started twice ("thread already started").
    """
    import time

    from limits.storage import storage_from_string

    from application.extensions import limiter
    from application.limit_store import ThreadSafeMemoryStorage
    from tests.concurrency import released_together

    assert isinstance(limiter.storage, ThreadSafeMemoryStorage)
    assert type(storage_from_string("memory://")) is ThreadSafeMemoryStorage

    class Probe(ThreadSafeMemoryStorage):
        STORAGE_SCHEME = None

        @property
        def timer(self):
            return self.__dict__["timer"]

        @timer.setter
        def timer(self, value):
            self.__dict__["timer"] = value
            time.sleep(0.002)

    store, errors = Probe(), []

    def write(worker):
        for _ in range(5):
            try:
                store.acquire_entry(f"window-{worker}", 1000, 60)
                store.incr(f"counter-{worker}", 60)
                store.decr(f"counter-{worker}")
            except RuntimeError as exc:
                errors.append(exc)
            time.sleep(0.012)  # past the timer's 10 ms, so the next write restarts it

    released_together(8, write)
    assert errors == []
    assert all(store.get_moving_window(f"window-{n}", 1000, 60)[1] == 5 for n in range(8))


def test_a_correct_sign_in_forgives_earlier_failures(app, make):
    make.user(email="forgetful@example.edu")
    for i in range(9):
        _login(app, "forgetful@example.edu", "wrong-guess", "10.0.11.1")
    assert _login(app, "forgetful@example.edu", PASSWORD, "10.0.11.1")[1].status_code == 302
    codes = [_login(app, "forgetful@example.edu", "wrong-guess", "10.0.11.1")[1].status_code for _ in range(10)]
    assert codes == [200] * 10


def test_sign_in_still_works_when_the_throttle_store_is_down(app, make, monkeypatch, caplog):
    from limits.strategies import MovingWindowRateLimiter

    make.user(email="steady@example.edu")

    def broken(self, *args, **kwargs):
        raise ConnectionError("rate-limit store unreachable")

    for name in ("hit", "test", "clear"):
        monkeypatch.setattr(MovingWindowRateLimiter, name, broken)
    assert _login(app, "steady@example.edu", PASSWORD, "10.0.12.1")[1].status_code == 302
    assert _login(app, "steady@example.edu", "wrong-guess", "10.0.12.1")[1].status_code == 200
    assert "sign-in throttle store unavailable" in caplog.text
