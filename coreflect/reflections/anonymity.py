"""The rules that keep small groups hidden in anonymous rounds: which groups a table may show.

A results table counts, for one principle, how the people of each perspective answered one question
(which stage, RED/AMBER/GREEN, whether they ticked a statement). Perspectives roll up into sides (lived
experience, staff, others) for perception gaps, and everything rolls up into the whole round. Anyone who
sees several pages can subtract: the round's figures less the groups shown leave the groups hidden,
taken together. So hiding a small group alone is never enough, and the rule is about what is left over:

- a perspective with fewer people than the threshold is hidden ("small");
- wherever figures are shown for a whole (the round, or a side), the groups hidden inside it, taken
  together, must be *ambiguous*: none at all, or at least two groups with people in them, at least
  `threshold` people between them, and at least two different answers among them. Then any person's
  answer could belong to either group, so every hidden group's figures have more than one possible
  value, whatever else a reader knows. Until that holds, more groups are hidden, smallest first
  ("protects": hidden only so that a smaller group cannot be worked out);
- a side with fewer people than the threshold is hidden with all its perspectives, and the hidden sides
  must be ambiguous in the same way within the round (their perspectives being the groups).

If every group inside a side is hidden and they are still not ambiguous (everyone on that side answered
alike), the side is hidden too; if that happens to the whole round, nothing of the table is shown, since
"everyone said GREEN" says what the small group said ("alike"). Zero counts identify nobody.
"""

from collections import Counter
from dataclasses import dataclass, field

SMALL = "small"  # fewer people than the threshold
PROTECTS = "protects"  # big enough, hidden so that a smaller group cannot be worked out
ALIKE = "alike"  # everyone answered alike, with a small group among them


def suppress_small_counts(counts: dict, threshold: int) -> dict:
    """Counts of people (how many took part, not how they answered) with small ones hidden as None –
    and, where one is hidden, enough others that the total less those shown never gives it away."""
    if threshold <= 1:
        return dict(counts)
    hidden = {key for key, count in counts.items() if 0 < count < threshold}
    while 0 < sum(counts[key] for key in hidden) < threshold or len([k for k in hidden if counts[k]]) == 1:
        candidates = [key for key in counts if key not in hidden and counts[key]]
        if not candidates:
            break
        hidden.add(min(candidates, key=lambda key: (counts[key], str(key))))
    return {key: (None if key in hidden else count) for key, count in counts.items()}


@dataclass
class Protection:
    """What one table may show: the perspectives hidden (with why), the sides hidden, and whether
    anything at all may be shown – and if not, why (too few people, or everyone answered alike while a
    small group is among them)."""

    hidden: dict = field(default_factory=dict)  # row -> SMALL or PROTECTS
    hidden_sides: set = field(default_factory=set)
    shown: bool = True
    why: str = ""  # when nothing is shown: SMALL or ALIKE

    def shows(self, row) -> bool:
        return self.shown and row not in self.hidden

    def shows_side(self, side) -> bool:
        return self.shown and side not in self.hidden_sides


def ambiguous(groups: list[Counter], threshold: int) -> bool:
    """Whether the figures of these hidden groups, known only in total, could each be more than one thing."""
    groups = [group for group in groups if sum(group.values())]
    if not groups:
        return True
    together = sum(groups, Counter())
    answers = sum(1 for count in together.values() if count)
    return len(groups) >= 2 and together.total() >= threshold and answers >= 2


def protect(rows: dict, threshold: int, side_of: dict | None = None) -> Protection:
    """Which rows of a table may be shown. `rows`: row -> {answer: number of people}; `side_of`: row ->
    side, when the table's sides are shown too (perception gaps), else None."""
    if threshold <= 1:
        return Protection()
    rows = {row: Counter(answers) for row, answers in rows.items()}
    size = {row: answers.total() for row, answers in rows.items()}
    everyone = [row for row in rows if size[row]]
    if sum(size.values()) < threshold:
        return Protection({row: SMALL for row in everyone}, set(side_of.values()) if side_of else set(), False, SMALL)
    small = {row: SMALL for row in everyone if size[row] < threshold}

    def settle(hidden: dict, members: list) -> bool:
        """Hide more of `members`, smallest first, until those hidden are ambiguous; False if they never are."""
        while not ambiguous([rows[row] for row in members if row in hidden], threshold):
            candidates = [row for row in members if row not in hidden and size[row]]
            if not candidates:
                return False
            hidden[min(candidates, key=lambda row: (size[row], str(row)))] = PROTECTS
        return True

    def alike() -> Protection:
        # Everyone inside a figure that must be shown answered alike, with a small group among them:
        # showing it would show that group's answers. Nothing of this table is shown.
        return Protection({row: small.get(row, PROTECTS) for row in everyone}, set(sides), False, ALIKE)

    if side_of is None:
        sides: dict = {}
        hidden = dict(small)
        return Protection(hidden) if settle(hidden, list(rows)) else alike()
    sides = {}
    for row in rows:
        sides.setdefault(side_of[row], []).append(row)
    side_rows = {side: Counter({row: size[row] for row in members}) for side, members in sides.items()}
    hidden_sides = {side for side, members in side_rows.items() if 0 < members.total() < threshold}
    while True:
        # The round as a whole: the sides hidden must be ambiguous, their perspectives being the groups.
        while not ambiguous([rows[row] for side in hidden_sides for row in sides[side]], threshold):
            candidates = [side for side in sides if side not in hidden_sides and side_rows[side].total()]
            if not candidates:
                return alike()
            hidden_sides.add(min(candidates, key=lambda side: (side_rows[side].total(), str(side))))
        hidden = dict(small)
        for side in hidden_sides:
            hidden.update({row: small.get(row, PROTECTS) for row in sides[side] if size[row]})
        # Each side shown: the perspectives hidden inside it must be ambiguous, or the side is hidden too.
        unsettled = [side for side in sides if side not in hidden_sides and not settle(hidden, sides[side])]
        if not unsettled:
            return Protection(hidden, hidden_sides)
        hidden_sides.update(unsettled)
