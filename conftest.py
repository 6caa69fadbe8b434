"""Test-run configuration shared by the whole suite: a throwaway secret key
and plain static files storage (no collectstatic needed)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("TESTING", "true")
