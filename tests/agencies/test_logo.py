"""Agency logos, printed on the letterhead of every PDF document."""

from agencies.models import logo_path


def test_every_uploaded_logo_gets_a_name_of_its_own():
    """A PDF cached by its HTML would otherwise keep showing a replaced logo."""
    first, second = logo_path(None, "Logo Dinsos.PNG"), logo_path(None, "Logo Dinsos.PNG")

    assert first != second
    assert first.startswith("agencies/logos/") and first.endswith(".png")
    assert "Dinsos" not in first
