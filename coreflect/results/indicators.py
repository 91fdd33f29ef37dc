"""Which statements people recognise, and the words they wrote, with small groups protected.

Indicator shares come from the gatekeeper (`reflections.disclosure`): ticks per statement and perspective,
each statement's table protected on its own. Texts are listed per principle, filterable by perspective
and stage; a filter that would single out a hidden group is refused, and a text is labelled with its
perspective and stage only where the results pages show that group.
"""

import functools
import hashlib
import hmac
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from coreflect.reflections.disclosure import Figures, Hidden
from coreflect.reflections.models import Round

from .queries import figures_of

NOTABLE_DIFFERENCE = 30  # percentage points between perspectives worth pointing out


@dataclass
class IndicatorShare:
    principle: dict
    indicator: dict
    stage: dict
    ticked: int
    out_of: int
    by_perspective: dict = field(default_factory=dict)  # perspective pk -> percent or None (hidden)

    @property
    def percent(self) -> float | None:
        return self.ticked * 100 / self.out_of if self.out_of else None


def indicator_shares(round_: Round, figures: Figures | None = None) -> tuple[list, list[IndicatorShare]]:
    data = figures_of(round_, figures)
    document = round_.framework_version.document
    stages = {stage["key"]: stage for stage in document["stages"]}
    shares = []
    for principle in document["principles"]:
        for indicator in principle["indicators"]:
            table = data.ticks(principle["key"], indicator["key"])
            whole = table.whole()
            share = IndicatorShare(
                principle,
                indicator,
                stages[indicator["stage"]],
                whole[True] if whole is not None else 0,
                whole.total() if whole is not None else 0,
            )
            for p in data.perspectives:
                row = table.row(p.pk)
                if isinstance(row, Hidden):
                    share.by_perspective[p.pk] = row
                else:
                    share.by_perspective[p.pk] = row[True] * 100 / row.total() if row.total() else None
            shares.append(share)
    return data.perspectives, shares


def most_and_least(shares: list[IndicatorShare], count: int = 5) -> tuple[list, list]:
    answered = [share for share in shares if share.percent is not None]
    ranked = sorted(answered, key=lambda share: -share.percent)  # type: ignore[operator]  # answered ones have one
    return ranked[:count], list(reversed(ranked[-count:])) if len(ranked) > count else []


def notable_differences(shares: list[IndicatorShare], perspectives: list, count: int = 5) -> list[dict]:
    """Statements one perspective ticks far more than another (both big enough to show)."""
    labels = {p.pk: p.label for p in perspectives}
    found = []
    for share in shares:
        visible = {pk: n for pk, n in share.by_perspective.items() if n is not None and not isinstance(n, Hidden)}
        if len(visible) < 2:
            continue
        high = max(visible, key=visible.__getitem__)
        low = min(visible, key=visible.__getitem__)
        difference = visible[high] - visible[low]
        if difference >= NOTABLE_DIFFERENCE:
            found.append(
                {
                    "share": share,
                    "high": labels[high],
                    "high_percent": visible[high],
                    "low": labels[low],
                    "low_percent": visible[low],
                    "difference": difference,
                }
            )
    return sorted(found, key=lambda item: -item["difference"])[:count]


@dataclass
class Texts:
    principle: dict
    rows: list  # dicts: key, perspective label or "", stage label or "", evidence, reflections, ideas, name
    refused: bool = False
    page: int = 1
    has_next: bool = False


PAGE_SIZE = 50
KEY_LENGTH = 16  # hex characters of a text's key


def answer_key(response_pk: int) -> str:
    """A stable, opaque name for one person's answer to one principle, so a page can point at what they
    wrote without showing a database id (which would tell who answered when)."""
    digest = _keyed(settings.SECRET_KEY).copy()  # keyed once, so a big round's keys come faster
    digest.update(f"written-answer:{response_pk}".encode())
    return digest.hexdigest()[:KEY_LENGTH]


@functools.lru_cache(maxsize=2)
def _keyed(secret: str):
    return hmac.new(secret.encode(), digestmod=hashlib.sha256)


def written_answers(
    round_: Round,
    principle_key: str,
    perspective_pk: int | None = None,
    stage_key: str | None = None,
    page: int = 1,
    figures: Figures | None = None,
) -> Texts:
    """What people wrote for one principle, optionally for one perspective and/or stage, a page at a time.

    In anonymous rounds a text is labelled with its perspective only where the results show that
    perspective for this principle, and with its stage only where they show that perspective's stages;
    filtering by stage lists only texts from perspectives shown, so a stage is never pinned on someone
    from a hidden group."""
    data = figures_of(round_, figures)
    labels = TextLabels.of(round_, principle_key, data)
    principle = labels.principle
    whole = data.stages(principle_key).whole()

    if perspective_pk is not None and perspective_pk not in labels.named:
        return Texts(principle, [], refused=True)
    if stage_key is not None and (stage_key not in labels.stages or whole is None or not labels.staged):
        return Texts(principle, [], refused=True)
    if perspective_pk is not None and stage_key is not None and perspective_pk not in labels.staged:
        return Texts(principle, [], refused=True)

    answers = labels.answers()
    if perspective_pk is not None:
        answers = answers.filter(participant__perspective_id=perspective_pk)
    if stage_key is not None:
        answers = answers.filter(stage__key=stage_key, participant__perspective_id__in=labels.staged)
    start = (max(page, 1) - 1) * PAGE_SIZE
    found = list(answers.order_by("-pk").values_list(*TextLabels.COLUMNS)[start : start + PAGE_SIZE + 1])
    rows = [labels.row(*values) for values in found[:PAGE_SIZE]]
    return Texts(principle, rows, page=max(page, 1), has_next=len(found) > PAGE_SIZE)


def every_written_answer(round_: Round, figures: Figures | None = None, chunk_size: int = 2_000):
    """(principle, row) for everything people wrote, principle by principle, newest first – each row
    labelled exactly as `written_answers` labels it – read in chunks (one query per principle, whatever
    the number of answers), for downloads."""
    data = figures_of(round_, figures)
    for principle in round_.framework_version.document["principles"]:
        labels = TextLabels.of(round_, principle["key"], data)
        for values in labels.answers().order_by("-pk").values_list(*TextLabels.COLUMNS).iterator(chunk_size):
            yield principle, labels.row(*values)


def written_answers_by_key(round_: Round, principle_key: str, keys, figures: Figures | None = None) -> dict:
    """The texts of one principle with these keys (key -> row, labelled exactly as `written_answers` labels
    them today); a key whose text is no longer shown is simply missing. Two queries after the figures."""
    wanted = set(keys)
    if not wanted:
        return {}
    labels = TextLabels.of(round_, principle_key, figures_of(round_, figures))
    answers = labels.answers()
    found = [pk for pk in answers.values_list("pk", flat=True).iterator() if answer_key(pk) in wanted]
    rows = [labels.row(*values) for values in answers.filter(pk__in=found).values_list(*TextLabels.COLUMNS)]
    return {row["key"]: row for row in rows}


@dataclass
class TextLabels:
    """What may be said beside a text of one principle: which perspectives may be named (`named`) and
    which may have their stage shown (`staged`), by the same tables the results pages show."""

    round: Round
    data: Figures
    principle: dict
    stages: dict  # stage key -> the stage's document
    perspectives: dict  # perspective pk -> Perspective
    named: set
    staged: set

    COLUMNS = (
        "pk",
        "participant__perspective_id",
        "stage__key",
        "evidence",
        "reflections",
        "ideas",
        "participant__name",
    )

    @classmethod
    def of(cls, round_: Round, principle_key: str, data: Figures) -> "TextLabels":
        document = round_.framework_version.document
        principle = next(p for p in document["principles"] if p["key"] == principle_key)
        perspectives = {p.pk: p for p in data.perspectives}
        labels, stage_table = data.labels(principle_key), data.stages(principle_key)
        return cls(
            round_,
            data,
            principle,
            {stage["key"]: stage for stage in document["stages"]},
            perspectives,
            {pk for pk in perspectives if labels.protection.shows(pk)},
            {pk for pk in perspectives if stage_table.protection.shows(pk)},
        )

    def answers(self):
        """The principle's answers whose words may be read, with something written in them."""
        principle_row = self.round.framework_version.principle_rows.get(key=self.principle["key"])
        return self.data.written(principle_row).filter(Q(evidence__gt="") | Q(reflections__gt="") | Q(ideas__gt=""))

    def row(self, pk, perspective, stage, evidence, reflections, ideas, name) -> dict:
        shows_stage = bool(stage) and perspective in self.staged
        return {
            "key": answer_key(pk),  # never the pk itself
            "perspective": self.perspectives[perspective].label if perspective in self.named else "",
            "stage": self.stages[stage]["label"] if shows_stage else None,
            "stage_number": list(self.stages).index(stage) + 1 if shows_stage else None,
            "evidence": evidence,
            "reflections": reflections,
            "ideas": ideas,
            # Names exist only in named rounds, where people were told their name would be seen.
            "name": "" if self.round.anonymous else name,
        }
