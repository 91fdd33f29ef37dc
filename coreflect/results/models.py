"""Running totals of a round's answers, so results pages cost the same for 100 or 10,000 people.

A `Tally` row counts the sent-in answers that share one principle, perspective, stage, RAG score and
"stage ahead of the statements ticked" flag; a `TickTally` row counts the ticks of one statement by
one perspective. They change in the same transaction as the answers they count (see `tallies.py`),
and `tallies.rebuild` can recount a round from the answers themselves at any time.
"""

from django.db import models

from coreflect.reflections.models import Perspective, Round


class Tally(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tallies")
    principle_key = models.CharField(max_length=60)
    perspective = models.ForeignKey(Perspective, on_delete=models.CASCADE, related_name="+")
    stage_key = models.CharField(max_length=60, blank=True)  # "" when no stage was chosen
    rag = models.CharField(max_length=5, blank=True)
    ahead = models.BooleanField(default=False)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "principle_key", "perspective", "stage_key", "rag", "ahead"], name="one_tally_per_cell"
            )
        ]

    def __str__(self):
        return f"{self.round_id}/{self.principle_key}/{self.perspective_id}/{self.stage_key}/{self.rag}: {self.n}"


class TickTally(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tick_tallies")
    indicator_key = models.CharField(max_length=60)
    perspective = models.ForeignKey(Perspective, on_delete=models.CASCADE, related_name="+")
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator_key", "perspective"], name="one_tick_tally_per_cell")
        ]

    def __str__(self):
        return f"{self.round_id}/{self.indicator_key}/{self.perspective_id}: {self.n}"
