"""The WSGI entry point that gunicorn loads in each worker of `kollega serve`."""

from backend import create_app

# The supervisor migrated the audit store before starting gunicorn (backend/server.py): the workers only check.
app = create_app(migrate=False)
