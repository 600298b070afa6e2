"""Practice: what to look at in each step of a mock interview (the interview mode's prompts)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..records import Column, ItemList, Record, Table
from . import api, framework, latency, resilience, storage

__all__ = ["TABLES", "LISTS", "InterviewPrompt", "INTERVIEW_PROMPTS", "REF_PAGES", "ref_title"]

REF_PAGES = {
    "clarifying_questions": "framework/clarifying-questions.md",
    "nfr_targets": "framework/non-functional-requirements.md",
    "rules_of_thumb": "capacity/capacity_planning.md#rules-of-thumb",
    "api_design_rules": "framework/api-design.md#design-rules",
    "schema_rules": "framework/data-model.md#schema-rules",
    "component_checklist": "framework/high-level-design.md#component-checklist",
    "deep_dives": "framework/deep-dive.md",
    "tradeoffs": "framework/trade-offs.md",
    "spof_checklist": "framework/failure-modes.md#single-points-of-failure",
}
"""Where each table or list a prompt refers to is shown (docs-relative page and section)."""


def ref_title(name: str) -> str:
    """The title of the catalog table or list ``name`` (from the topic modules it lives in)."""
    modules = (api, framework, latency, resilience, storage)
    members: Iterable[Table[Record] | ItemList] = [
        member for module in modules for member in (*module.TABLES, *module.LISTS)
    ]
    for member in members:
        if member.name == name:
            return member.title
    raise KeyError(f"no catalog table or list {name!r} for an interview prompt")


@dataclass(frozen=True, kw_only=True)
class InterviewPrompt(Record):
    """The cue for one framework step and the catalog tables or lists that help with it.

    ``name`` is the step's name in ``framework_steps``; ``refs`` names catalog tables or
    lists, comma-separated, whose rows the interview mode shows while the step runs.
    """

    cue: str
    refs: str

    @property
    def ref_names(self) -> tuple[str, ...]:
        """The names in ``refs``."""
        return tuple(name.strip() for name in self.refs.split(",") if name.strip())

    def cells(self, columns: Iterable[Column]) -> list[str]:
        """As :meth:`Record.cells`, with each reference shown as its title, linked to the
        section that shows it (readers never see a catalog key)."""
        links = ", ".join(f"[{ref_title(ref)}]({REF_PAGES[ref]})" for ref in self.ref_names)
        return [links if c.key == "refs" else str(getattr(self, c.key)) for c in columns]


INTERVIEW_PROMPTS: Table[InterviewPrompt] = Table(
    name="interview_prompts",
    title="Prompts for each step of a mock interview",
    caption="What to say out loud while a step's clock runs, and the tables the interview "
    "mode shows beside it.",
    columns=(Column("name", "Step"), Column("cue", "Say"), Column("refs", "Look at")),
    rows=(
        InterviewPrompt(
            name="Functional requirements",
            cue="Ask before you draw: who uses it, for what, how many. Write three to five "
            "'users can …' lines and say what is out of scope.",
            refs="clarifying_questions",
        ),
        InterviewPrompt(
            name="Non-functional requirements",
            cue="Turn adjectives into numbers: p99 latency, availability, consistency per "
            "feature, durability.",
            refs="nfr_targets",
        ),
        InterviewPrompt(
            name="Estimates",
            cue="Only the figures that steer the design: peak QPS, storage, bandwidth. Round "
            "a day to 10⁵ seconds and say so.",
            refs="rules_of_thumb",
        ),
        InterviewPrompt(
            name="API",
            cue="One endpoint per P0 feature; say which calls are idempotent and how lists "
            "paginate.",
            refs="api_design_rules",
        ),
        InterviewPrompt(
            name="Data model",
            cue="Entities, keys, the partition key, and the store for each access pattern.",
            refs="schema_rules",
        ),
        InterviewPrompt(
            name="High-level design",
            cue="Walk one write and one read end to end through the boxes.",
            refs="component_checklist",
        ),
        InterviewPrompt(
            name="Deep dive",
            cue="Pick the two hardest parts, or ask which one the interviewer cares about, "
            "and go deep with numbers.",
            refs="deep_dives",
        ),
        InterviewPrompt(
            name="Trade-offs",
            cue="State each big choice as 'X over Y because …' and what would flip it.",
            refs="tradeoffs",
        ),
        InterviewPrompt(
            name="Failure modes",
            cue="What breaks first at 10× load, and what happens when each box dies.",
            refs="spof_checklist",
        ),
    ),
)

TABLES: list[Table[InterviewPrompt]] = [INTERVIEW_PROMPTS]
LISTS: list[ItemList] = []
