"""Entry point: `app` for gunicorn and `flask --app main`; `python main.py` runs the dev server."""
import os

from dotenv import load_dotenv

load_dotenv()

from application import create_app  # noqa: E402 - the environment must be loaded first

app = create_app()

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")), use_reloader=False)
