"""Live workshops: a group in a room reflecting together, with phones, a projector and dots."""
