"""The benchmark harness: the site under gunicorn beside a bare Flask page, and a registration-opening run."""
