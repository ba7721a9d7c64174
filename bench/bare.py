"""The baseline: the smallest Flask page, served by the same gunicorn settings as the site."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    """Answer with a few bytes and nothing else."""
    return "ok"
