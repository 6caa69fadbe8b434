"""Uploaded files, whichever app receives them: pictures checked by their
content (``uploads.images``) and stored files deleted once nothing names them
any more (``uploads.cleanup``).

A package of helpers, not an app: ``agencies``, ``visits`` and ``reports`` all
import it, and it imports none of them, so the one-way flow of imports
(reports → visits → agencies) stays as it is.
"""
