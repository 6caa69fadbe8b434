"""Edits that never overwrite each other: the one guard every edit form uses.

Shared by the three apps and importing none of them (like ``uploads``)."""
