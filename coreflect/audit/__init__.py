"""The audit trail: an append-only record of who did what that matters to trust and security."""
