"""The shape of a synthetic plan set: how many records of each kind a number of projects brings.

Kept apart from the generator so that the SQL that fills each table can size itself from it
without importing the generator back.
"""

from __future__ import annotations

from dataclasses import dataclass

from planscope.store.synthetic.vocabulary import PLANS_PER_REGION, REGIONS


@dataclass(frozen=True)
class Shape:
    """How many records of each kind N projects bring."""

    projects: int
    goals: int
    indicators: int
    milestones: int
    regions: int

    @classmethod
    def of(cls, projects: int) -> Shape:
        """Issue 4's proportions: N/10 goals, N/5 indicators, 2N milestones; more regions as N grows."""
        regions = min(len(REGIONS), 1 + projects // 1000)
        return cls(projects, max(1, projects // 10), projects // 5, 2 * projects, regions)

    @property
    def plans(self) -> int:
        """Every region issues the same set of plans."""
        return self.regions * PLANS_PER_REGION
