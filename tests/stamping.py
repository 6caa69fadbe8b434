"""The check every request of the test suite passes through (conftest's
``writes_bump_stamps``): a request that writes to a table the page cache
follows (pagecache.stamps.follow) bumps the stamps of that table's rows —
through the model's signals or a ``touch`` beside a ``QuerySet.update``. A
write that slips past both would leave a cached page showing old data."""

import re

from django.core.handlers.base import BaseHandler
from django.db import connection

from pagecache import stamps

WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def followed_tables() -> dict[str, type]:
    return {model._meta.db_table: model for model in stamps.followed_models()}


def written_tables(statements) -> set[str]:
    return {match[1] for sql in statements if (match := WRITE.match(sql))}


class UnstampedWrite(AssertionError):
    pass


def check_requests(monkeypatch):
    get_response = BaseHandler.get_response
    tables = followed_tables()

    def checked(self, request):
        statements = []

        def record(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        with stamps.recording() as bumped, connection.execute_wrapper(record):
            response = get_response(self, request)
        # A bump of every page covers any table (an agency's deletion sets
        # its name to NULL on timeline rows, without their signals).
        missed = sorted(
            table
            for table in written_tables(statements)
            if table in tables
            and tables[table] not in bumped.models
            and stamps.EVERYTHING not in bumped.names
        )
        if missed:
            raise UnstampedWrite(
                f"{request.method} {request.path} wrote {', '.join(missed)} without "
                "bumping their stamps (pagecache.stamps.touch beside the update?)"
            )
        return response

    monkeypatch.setattr(BaseHandler, "get_response", checked)
