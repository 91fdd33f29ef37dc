"""Organisations, memberships, roles and invitations, and the tenant-scoping every view uses."""
