"""Keeping small groups hidden in anonymous rounds.

A count of people below the round's threshold is never shown: it becomes None ("fewer than N").
Hiding one small cell is not enough when totals are shown – the hidden cell would be the total minus
the others – and hiding two small cells still tells a reader that the few people in them belong to
one of those two groups. So the rule is: the people hidden in any line of a table (a row or a column)
must together number none or at least the threshold. Cells are hidden, smallest first, until that
holds. Zero counts identify nobody and are shown.
"""


def _settle(counts: dict, hidden: set, threshold: int) -> set:
    """Hide more cells of one line until the hidden people number 0 or at least `threshold`."""
    hidden = set(hidden)
    while 0 < sum(counts[key] or 0 for key in hidden) < threshold:
        candidates = [key for key in counts if key not in hidden and counts[key]]
        if not candidates:
            break
        hidden.add(min(candidates, key=lambda key: (counts[key], str(key))))
    return hidden


def suppress_small_counts(counts: dict, threshold: int) -> dict:
    """Counts with small cells replaced by None, hiding enough that nothing can be worked back."""
    if threshold <= 1:
        return dict(counts)
    hidden = _settle(counts, {key for key, count in counts.items() if 0 < count < threshold}, threshold)
    return {key: (None if key in hidden else count) for key, count in counts.items()}


def suppress_table(table: dict, threshold: int, hidden_rows: set | frozenset = frozenset()) -> tuple[dict, set]:
    """A rows × columns table of people counts, with small cells hidden in both directions.

    `hidden_rows` are rows already hidden by another rule (say, too few people answered at all).
    Returns the table with hidden cells as None, and the set of rows hidden whole.

    Rows whose total is small are hidden whole (with `suppress_small_counts` on the row totals);
    then every row and every column is settled in turn until nothing changes, so neither row totals
    nor column totals can be used to work back a hidden cell.
    """
    if threshold <= 1:
        return {row: dict(cells) for row, cells in table.items()}, set()
    row_totals = {row: sum(cells.values()) for row, cells in table.items()}
    hidden_rows = set(hidden_rows) | {
        row for row, total in suppress_small_counts(row_totals, threshold).items() if total is None
    }
    columns = list(dict.fromkeys(column for cells in table.values() for column in cells))
    hidden = {(row, column) for row in hidden_rows for column in columns}
    hidden |= {
        (row, column) for row, cells in table.items() for column, count in cells.items() if 0 < count < threshold
    }

    def value(row, column):
        return table[row].get(column, 0)

    changed = True
    while changed:
        changed = False
        for row in table:
            line = {column: value(row, column) for column in columns}
            settled = _settle(line, {column for column in columns if (row, column) in hidden}, threshold)
            new = {(row, column) for column in settled} - hidden
            if new:
                hidden |= new
                changed = True
        for column in columns:
            line = {row: value(row, column) for row in table}
            settled = _settle(line, {row for row in table if (row, column) in hidden}, threshold)
            new = {(row, column) for row in settled} - hidden
            if new:
                hidden |= new
                changed = True
    cells = {
        row: {column: (None if (row, column) in hidden else value(row, column)) for column in columns} for row in table
    }
    return cells, hidden_rows
