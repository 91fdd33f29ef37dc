"""Keeping small groups hidden in anonymous rounds.

A count of people below the round's threshold is never shown: it becomes None ("fewer than N").
Hiding one cell is not enough when the total is shown – the hidden cell would be the total minus
the others – so when exactly one cell is hidden, the next smallest cell is hidden with it.
"""


def suppress_small_counts(counts: dict, threshold: int) -> dict:
    """Counts with every cell of 1..threshold-1 people replaced by None, plus complementary hiding."""
    if threshold <= 1:
        return dict(counts)
    hidden = {key for key, count in counts.items() if 0 < count < threshold}
    shown = {key: count for key, count in counts.items() if key not in hidden}
    if len(hidden) == 1 and shown:
        hidden.add(min(shown, key=lambda key: (shown[key], str(key))))
    return {key: (None if key in hidden else count) for key, count in counts.items()}
