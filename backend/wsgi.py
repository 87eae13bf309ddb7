"""The WSGI entry point that gunicorn loads in each worker."""

from backend import create_app

app = create_app()
