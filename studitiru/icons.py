"""The portal's icons: one SVG sprite of exactly the Bootstrap Icons it uses.

``{% icon "calendar-event" "me-1" %}`` (a builtin tag: no ``{% load %}``)
draws ``<svg class="bi me-1" aria-hidden="true"><use href="…icons.svg#calendar-event">``,
sized and aligned like the old font icons (``.bi`` in ``static/css/portal.css``).
An icon is decorative unless it is given a ``label``: then it is an image with
that name (``role="img"``, ``aria-label``). Icons that carry meaning elsewhere
sit beside visually-hidden text, as they did with the font.

The sprite is built by ``npm run build`` (``frontend/build.mjs``, run by the
Makefile's install targets) from the names it finds in the code: a template's
``{% icon "…" %}`` or ``icon="…"``, a Python ``icon="…"`` or
``"icon": "…"``. A name computed otherwise would be missing from the
sprite, so write names in one of those forms (``tests/test_icons.py`` checks
every page a test fetches and every name in the code against the sprite).
"""

import functools
import re
from pathlib import Path

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html

SPRITE = "build/icons.svg"
# The forms in which the build looks for icon names (frontend/build.mjs has the same).
NAME_PATTERNS = (
    re.compile(r"""\{%\s*icon\s+["']([a-z0-9-]+)["']"""),
    re.compile(r"""\bicon\s*=\s*["']([a-z0-9-]+)["']"""),
    re.compile(r"""["']icon["']\s*:\s*["']([a-z0-9-]+)["']"""),
)

# The packages whose Python code may name icons (frontend/build.mjs reads the same).
PYTHON_PACKAGES = (
    "agencies",
    "visits",
    "reports",
    "privacy",
    "studitiru",
    "lifecycle",
    "edits",
    "history",
    "uploads",
)

register = template.Library()


@register.simple_tag
def icon(name, classes="", *, label=""):
    """The icon ``name`` from the sprite, with extra ``classes``; decorative
    (hidden from screen readers) unless ``label`` names it."""
    return _svg(sprite_url(), name, classes, str(label))


@functools.lru_cache(maxsize=2048)
def _svg(sprite, name, classes, label):
    # A list page draws a hundred icons from a few dozen distinct ones.
    css = f"bi {classes}".strip()
    href = f"{sprite}#{name}"
    if label:
        return format_html(
            '<svg class="{}" role="img" aria-label="{}"><use href="{}"></use></svg>',
            css,
            label,
            href,
        )
    return format_html('<svg class="{}" aria-hidden="true"><use href="{}"></use></svg>', css, href)


@functools.cache
def sprite_url():
    """The sprite's static URL (hashed in production), worked out once."""
    return static(SPRITE)


@receiver(setting_changed)
def _static_changed(setting, **kwargs):
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES"}:
        sprite_url.cache_clear()


def sprite_path():
    return Path(settings.BASE_DIR) / "static" / SPRITE


def sprite_names():
    """The names of the icons the built sprite holds."""
    return set(re.findall(r'<symbol id="([a-z0-9-]+)"', sprite_path().read_text()))
