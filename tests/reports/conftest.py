"""Fixtures shared by the reports tests."""

import pytest

from tests.factories import make_held_visit


@pytest.fixture
def visit(salatiga, magelang):
    """Salatiga's visit to Magelang, held ten days ago (a module that needs
    another visit defines its own)."""
    return make_held_visit(magelang.agency, salatiga.agency)
