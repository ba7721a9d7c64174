"""Configuration classes, chosen by the APP_ENV environment variable.

Each class reads the environment when it is instantiated, so a test (or a process that
loads `.env` late) always sees the current values.
"""
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent


class ConfigError(RuntimeError):
    """Raised when the environment cannot run the chosen configuration."""


def env_int(name, default):
    """Read an integer environment variable, naming it when it is not a number."""
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None


FLAGS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def env_flag(name, default):
    """Read a yes/no environment variable (1/0, true/false, yes/no, on/off), naming it when it is neither."""
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw not in FLAGS:
        raise ConfigError(f"{name} must be one of 1/0, true/false, yes/no, on/off, got {raw!r}")
    return FLAGS[raw]


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    COURSES_PER_PAGE = 12
    ROSTER_PER_PAGE = 25
    POSTS_PER_PAGE = 10
    FEED_SIZE = 8
    PEOPLE_PER_PAGE = 20
    MAX_CONTENT_LENGTH = 1024 * 1024
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    HTTPS_ONLY = False
    PROXY_FIX = False
    LOG_TO_STDOUT = False
    SEND_FILE_MAX_AGE_DEFAULT = 31536000  # static URLs carry a version of their content (templating.asset)
    CONFIRMATION_BY_DEFAULT = False
    MAIL_BACKEND = "smtp"

    def __init__(self):
        env = os.environ.get
        self.SECRET_KEY = env("SECRET_KEY")
        self.MONGO_URI = env("MONGO_URI")
        self.SEED_DATA_DIR = env("SEED_DATA_DIR", str(BASE_DIR / "data"))
        self.MONGO_TIMEOUT_MS = env_int("MONGO_TIMEOUT_MS", 5000)
        self.RATELIMIT_STORAGE_URI = env("RATELIMIT_STORAGE_URI", "memory://")
        self.POST_RATE_LIMIT = env("POST_RATE_LIMIT", "5 per minute;30 per hour")
        self.LOGIN_FAILURES_PER_ACCOUNT = env("LOGIN_FAILURES_PER_ACCOUNT", "10 per 15 minutes")
        self.LOGIN_FAILURES_PER_ADDRESS = env("LOGIN_FAILURES_PER_ADDRESS", "300 per 15 minutes")
        self.REGISTER_RATE_LIMIT = env("REGISTER_RATE_LIMIT", "60 per hour")
        self.ADMIN_EMAIL = env("ADMIN_EMAIL")
        self.ADMIN_PASSWORD = env("ADMIN_PASSWORD")
        self.MAX_CREDITS_PER_TERM = env_int("MAX_CREDITS_PER_TERM", 18)
        self.REDIS_URL = env("REDIS_URL")
        self.CACHE_DEFAULT_TIMEOUT = env_int("CACHE_SECONDS", 60)
        self.CACHE_TYPE = "RedisCache" if self.REDIS_URL else "SimpleCache"
        self.CACHE_REDIS_URL = self.REDIS_URL
        self.JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=env_int("API_ACCESS_TOKEN_MINUTES", 15))
        self.JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=env_int("API_REFRESH_TOKEN_DAYS", 30))
        self.API_WRITE_RATE_LIMIT = env("API_WRITE_RATE_LIMIT", "60 per minute")
        self.CORS_ORIGINS = [origin.strip() for origin in env("CORS_ORIGINS", "").split(",") if origin.strip()]
        self.REMEMBER_COOKIE_DURATION = timedelta(days=env_int("REMEMBER_COOKIE_DURATION", 30))
        self.REQUIRE_EMAIL_CONFIRMATION = env_flag("REQUIRE_EMAIL_CONFIRMATION", self.CONFIRMATION_BY_DEFAULT)
        self.MAIL_REQUESTS_PER_EMAIL = env("MAIL_REQUESTS_PER_EMAIL", "5 per hour")
        self.MAIL_REQUESTS_PER_ADDRESS = env("MAIL_REQUESTS_PER_ADDRESS", "30 per hour")
        self.SITE_URL = (env("SITE_URL") or "").rstrip("/") or None
        self.MAIL_SERVER = env("MAIL_SERVER") or None
        self.MAIL_PORT = env_int("MAIL_PORT", 25)
        self.MAIL_USE_TLS = env_flag("MAIL_USE_TLS", False)
        self.MAIL_USERNAME = env("MAIL_USERNAME") or None
        self.MAIL_PASSWORD = env("MAIL_PASSWORD") or None
        self.MAIL_DEFAULT_SENDER = env("MAIL_DEFAULT_SENDER", "Enrollment <no-reply@localhost>")
        self.MAIL_TIMEOUT = env_int("MAIL_TIMEOUT", 10)

    def check(self):
        """Raise ConfigError when this configuration cannot run as set."""


class DevelopmentConfig(Config):
    """Local development: debug on (templates and assets re-read when they change; FLASK_DEBUG=0 turns it
    off, as a benchmark or a staging server runs), embedded database unless MONGO_URI is set."""

    ENV_NAME = "development"

    def __init__(self):
        super().__init__()
        self.DEBUG = env_flag("FLASK_DEBUG", True)
        self.SECRET_KEY = self.SECRET_KEY or "dev-only-not-secret"


class TestingConfig(Config):
    """The test suite: a fresh embedded database per app (or TEST_MONGO_URI), no seed data."""

    ENV_NAME = "testing"
    TESTING = True
    RATELIMIT_ENABLED = False
    WTF_CSRF_ENABLED = False

    def __init__(self):
        super().__init__()
        self.SECRET_KEY = "testing-only"
        self.MONGO_URI = os.environ.get("TEST_MONGO_URI")
        # a test server may be a slow stand-in that answers one command at a time: do not let the
        # driver's health checks give up on it in the middle of a large insert
        self.MONGO_TIMEOUT_MS = env_int("MONGO_TIMEOUT_MS", 30000)
        self.SEED_DATA_DIR = None
        self.RATELIMIT_STORAGE_URI = "memory://"
        # tests never mail anyone by accident: a test that wants mail points MAIL_SERVER at its own server
        self.MAIL_SERVER, self.SITE_URL, self.REQUIRE_EMAIL_CONFIRMATION = None, None, False


class ProductionConfig(Config):
    """Heroku: secrets from the environment, hardened cookies and headers."""

    ENV_NAME = "production"
    CONFIRMATION_BY_DEFAULT = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HTTPS_ONLY = True
    PROXY_FIX = True
    LOG_TO_STDOUT = True

    def __init__(self):
        super().__init__()
        self.SEED_DATA_DIR = None
        self.MONGO_TIMEOUT_MS = env_int("MONGO_TIMEOUT_MS", 2000)
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or self.MONGO_URI
        self.RATELIMIT_SWALLOW_ERRORS = True
        if self.RATELIMIT_STORAGE_URI and self.RATELIMIT_STORAGE_URI.startswith("mongodb"):
            # keep the limiter's counters in the app's own database, shared by every dyno and worker
            self.RATELIMIT_STORAGE_OPTIONS = {
                "database_name": urlsplit(self.RATELIMIT_STORAGE_URI).path.lstrip("/") or "limits",
                "counter_collection_name": "ratelimit_counters",
                "window_collection_name": "ratelimit_windows",
                "serverSelectionTimeoutMS": self.MONGO_TIMEOUT_MS,
            }

    def check(self):
        """Refuse to start without the secrets production needs."""
        if not self.SECRET_KEY:
            raise ConfigError("SECRET_KEY is not set: production needs a long random secret")
        if not self.MONGO_URI:
            raise ConfigError("MONGO_URI is not set: production needs a MongoDB connection string")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(env_name=None):
    """Return the configuration object for APP_ENV (or the name given)."""
    name = (env_name or os.environ.get("APP_ENV") or "development").strip().lower()
    if name not in CONFIGS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(CONFIGS)}, got {name!r}")
    return CONFIGS[name]()
