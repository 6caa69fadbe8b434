"""The shape of the code base, as CONTRIBUTING.md draws it: imports and model
relations flow one way between the apps, the data generators live outside the
domain apps, and modules and views stay a size a newcomer can read."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

DOMAIN_APPS = ("agencies", "visits", "reports", "privacy")
# Below the domain apps: shared by them, importing none of them.
SHARED = ("uploads", "edits", "history", "lifecycle", "backups", "pagecache")
# What each package must never import, nor point a model at. The domain apps
# stack agencies ← visits ← reports ← privacy; demo sits on all of them and
# nothing imports it.
FORBIDDEN = {
    "agencies": {"visits", "reports", "privacy", "demo"},
    "visits": {"reports", "privacy", "demo"},
    "reports": {"privacy", "demo"},
    "privacy": {"demo"},
    "studitiru": {"demo"},
    **{package: {*DOMAIN_APPS, "demo"} for package in SHARED},
}
LARGEST_MODULE = 600  # lines, in a domain app
LONGEST_VIEW = 40  # lines of a view function, docstring included
GENERATOR_NAMES = {"demo", "national_data", "load_demo", "demo_accounts", "generate_national_data"}


def modules(package):
    return sorted(p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def imported_packages(source):
    """The top-level packages a Python source imports, at the top or lazily
    inside a function; a relative import stays in its own package."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def test_an_upward_import_is_recognised():
    found = [
        name for _, name in imported_packages("def f():\n    from reports.models import Report\n")
    ]
    assert found == ["reports"]
    assert [name for _, name in imported_packages("import demo.load\nfrom .demo import x\n")] == [
        "demo"
    ]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_flow_one_way(package):
    files = modules(package)
    upward = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for path in files
        for line, target in imported_packages(path.read_text())
        if target in FORBIDDEN[package]
    ]
    assert files
    assert upward == []


@pytest.mark.parametrize("app_label", DOMAIN_APPS)
def test_model_relations_flow_one_way(app_label):
    upward = [
        f"{model.__name__}.{field.name} → {field.related_model._meta.label}"
        for model in apps.get_app_config(app_label).get_models()
        for field in model._meta.get_fields()
        # auto_created: the reverse side of a relation declared elsewhere.
        if field.is_relation and not field.auto_created and field.related_model is not None
        if field.related_model._meta.app_label in FORBIDDEN[app_label]
    ]
    assert apps.get_app_config(app_label).get_models()
    assert upward == []


def test_no_domain_app_holds_a_data_generator():
    generators = [
        str(path.relative_to(ROOT))
        for app in DOMAIN_APPS
        for path in (ROOT / app).rglob("*")
        if path.stem in GENERATOR_NAMES
    ]
    assert generators == []


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_domain_modules_stay_readable(app):
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in modules(app)
        if (lines := len(path.read_text().splitlines())) >= LARGEST_MODULE
    }
    assert too_long == {}


def view_modules():
    for app in DOMAIN_APPS:
        for path in modules(app):
            if path.stem == "views" or "views" in path.relative_to(ROOT).parts[:-1]:
                yield path


def test_view_functions_stay_short():
    views = list(view_modules())
    too_long = {
        f"{path.relative_to(ROOT)}:{node.name}": lines
        for path in views
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef)
        if (lines := node.end_lineno - node.lineno + 1) > LONGEST_VIEW
    }
    assert views
    assert too_long == {}
