"""Exports: documents made from the service's pages and data (PDF now; Word, Excel and CSV to follow)."""
