"""How far the plan has got: per campaign and quarter, tasks reported on and done.

Every task runs for the whole plan period (the decision gives no per-quarter
schedule), so a campaign's tasks are "planned" in each quarter. A task counts
as *reported* in a quarter when it has at least one execution record there,
and as *done* when one of those records has status `done`. `opendata report`
prints this summary and the plan page draws it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from opendata.quarters import plan_quarters
from opendata.tables import PackageData


@dataclass
class QuarterProgress:
    period: str
    reported: int  # tasks with at least one record in the quarter
    done: int  # tasks with a `done` record in the quarter
    reports: int  # records in the quarter
    statuses: dict[str, int]


@dataclass
class CampaignProgress:
    campaign_id: int
    title_uk: str
    title_en: str
    tasks: int
    reported: int  # tasks with a record in any quarter
    done: int  # tasks with a `done` record in any quarter
    quarters: list[QuarterProgress] = field(default_factory=list)


@dataclass
class PlanName:
    """Which plan a summary is of: two plans' tables look alike."""

    name: str
    title: str
    title_en: str


@dataclass
class Progress:
    plan: PlanName
    quarters: list[str]
    campaigns: list[CampaignProgress]
    tasks: int
    reported: int
    done: int
    reports: int

    def to_dict(self) -> dict:
        return asdict(self)


def progress(package: PackageData) -> Progress:
    decision = package.tables["decision"].rows[0]
    quarters = plan_quarters(decision["period_start"], decision["period_end"])
    reports = package.tables["progress_reports"].rows
    tasks = package.tables["tasks"].rows
    campaigns = []
    for campaign in package.tables["campaigns"].rows:
        task_ids = {t["task_id"] for t in tasks if t["campaign_id"] == campaign["campaign_id"]}
        own = [r for r in reports if r["task_id"] in task_ids]
        campaigns.append(
            CampaignProgress(
                campaign_id=campaign["campaign_id"],
                title_uk=campaign["title_uk"],
                title_en=campaign["title_en"],
                tasks=len(task_ids),
                reported=len({r["task_id"] for r in own}),
                done=len(_done(own)),
                quarters=[_quarter(period, own) for period in quarters],
            )
        )
    title = package.descriptor.get("title") or decision["title"]
    return Progress(
        plan=PlanName(package.name, title, package.descriptor.get("title_en") or title),
        quarters=quarters,
        campaigns=campaigns,
        tasks=len(tasks),
        reported=len({r["task_id"] for r in reports}),
        done=len(_done(reports)),
        reports=len(reports),
    )


def _quarter(period: str, reports: list[dict]) -> QuarterProgress:
    own = [r for r in reports if r["period"] == period]
    return QuarterProgress(
        period=period,
        reported=len({r["task_id"] for r in own}),
        done=len(_done(own)),
        reports=len(own),
        statuses=dict(sorted(Counter(r["status"] for r in own).items())),
    )


def _done(reports: list[dict]) -> set[str]:
    return {r["task_id"] for r in reports if r["status"] == "done"}
