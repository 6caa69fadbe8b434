"""The benchmark's PostgreSQL databases (``run.py``): the data set's own,
created when missing and marked once generated, its backends (whose CPU is
measured) and the copy the mixed load writes to."""

import json
import urllib.parse

from benchmarks.load import BenchmarkError


def connect_server(url):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password or "") or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=5,
    )


def database_name(url) -> str:
    return urllib.parse.urlsplit(url).path.lstrip("/")


def prepare_database(url, *, scale, regenerate) -> dict | None:
    """Create the database when missing (drop it first with ``regenerate``,
    or when it holds another scale); return what the last complete generation
    recorded on it (its comment), or None when the data is still to be made."""
    from psycopg import sql

    name = database_name(url)
    with connect_server(url) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        try:
            generated = json.loads(row[0]) if row and row[0] else None
        except ValueError:
            generated = None
        if row and (regenerate or (generated and generated.get("scale") != scale)):
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            row = generated = None
        if row is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return generated


def mark_generated(url, info):
    """Record on the database (its comment) that generation completed."""
    from psycopg import sql

    with connect_server(url) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(database_name(url)), sql.Literal(json.dumps(info))
            )
        )


def database_backends(url, *, exclude) -> list[int]:
    """The PostgreSQL processes connected to the benchmark database (the
    workers' persistent connections), but ``exclude``, this process's own."""
    with connect_server(url) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
            [database_name(url), exclude],
        ).fetchall()
    return [pid for (pid,) in rows]


def copy_database(url, copy):
    """``copy``, a new database made from the one of ``url`` (nobody may be
    connected to it meanwhile), dropped first if a run left it behind."""
    from psycopg import sql

    with connect_server(url) as conn:
        drop_database(conn, copy)
        try:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(copy), sql.Identifier(database_name(url))
                )
            )
        except Exception as error:
            raise BenchmarkError(
                f"cannot copy {database_name(url)} (is someone connected to it?): {error}"
            ) from error


def drop_database(conn, name):
    from psycopg import sql

    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
