"""Reflection rounds, their participants and responses: the participant journey and paper entry."""
