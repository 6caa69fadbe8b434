"""The delegation, the host's officials, attendance and the agenda."""
