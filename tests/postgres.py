"""The PostgreSQL server of the test run, for tests that make databases of
their own (the gunicorn login limits, the backup drill, the benchmark).

The server is the one in DATABASE_URL, or the machine's. Without one such a
test is skipped with the reason, except under CI, which has PostgreSQL: there
a missing server is a broken run, not a reason to let the test rot unnoticed.
"""

import os
import urllib.parse

import pytest

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/"


def server_url() -> str:
    """The server's address, ending in "/" (a database name goes after it)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/"))
    return DEFAULT_SERVER


def connect(server, dbname="postgres"):
    import psycopg

    parts = urllib.parse.urlsplit(server)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password or "") or None,
        dbname=dbname,
        autocommit=True,
        connect_timeout=3,
    )


def reachable_server(needed_for: str) -> str:
    """The server's address once it answers; otherwise skip, or fail under CI."""
    import psycopg

    server = server_url()
    try:
        connect(server).close()
    except psycopg.OperationalError as error:
        reason = f"PostgreSQL is not reachable at {server}: {needed_for} needs it ({error})"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return server


def drop_database(server, name):
    with connect(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_database(server, name):
    """A new, empty database ``name`` (an old one of that name is dropped)."""
    drop_database(server, name)
    with connect(server) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
