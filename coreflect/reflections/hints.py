"""An honest hint for the person answering: a stage chosen well above the statements they ticked.

Each statement belongs to a stage of the framework. Where someone's chosen stage is two or more stages above
the highest stage among the statements they ticked, their principle page and their check-answers page (and
the facilitator's paper-entry page, for a paper form) gently say so and invite a second look, or a word in
the evidence; the task list they land on after saving says so in a line. It never stops anyone saving or sending, is worked out afresh from the answer each time a page
is shown, and is stored nowhere: nobody else sees it, and it is in no result or export.

With no statement ticked, the answer is taken to sit at the first stage, which needs no statements (as in
the results' "stages ahead of the statements ticked"): so choosing the third stage or higher with nothing
ticked gets the hint, and the second stage does not. Frameworks that ask no stage, or tick no statements,
never show it.
"""

from collections.abc import Iterable, Mapping
from typing import Any

STAGES_AHEAD = 2  # one stage above the statements is an honest judgement; two or more is worth a second look


def stage_well_ahead(
    document: Mapping[str, Any], principle: Mapping[str, Any], stage: str, ticked: Iterable[str]
) -> bool:
    """Whether the chosen stage (a key, "" for none) is at least STAGES_AHEAD stages above the highest stage
    among the ticked statements (keys) of one principle of a framework version's document."""
    kinds = {prompt["kind"] for prompt in document["prompts"]}
    if not stage or not {"stage", "tick"} <= kinds:
        return False
    positions = {row["key"]: n for n, row in enumerate(document["stages"])}
    if stage not in positions:
        return False
    stage_of = {indicator["key"]: indicator["stage"] for indicator in principle["indicators"]}
    evidenced = [positions[stage_of[key]] for key in ticked if stage_of.get(key) in positions]
    return positions[stage] >= max(evidenced, default=0) + STAGES_AHEAD


def for_form(form) -> bool:
    """The hint for what a principle's answer form holds: what was posted, or else what was saved."""
    principle = form.principle
    document = {"prompts": [{"kind": kind} for kind in form.kinds], "stages": form.stage_docs}
    if form.is_bound:
        stage = form.data.get(form.add_prefix("stage"), "")
        ticked = form.data.getlist(form.add_prefix("ticked")) if hasattr(form.data, "getlist") else []
    else:
        stage, ticked = form.initial.get("stage", ""), form.initial.get("ticked", [])
    return stage_well_ahead(document, principle, stage or "", ticked or [])


def for_response(document: Mapping[str, Any], principle: Mapping[str, Any], response) -> bool:
    """The hint for a saved answer (a Response with its stage and ticks read already)."""
    if response is None or response.stage is None:
        return False
    return stage_well_ahead(document, principle, response.stage.key, [row.key for row in response.ticked.all()])
