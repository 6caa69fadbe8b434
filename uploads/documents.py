"""Uploaded documents, checked by their content: the one test of a PDF, for
letters (``visits.validators``) and progress evidence (``reports.forms.plan``)."""


def is_pdf(upload) -> bool:
    """Whether ``upload`` starts like a PDF: ``%PDF-`` within the first 1024
    bytes, as PDF readers allow. The file is left at its start."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    return b"%PDF-" in head
