"""What a phone downloads: the portal's own cut of Bootstrap (only the rules
and plugins the pages use), one sprite of exactly the icons the code names
(studitiru/icons.py, frontend/build.mjs), Tom Select only where a page has a
searchable select, and in production hashed, compressed static files."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from lifecycle.actions import Action
from reports.views import plan, writing
from studitiru import icons
from tests import frontend
from tests.test_posture import production_env, run

ROOT = Path(settings.BASE_DIR)


def code_files():
    yield from (ROOT / "templates").rglob("*.html")
    for package in icons.PYTHON_PACKAGES:
        yield from (p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def named_icons():
    """Every icon name written in the code, in the forms the build reads."""
    found = {}
    for path in code_files():
        text = path.read_text()
        for pattern in icons.NAME_PATTERNS:
            for name in pattern.findall(text):
                found.setdefault(name, path.relative_to(ROOT).as_posix())
    return found


def test_every_icon_the_code_names_is_in_the_sprite():
    named = named_icons()

    missing = {name: where for name, where in named.items() if name not in frontend.sprite_names()}

    assert len(named) > 50
    assert missing == {}


def test_the_sprite_holds_only_the_icons_the_code_names():
    assert frontend.sprite_names() == set(named_icons())


@pytest.mark.parametrize("table", [writing.ACTIONS, plan.ACTIONS])
def test_the_icons_of_lifecycle_buttons_are_in_the_sprite(table):
    """Icon names built in Python reach the sprite (they are written as icon="…")."""
    names = {action.icon for action in table.values() if isinstance(action, Action) and action.icon}

    assert names
    assert names <= frontend.sprite_names()


def test_the_quick_filters_icons_are_in_the_sprite():
    assert {"hourglass-split", "alarm", "play-circle"} <= frontend.sprite_names()


def test_the_build_reads_the_python_packages_the_tests_read():
    build = (ROOT / "frontend" / "build.mjs").read_text()
    listed = re.search(r"const PYTHON_PACKAGES = \[([^\]]*)\]", build)[1]

    assert tuple(re.findall(r'"([a-z]+)"', listed)) == icons.PYTHON_PACKAGES


def test_a_decorative_icon_is_hidden_from_screen_readers():
    html = Template('{% icon "pencil" "me-1" %}').render(Context())

    assert html == (
        '<svg class="bi me-1" aria-hidden="true">'
        '<use href="/static/build/icons.svg#pencil"></use></svg>'
    )


def test_an_icon_with_a_label_is_an_image_with_that_name():
    html = Template('{% icon "check-circle-fill" "text-success" label="Hadir" %}').render(Context())

    assert html == (
        '<svg class="bi text-success" role="img" aria-label="Hadir">'
        '<use href="/static/build/icons.svg#check-circle-fill"></use></svg>'
    )


def test_no_template_uses_the_icon_font():
    font_icons = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "templates").rglob("*.html")
        if re.search(r'class="[^"]*\bbi-', path.read_text())
    ]

    assert font_icons == []


def test_the_css_keeps_the_rules_the_pages_and_bootstrap_scripts_use():
    css = (ROOT / "static" / "build" / "bootstrap.css").read_text()

    for selector in (
        ".navbar-toggler",
        ".navbar-expand-xl",
        ".dropdown-menu.show",
        ".collapsing",
        ".modal-backdrop",
        ".table-responsive",
        ".is-invalid",
        ".invalid-feedback",
        ".alert-success",
        ".alert-warning",
        ".btn-outline-danger",
        ".visually-hidden-focusable",
    ):
        assert selector in css, selector
    for unused in (".carousel", ".offcanvas", ".toast", ".popover", ".placeholder-glow"):
        assert unused not in css, unused


def test_the_script_holds_only_the_plugins_the_pages_use():
    script = (ROOT / "static" / "build" / "bootstrap.js").read_text()

    for used in ("bs.collapse", "bs.dropdown", "bs.modal"):
        assert used in script
    for unused in ("bs.carousel", "bs.tooltip", "bs.popover", "bs.offcanvas", "bs.scrollspy"):
        assert unused not in script


def test_a_page_with_a_searchable_select_loads_tom_select(client, salatiga):
    client.force_login(salatiga.staff)

    body = client.get("/kunjungan/").content.decode()

    assert "js-searchable-select" in body
    assert "tom-select.complete.min.js" in body


def test_a_page_without_one_does_not(client, salatiga):
    client.force_login(salatiga.staff)

    body = client.get("/dasbor/").content.decode()

    assert "js-searchable-select" not in body
    assert "tom-select" not in body
    assert "build/bootstrap.css" in body


def test_production_static_files_are_hashed_and_compressed(tmp_path):
    """collectstatic with DEBUG off (WhiteNoise's compressed manifest): every
    file has a hashed name that changes with its content (browsers may keep it
    a year) and gzip and brotli copies; the pages link the hashed names."""
    env = production_env(tmp_path)

    collected = run(["manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    page = run(
        [
            "-c",
            "import django; django.setup(); from django.template.loader import render_to_string; "
            "print(render_to_string('errors/500.html'))",
        ],
        env,
    )

    assert collected.returncode == 0, collected.stderr
    assert page.returncode == 0, page.stderr
    built = tmp_path / "static" / "build"
    css = re.search(r'href="/static/build/(bootstrap\.[0-9a-f]{12}\.css)"', page.stdout)
    sprite = re.search(r'href="/static/build/(icons\.[0-9a-f]{12}\.svg)#arrow-left"', page.stdout)
    assert css and sprite, page.stdout
    for name in (css[1], sprite[1]):
        assert (built / name).is_file()
        assert (built / f"{name}.gz").is_file()
        assert (built / f"{name}.br").is_file()
    assert "bootstrap-icons" not in page.stdout
