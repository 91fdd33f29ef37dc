"""The one gatekeeper: every figure anyone but the participant sees of a round's answers comes from here.

Results pages, ideas, the round page's counts – and later the workshop's projector, reports, exports and
emails – read a round's answers only through `figures(round)`, never from the answers or running totals
themselves (tests/test_architecture.py fails the build when a view module tries). For an anonymous round
it gives:

- the totals as last *released* (release.py): they change only when at least the round's threshold of
  people with one perspective have sent or changed their answers, or when the round closes;
- each table with its small groups hidden *together*, by the rules in anonymity.py, so that no figure
  on any page, combined with any other, pins down a hidden group's answers.

Named rounds show everything, live: people were told their name would be seen.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Count, Q

from coreflect.frameworks.wording import has_easy_read
from coreflect.language import lens

from . import release
from .anonymity import ALIKE, PROTECTS, SMALL, Protection, protect, suppress_small_counts
from .models import PerspectiveGroup, Rag, Round

RAGS = [Rag.RED, Rag.AMBER, Rag.GREEN]
NO_ANSWER = ""  # a person who answered the principle but not this question
SIDES = [PerspectiveGroup.LIVED_EXPERIENCE, PerspectiveGroup.STAFF]


@dataclass(frozen=True)
class Hidden:
    """A figure left out to keep answers anonymous, and why (templates say which)."""

    reason: str
    hidden = True

    @property
    def small(self) -> bool:
        return self.reason == SMALL

    @property
    def protects(self) -> bool:
        return self.reason == PROTECTS

    @property
    def alike(self) -> bool:
        return self.reason == ALIKE


SMALL_GROUP = Hidden(SMALL)
PROTECTING = Hidden(PROTECTS)


@dataclass(frozen=True)
class Cell:
    """A running total as it may be shown: how many people of one perspective gave one combination."""

    principle: str
    perspective: int
    stage: str  # "" when no stage was chosen
    rag: str  # "" when no score was given
    ahead: bool
    n: int


@dataclass(frozen=True)
class Release:
    """Where an anonymous round's batches stand, for the sentence every results page shows."""

    live: bool  # a named round: results change as soon as people send
    released_on: object  # date of the latest release, or None
    complete: bool  # everything sent so far is included
    needs: int  # at least this many more people of one perspective before the next release


@dataclass
class Table:
    """One question of one principle, by perspective, with what may be shown of it."""

    counts: dict  # perspective pk -> Counter(answer -> people); never shown for a hidden row
    protection: Protection
    side_of: dict  # perspective pk -> side

    def row(self, pk: int) -> "Counter[Any] | Hidden":
        """{answer: people} for a shown perspective, else Hidden."""
        reason = self.protection.hidden.get(pk)
        if reason:
            return Hidden(reason)
        return self.counts.get(pk, Counter()) if self.protection.shown else Hidden(self.protection.why)

    @property
    def why_hidden(self) -> Hidden | None:
        """Why nothing of this table is shown, or None when it is."""
        return None if self.protection.shown else Hidden(self.protection.why)

    def side(self, group) -> Counter | None:
        if not self.protection.shows_side(group):
            return None
        return sum((answers for pk, answers in self.counts.items() if self.side_of[pk] == group), Counter())

    def whole(self) -> Counter | None:
        return sum(self.counts.values(), Counter()) if self.protection.shown else None

    def people(self, pk: int) -> "int | Hidden":
        row = self.row(pk)
        return row if isinstance(row, Hidden) else row.total()


class Figures:
    """What members may see of one round, read in a fixed number of queries whatever its size."""

    def __init__(self, round_: Round):
        release.release_if_closed(round_)
        self.round = round_
        self.anonymous = round_.anonymous
        self.threshold = round_.threshold if round_.anonymous else 0
        self.perspectives = list(round_.perspectives.all())
        self.side_of = {p.pk: p.group for p in self.perspectives}
        # Anonymous rounds show the totals as released; named rounds show them live.
        self._count = "shown" if self.anonymous else "n"
        rows = round_.tallies.filter(**{f"{self._count}__gt": 0}).values_list(
            "principle_key", "perspective_id", "stage_key", "rag", "ahead", self._count
        )
        self.cells = [Cell(*row) for row in rows]
        self._tables: dict = {}

    # Who took part

    @cached_property
    def sent(self) -> dict:
        """perspective pk -> people whose answers are in the figures (true counts: use `sent_shown`)."""
        return {p.pk: (p.released_count if self.anonymous else p.submitted_count) for p in self.perspectives}

    @property
    def participants(self) -> int:
        return sum(self.sent.values())

    @cached_property
    def sent_shown(self) -> dict:
        return _labelled(self.sent, self.threshold)

    @cached_property
    def easy_read(self) -> "int | Hidden | None":
        """How many of the people whose answers are in the figures read the framework in Easy Read when they
        sent them – a count and nothing more, and only where neither they nor everyone else is a small group
        (the other figure is the whole less this one). None where the framework has no Easy Read."""
        if not has_easy_read(self.round.framework_version.document):
            return None
        people = self.round.participants.filter(submitted_at__isnull=False)
        if self.anonymous:
            people = people.filter(release.is_released())
        counts = people.aggregate(everyone=Count("pk"), easy=Count("pk", filter=Q(sent_in_easy_read=True)))
        easy, others = counts["easy"], counts["everyone"] - counts["easy"]
        if any(0 < n < self.threshold for n in (easy, others)):
            return SMALL_GROUP
        return easy

    @property
    def enough_people(self) -> bool:
        return self.participants >= self.threshold

    @cached_property
    def release(self) -> Release:
        waiting = [p.changes_since_release for p in self.perspectives if p.changes_since_release]
        needs = min((self.threshold - n for n in waiting), default=self.threshold)
        days = [p.released_on for p in self.perspectives if p.released_on] + [self.round.released_on]
        latest = max((day for day in days if day), default=None)
        return Release(not self.anonymous, latest, not waiting, max(needs, 1))

    # Tables

    def stages(self, principle_key: str) -> Table:
        return self._table(("stage", principle_key), principle_key, lambda cell: cell.stage, sides=True)

    def rags(self, principle_key: str) -> Table:
        return self._table(("rag", principle_key), principle_key, lambda cell: cell.rag, sides=True)

    def ticks(self, principle_key: str, indicator_key: str) -> Table:
        key = ("tick", indicator_key)
        if key not in self._tables:
            people = self.respondents(principle_key)
            counts = {}
            for p in self.perspectives:
                ticked = self.tick_counts.get((indicator_key, p.pk), 0)
                counts[p.pk] = Counter({True: ticked, False: people[p.pk] - ticked})
            self._tables[key] = Table(counts, protect(counts, self.threshold), self.side_of)
        return self._tables[key]

    def labels(self, principle_key: str) -> Table:
        """The table that decides whether a perspective may be named beside what someone wrote: the
        stage question where the framework asks one, else RED/AMBER/GREEN, else just how many people of
        each perspective answered the principle (small groups hidden, with enough others)."""
        asks = self.round.framework_version.prompt_kinds
        if "stage" in asks:
            return self.stages(principle_key)
        if "rag" in asks:
            return self.rags(principle_key)
        key = ("people", principle_key)
        if key not in self._tables:
            people = self.respondents(principle_key)
            shown = _labelled(people, self.threshold)
            hidden = {pk: n.reason for pk, n in shown.items() if isinstance(n, Hidden)}
            counts = {pk: Counter({"answered": n}) for pk, n in people.items()}
            enough = sum(people.values()) >= self.threshold
            self._tables[key] = Table(counts, Protection(hidden, set(), enough, "" if enough else SMALL), self.side_of)
        return self._tables[key]

    def respondents(self, principle_key: str) -> dict:
        """perspective pk -> people who answered the principle (true counts, for building tables)."""
        people: defaultdict[int, int] = defaultdict(int)
        for cell in self.cells:
            if cell.principle == principle_key:
                people[cell.perspective] += cell.n
        return {p.pk: people[p.pk] for p in self.perspectives}

    def ahead(self, principle_key: str) -> int | None:
        """People whose stage is above what their ticks show (round-wide only), if the round may show it."""
        if not self.stages(principle_key).protection.shown:
            return None
        return sum(cell.n for cell in self.cells if cell.principle == principle_key and cell.ahead)

    def written(self, principle_row):
        """The answers to one principle whose words may be read: sent, and in anonymous rounds released
        (so new words never appear the moment someone sends)."""
        return _shown_answers(self.round).filter(principle=principle_row)

    @cached_property
    def tick_counts(self) -> dict:
        rows = self.round.tick_tallies.filter(**{f"{self._count}__gt": 0}).values_list(
            "indicator_key", "perspective_id", self._count
        )
        return {(indicator, perspective): n for indicator, perspective, n in rows}

    def _table(self, key, principle_key, answer_of, *, sides: bool) -> Table:
        if key not in self._tables:
            counts: dict[int, Counter[str]] = {p.pk: Counter() for p in self.perspectives}
            for cell in self.cells:
                if cell.principle == principle_key:
                    counts[cell.perspective][answer_of(cell) or NO_ANSWER] += cell.n
            protection = protect(counts, self.threshold, self.side_of if sides else None)
            self._tables[key] = Table(counts, protection, self.side_of)
        return self._tables[key]


def figures(round_: Round) -> Figures:
    return Figures(round_)


def participation(round_: Round) -> dict:
    """Started and sent, overall and by perspective, live (no answers in them): small groups hidden in
    anonymous rounds."""
    perspectives = list(
        round_.perspectives.annotate(
            started=Count("participants"),
            submitted=Count("participants", filter=Q(participants__submitted_at__isnull=False)),
        ).order_by("position")
    )
    threshold = round_.threshold if round_.anonymous else 0
    started = _labelled({row.pk: row.started for row in perspectives}, threshold)
    submitted = _labelled({row.pk: row.submitted for row in perspectives}, threshold)
    return {
        "started": sum(row.started for row in perspectives),
        "submitted": sum(row.submitted for row in perspectives),
        "by_perspective": [
            {"perspective": row, "started": started[row.pk], "submitted": submitted[row.pk]} for row in perspectives
        ],
    }


def answered(round_: Round) -> list:
    """(perspective, people who have sent their answers) for each perspective, as the results count them: in
    anonymous rounds as last released (so the figure moves in batches, never one person at a time) with
    small groups – and enough others to protect them – replaced by Hidden; live in named rounds."""
    release.release_if_closed(round_)
    perspectives = list(round_.perspectives.all())
    counts = {p.pk: (p.released_count if round_.anonymous else p.submitted_count) for p in perspectives}
    shown = _labelled(counts, round_.threshold if round_.anonymous else 0)
    return [(p, shown[p.pk]) for p in perspectives]


@dataclass(frozen=True)
class WordsUsed:
    """How often the lens's deficit phrases (`Entry`, ...) and asset-based phrases (key, words, ...) were used:
    in everyone's words, and {perspective pk: count or Hidden}; most used first."""

    phrases: list  # (Entry, everyone, {perspective pk: count | Hidden})
    assets: list  # (key, words, everyone, {perspective pk: count | Hidden})
    hidden: dict  # perspective pk -> Hidden, for each perspective whose figures are not shown


def words_used(data: Figures) -> WordsUsed:
    """How often people used the lens's phrases, in the texts the words page shows (sent, and in anonymous
    rounds released), by the organisation's phrase list: its own entries in, those it switched off out.

    A perspective is shown only where every table names it: big enough across the round, and beside what
    people wrote for each principle its people answered (the words page's labels) – so each of its figures
    sums texts the words page already labels with it. Everyone's figure less those shown sums the groups
    hidden: none, or at least two with at least the threshold of people between them (more are hidden,
    smallest first, until that holds)."""
    hidden = {pk: n for pk, n in data.sent_shown.items() if isinstance(n, Hidden)}
    for principle in data.round.framework_version.principles:
        labels = data.labels(principle["key"])
        for pk, people in data.respondents(principle["key"]).items():
            if people and not labels.protection.shows(pk):
                hidden.setdefault(pk, PROTECTING)  # big enough across the round, small beside this principle
    while len(hidden) == 1 or 0 < sum(data.sent[pk] for pk in hidden) < data.threshold:
        candidates = [p.pk for p in data.perspectives if p.pk not in hidden and data.sent[p.pk]]
        if not candidates:
            break
        hidden[min(candidates, key=lambda pk: (data.sent[pk], pk))] = PROTECTING
    texts: defaultdict[int | None, list[str]] = defaultdict(list)
    rows = _shown_answers(data.round).values_list("participant__perspective_id", "evidence", "reflections", "ideas")
    for perspective_pk, *written in rows.iterator():
        texts[perspective_pk].extend(text for text in written if text)
    matcher, entries = lens.matcher_for(data.round.organisation), {}  # read whatever the figures: same queries
    if not data.enough_people:
        texts.clear()
    phrases: defaultdict[str, Counter] = defaultdict(Counter)
    assets: defaultdict[tuple[str, str], Counter] = defaultdict(Counter)
    for perspective_pk, written in texts.items():
        for match in (match for text in written for match in matcher.find(text)):
            phrases[match.entry.key][perspective_pk] += 1
            entries[match.entry.key] = match.entry
        for key, words, n in lens.asset_counts(written):
            assets[key, words][perspective_pk] = n

    def shown(counts: Counter) -> tuple[int, dict]:
        return counts.total(), {p.pk: hidden.get(p.pk, counts[p.pk]) for p in data.perspectives}

    def ranked(found: dict) -> list:
        return sorted(found.items(), key=lambda item: (-item[1].total(), item[0]))

    return WordsUsed(
        [(entries[key], *shown(counts)) for key, counts in ranked(phrases)],
        [(key, words, *shown(counts)) for (key, words), counts in ranked(assets)],
        hidden,
    )


def _labelled(counts: dict, threshold: int) -> dict:
    """Counts of people with small ones (and those hidden to protect them) replaced by Hidden."""
    shown = suppress_small_counts(counts, threshold)
    return {
        key: (SMALL_GROUP if counts[key] < threshold else PROTECTING) if value is None else value
        for key, value in shown.items()
    }


def ideas_to_collect(round_: Round):
    """The answers whose ideas may be collected: sent, and in anonymous rounds released."""
    release.release_if_closed(round_)
    return _shown_answers(round_)


def readable_answers(round_: Round):
    """Every answer whose words others may read (sent, and in anonymous rounds released), for downloads:
    a named round's data lists them person by person; an anonymous round's only an admin's raw export,
    which is explained to them first and recorded."""
    release.release_if_closed(round_)
    return _shown_answers(round_)


def _shown_answers(round_: Round):
    """Answers others may read: sent, and in anonymous rounds released."""
    answers = round_.responses.filter(participant__submitted_at__isnull=False)
    if round_.anonymous:
        answers = answers.filter(participant__in=round_.participants.filter(release.is_released()))
    return answers


def idea_label_shown(data: Figures, principle_key: str, perspective_id: int | None) -> bool:
    """Whether an idea from someone's answers may say which perspective it came from."""
    return perspective_id is not None and data.labels(principle_key).protection.shows(perspective_id)


HANDS = "hands"  # a show of hands counted in the room: a row of its own, with no perspective


def spread(round_: Round, counts: dict) -> Table:
    """How a group in the room answered one question (a workshop's votes), as the projector may show it.
    `counts`: perspective pk, or HANDS for a show of hands, -> Counter(answer -> people). People in a room
    can see each other, so small groups are hidden by the round's threshold whether or not the round is
    anonymous, by the same rules as results: each perspective shown has at least the threshold, and the
    groups hidden, taken together, are ambiguous."""
    counts = {row: Counter(answers) for row, answers in counts.items()}
    return Table(counts, protect(counts, round_.threshold), {})


def head_counts(round_: Round, counts: dict) -> dict:
    """How many people of each group took part in something in the room (counts only, no answers), with
    small groups – and enough others to protect them – replaced by Hidden, by the round's threshold."""
    return _labelled(counts, round_.threshold)
