"""The one test of an uploaded PDF, by its content."""

import io

import pytest

from uploads.documents import is_pdf


@pytest.mark.parametrize(
    ("content", "pdf"),
    [
        (b"%PDF-1.7\n...", True),
        (b"\xef\xbb\xbf" + b" " * 500 + b"%PDF-1.4", True),  # readers allow junk first
        (b" " * 1024 + b"%PDF-1.4", False),
        (b"\xff\xd8\xff\xe0 a JPEG", False),
        (b"", False),
    ],
)
def test_a_pdf_is_known_by_its_header(content, pdf):
    upload = io.BytesIO(content)
    upload.read(3)

    assert is_pdf(upload) is pdf
    assert upload.tell() == 0
