"""The demo app sits on top of the others: it imports every domain app, and
no other app of the portal imports it, so the generators can change without
touching the domain."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS_BELOW = [
    "agencies",
    "visits",
    "reports",
    "privacy",
    "uploads",
    "history",
    "edits",
    "backups",
    "studitiru",
]


def imported_modules(source):
    """The absolute names of the modules a Python source imports."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def imports_the_demo(source):
    return any(name.split(".")[0] == "demo" for name in imported_modules(source))


@pytest.mark.parametrize("app", APPS_BELOW)
def test_no_app_below_imports_the_demo(app):
    files = sorted((Path(settings.BASE_DIR) / app).rglob("*.py"))

    assert files
    assert [str(f) for f in files if imports_the_demo(f.read_text())] == []


def test_an_import_of_the_demo_is_recognised():
    assert imports_the_demo("from demo import national_data\n")
    assert imports_the_demo("import demo.load\n")
    assert imports_the_demo("from demo.accounts import DEMO_PASSWORD\n")
    assert not imports_the_demo("from visits.models import Visit\n# demo\n")
    assert not imports_the_demo("from .demonstration import x\n")
