"""Signals this app sends for the apps above it, which it may not import."""

from django.dispatch import Signal

# Sent with `round` once a round's closing release is committed (named rounds too): its results are out.
results_released = Signal()
