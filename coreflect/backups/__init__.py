"""Backups: a consistent copy of the database taken while the service runs, and bringing one back."""
