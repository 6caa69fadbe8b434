"""The good-practice directory."""
