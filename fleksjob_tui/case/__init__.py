"""The case and its storage."""
