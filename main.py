"""Entry point: `app` for gunicorn and `flask --app main`; `python main.py` runs the dev server."""
import gc
import os
import sys

from dotenv import load_dotenv

load_dotenv()

from application import create_app  # noqa: E402 - the environment must be loaded first
from application.embedded import load_seed_data  # noqa: E402
from config import ConfigError  # noqa: E402

try:
    app = create_app()
    load_seed_data(app)
except ConfigError as exc:
    sys.exit(f"error: {exc}")
# what start-up made (the app, and the embedded store's documents) lives as long as the process: the
# garbage collector need not walk it again at every full collection, a pause felt by every request
gc.collect()
gc.freeze()

if __name__ == "__main__":
    # no interactive debugger: errors get the site's own error page, and /console stays closed
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")), use_reloader=False, use_debugger=False)
