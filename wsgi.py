"""Entry point for `flask` (run from the repository root) and for gunicorn (`gunicorn wsgi:app`)."""

from signaal import create_app

app = create_app()
