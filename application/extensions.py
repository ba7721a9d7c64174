"""Unbound Flask extensions, initialised by the app factory."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mongoengine import MongoEngine
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

db = MongoEngine()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)
talisman = Talisman()
