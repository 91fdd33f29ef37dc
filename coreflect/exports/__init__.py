"""Exports: the round report (page, PDF, Word), a round's data (Excel, CSV, JSON) and share links."""
