"""The benchmark database and a large generated dataset, shared by the benchmarks under bench/.

    python bench/dataset.py [--engagements 50] [--initiatives 5000] [--opportunities 100000] [--seed 7]

Importing this module points Django at the benchmark database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/api_human_bench) with the dev settings; ``ensure_database()``
creates that database on first use. Run as a script it migrates and calls ``generate_large()``, which
fills the database with engagements and everything the scoring metrics read (stages, teams, needs,
initiatives, tensions, scouting, broadcasts, opportunities, ratings) using ``bulk_create`` only, so no
signal fires and no subject is marked dirty — a benchmark marks what it needs itself. Generating is
idempotent: a dataset made with the same arguments is found and kept; the time it took is written to
bench/results/dataset.json.

From another benchmark::

    import dataset  # first: it sets DATABASE_URL and DJANGO_SETTINGS_MODULE

    dataset.ensure_database()
    django.setup()
    call_command("migrate", verbosity=0)
    info = dataset.generate_large()  # {"generated": bool, "seconds": float, "counts": {...}}
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from stats import machine, percentile  # noqa: F401  (the benchmarks take them from here too)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DB = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/api_human_bench")
os.environ["DATABASE_URL"] = BENCH_DB
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "api_human.settings.dev")

RESULTS = ROOT / "bench" / "results"
PREFIX = "Large engagement"  # the generated engagements' names; the first one carries the marker
CHUNK = 5000


def write_results(name: str, payload: dict, *, before: dict) -> Path:
    """``bench/results/<name>`` with the machine's load at the start and at the end of the run."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / name
    body = {
        "measured_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine_before": before,
        "machine_after": machine(),
    }
    out.write_text(json.dumps(body | payload, indent=2, default=str))
    return out


def ensure_database(url: str = BENCH_DB, *, fresh: bool = False) -> None:
    """Create the benchmark database if it does not exist (the server must be reachable); ``fresh``
    drops it first."""
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def _marker(engagements, initiatives, opportunities, seed) -> str:
    return f"generate_large(engagements={engagements}, initiatives={initiatives}, opportunities={opportunities}, seed={seed})"


def dataset_counts() -> dict:
    """Row counts of the tables the scoring engine and the dashboards read."""
    from api_human.core.models import Engagement, EngagementPartner, Organization, Team, User
    from api_human.scoring.models import Rating
    from initiatives.models import Initiative, InitiativePartner, Need, Pilot, PilotKpi, ProcessStep
    from opportunities.models import (
        Attachment,
        Broadcast,
        KnowledgeFlow,
        Match,
        Opportunity,
        ScoutingActivity,
    )
    from stages.models import Goal, Measurement, Mechanism, StagePhase, SuccessMetric
    from tensions.models import DecisionCriterion, Tension

    models = [
        Engagement,
        StagePhase,
        Organization,
        User,
        Team,
        EngagementPartner,
        Goal,
        SuccessMetric,
        Measurement,
        Mechanism,
        Need,
        Initiative,
        InitiativePartner,
        ProcessStep,
        Pilot,
        PilotKpi,
        Tension,
        DecisionCriterion,
        ScoutingActivity,
        KnowledgeFlow,
        Broadcast,
        Opportunity,
        Match,
        Attachment,
        Rating,
    ]
    return {m._meta.label: m.objects.count() for m in models}


def analyze() -> None:
    """Fresh planner statistics and visibility maps after a bulk load (autovacuum would get there
    later), so the plans measured are those of a database in use (index-only scans included)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def generate_large(engagements=50, initiatives=5000, opportunities=100_000, seed=7, verbose=False) -> dict:
    """Fill the benchmark database (idempotent); returns {"generated", "seconds", "counts", "marker"}.

    Every table is written with ``bulk_create`` in chunks of 5,000, in one transaction: an
    interrupted run leaves nothing behind. A dataset generated before with other arguments is an error
    (use another BENCH_DATABASE_URL, or drop the database).
    """
    from django.db import transaction

    from api_human.core.models import Engagement

    marker = _marker(engagements, initiatives, opportunities, seed)
    first = Engagement.objects.filter(name__startswith=PREFIX).order_by("pk").first()
    if first is not None:
        if first.description != marker:
            raise SystemExit(
                f"The benchmark database already holds a dataset made by {first.description!r}; "
                f"drop it or set BENCH_DATABASE_URL to generate {marker}."
            )
        return {"generated": False, "seconds": None, "marker": marker, "counts": dataset_counts()}
    start = time.perf_counter()
    with transaction.atomic():
        _Generator(engagements, initiatives, opportunities, seed, marker, verbose).run()
    analyze()
    seconds = round(time.perf_counter() - start, 1)
    counts = dataset_counts()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "dataset.json").write_text(
        json.dumps(
            {"database": _safe_url(), "marker": marker, "seconds": seconds, "counts": counts}, indent=2
        )
    )
    return {"generated": True, "seconds": seconds, "marker": marker, "counts": counts}


def _safe_url(url: str = BENCH_DB) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or 5432}{parts.path}"


def generation_record(marker: str) -> dict | None:
    """What bench/results/dataset.json says about the generation of this dataset in this database."""
    path = RESULTS / "dataset.json"
    record = json.loads(path.read_text()) if path.exists() else None
    if record and record.get("marker") == marker and record.get("database") == _safe_url():
        return record
    return None


class _Generator:
    """One pass over the domain, engagement by engagement; every list is written with bulk_create."""

    TODAY = date.today()

    def __init__(self, engagements, initiatives, opportunities, seed, marker, verbose):
        self.n_engagements = engagements
        self.n_initiatives = initiatives
        self.n_opportunities = opportunities
        self.rng = random.Random(seed)
        self.marker = marker
        self.verbose = verbose
        self.started = time.perf_counter()

    # --------------------------------------------------------------------------------------------
    def log(self, what):
        if self.verbose:
            print(f"  {time.perf_counter() - self.started:7.1f} s  {what}", flush=True)

    def days_ago(self, low, high) -> date:
        return self.TODAY - timedelta(days=self.rng.randint(low, high))

    def chance(self, p) -> bool:
        return self.rng.random() < p

    @staticmethod
    def save(model, rows):
        return model.objects.bulk_create(rows, batch_size=CHUNK)

    # --------------------------------------------------------------------------------------------
    def run(self):
        self.people()
        self.organizations()
        self.engagements()
        self.stages()
        self.teams_and_partners()
        self.needs()
        self.initiatives()
        self.tensions()
        self.scouting()
        self.broadcasts()
        self.opportunities()
        self.ratings()
        self.log("done")

    def people(self):
        from api_human.core.models import Role, User

        rows = [User(username=f"large-team-{i}", first_name=f"Team {i}", role=Role.TEAM) for i in range(6)]
        rows += [
            User(username=f"large-manager-{i}", first_name=f"Manager {i}", role=Role.MANAGER)
            for i in range(3)
        ]
        users = self.save(User, rows)
        self.team_users = [u for u in users if u.role == Role.TEAM]
        self.managers = [u for u in users if u.role == Role.MANAGER]
        self.log("people")

    def organizations(self):
        from api_human.core.models import NeedCategory, Organization, World

        K = Organization.Kind
        n_digital = max(20, self.n_opportunities // 50)  # 2,000 for 100,000 opportunities
        n_welfare = max(10, self.n_engagements * 2)
        digital_kinds = [K.STARTUP, K.STARTUP, K.COMPANY, K.INCUBATOR, K.FUND, K.ACADEMIA, K.NGO]
        welfare_kinds = [K.MINISTRY_DIVISION, K.LOCAL_AUTHORITY, K.GOVERNMENT_AGENCY, K.NGO]
        rows = []
        for i in range(n_digital):
            owner = None
            if self.chance(0.5):
                owner = self.rng.choice(self.managers if self.chance(0.4) else self.team_users)
            first = self.days_ago(200, 2500) if self.chance(0.7) else None
            rows.append(
                Organization(
                    name=f"Large digital organisation {i:05d}",
                    world=World.DIGITAL,
                    kind=self.rng.choice(digital_kinds),
                    description="A digital-world organisation generated for the benchmarks.",
                    relevance=self.rng.sample(NeedCategory.values, self.rng.randint(0, 3)),
                    relationship_owner=owner,
                    first_contact_on=first,
                    last_contact_on=first and first + timedelta(days=self.rng.randint(0, 190)),
                )
            )
        for i in range(n_welfare):
            rows.append(
                Organization(
                    name=f"Large welfare organisation {i:04d}",
                    world=World.WELFARE,
                    kind=self.rng.choice(welfare_kinds),
                    description="A welfare-world body generated for the benchmarks.",
                )
            )
        orgs = self.save(Organization, rows)
        self.digital = [o for o in orgs if o.world == World.DIGITAL]
        self.welfare = [o for o in orgs if o.world == World.WELFARE]
        self.log(f"{len(orgs)} organisations")

    def engagements(self):
        from api_human.core.models import Engagement, EngagementMembership, World

        K, S = Engagement.ChangeObjectKind, Engagement.Status
        rows = []
        for i in range(self.n_engagements):
            kind = [K.ORGANIZATION, K.SECTOR, K.SOCIAL_ISSUE][i % 3]
            start = self.days_ago(200, 3000)
            status = self.rng.choice([S.ACTIVE, S.ACTIVE, S.ACTIVE, S.PLANNED, S.ON_HOLD, S.COMPLETED])
            end = start + timedelta(days=self.rng.randint(180, 1500)) if status == S.COMPLETED else None
            rows.append(
                Engagement(
                    name=f"{PREFIX} {i:03d}",
                    description=self.marker if i == 0 else "Generated for the benchmarks.",
                    change_object_kind=kind,
                    change_object="" if i % 7 == 6 else f"Change object {i}",
                    change_object_organization=self.welfare[i] if kind == K.ORGANIZATION else None,
                    start_date=start,
                    end_date=end,
                    status=status,
                    created_by=self.rng.choice(self.team_users),
                )
            )
        self.items = self.save(Engagement, rows)
        memberships = []
        for engagement in self.items:
            lead, *members = self.rng.sample(self.team_users, 3)
            memberships.append(
                EngagementMembership(
                    engagement=engagement,
                    user=lead,
                    role="lead",
                    world=World.WELFARE,
                    valid_from=engagement.start_date,
                )
            )
            memberships += [
                EngagementMembership(
                    engagement=engagement,
                    user=user,
                    role="member",
                    world=self.rng.choice(World.values),
                    valid_from=engagement.start_date,
                )
                for user in members
            ]
            memberships.append(
                EngagementMembership(
                    engagement=engagement,
                    user=self.rng.choice(self.managers),
                    role="manager",
                    world=World.WELFARE,
                    valid_from=engagement.start_date,
                )
            )
        self.save(EngagementMembership, memberships)
        self.log(f"{len(self.items)} engagements")

    def stages(self):
        from stages import models as m

        St = m.StagePhase.Status
        phases, designs, foci, logic, goals, principles, holders = [], [], [], [], [], [], []
        mechanisms, signals, publications = [], [], []
        self.reached = {}  # engagement id -> index of its current stage (0 = A … 4 = D)
        for engagement in self.items:
            reached = self.rng.randint(0, 4)
            self.reached[engagement.pk] = reached
            day = engagement.start_date
            for index, stage in enumerate(m.Stage.values):
                if index > reached:
                    phases.append(m.StagePhase(engagement=engagement, stage=stage, status=St.NOT_STARTED))
                    continue
                started = min(day + timedelta(days=self.rng.randint(0, 120)), self.TODAY)
                done = index < reached or (index == reached and self.chance(0.2))
                completed = min(started + timedelta(days=self.rng.randint(30, 400)), self.TODAY)
                status = St.COMPLETED if done else self.rng.choice([St.ACTIVE, St.ACTIVE, St.REOPENED])
                phases.append(
                    m.StagePhase(
                        engagement=engagement,
                        stage=stage,
                        status=status,
                        started_on=started,
                        completed_on=completed if done else None,
                    )
                )
                day = started
            depth = reached + 1  # how much each stage has produced grows with the stage reached
            designs.append(
                m.ChangeDesign(
                    engagement=engagement,
                    desired_reality="Services that meet citizens where they are." if self.chance(0.8) else "",
                    current_state="Fragmented paper processes." if self.chance(0.7) else "",
                    theory_of_change="If both worlds work together, then ..." if self.chance(0.5) else "",
                    maturity_diagnostic="Diagnosed with the questionnaire." if self.chance(0.4) else "",
                    maturity_diagnosed_on=self.days_ago(30, 900) if self.chance(0.3) else None,
                )
            )
            for k in range(self.rng.randint(0, 5)):
                foci.append(m.ChangeFocus(engagement=engagement, title=f"Change focus {k}", order=k))
            for k, level in enumerate(self.rng.sample(m.LogicModelItem.Level.values, self.rng.randint(0, 5))):
                logic.append(
                    m.LogicModelItem(engagement=engagement, level=level, text=f"{level} {k}", order=k)
                )
            for k in range(self.rng.randint(1, 6)):
                goals.append(m.Goal(engagement=engagement, title=f"Goal {k}"))
            for k in range(self.rng.randint(0, 2 + depth)):
                principles.append(
                    m.WorkingPrinciple(
                        engagement=engagement,
                        kind=self.rng.choice(m.WorkingPrinciple.Kind.values),
                        title=f"Principle {k}",
                        order=k,
                    )
                )
            for k in range(self.rng.randint(0, 5)):
                appointed = self.days_ago(30, 1500) if self.chance(0.9) else None
                ended = (
                    appointed + timedelta(days=self.rng.randint(10, 400))
                    if appointed and self.chance(0.2)
                    else None
                )
                holders.append(
                    m.RoleHolder(
                        engagement=engagement,
                        role=f"Digital referent {k}",
                        full_name=f"Role holder {engagement.pk}-{k}",
                        organization=self.rng.choice(self.welfare),
                        appointed_on=appointed,
                        ended_on=ended,
                    )
                )
            for k in range(self.rng.randint(depth, 4 * depth + 2)):
                status = self.rng.choice(m.Mechanism.Status.values)
                started = self.days_ago(100, 1500)
                settled = status in (m.Mechanism.Status.ESTABLISHED, m.Mechanism.Status.INSTITUTIONALISED)
                mechanisms.append(
                    m.Mechanism(
                        engagement=engagement,
                        world=self.rng.choice(m.Mechanism.World.values),
                        category=self.rng.choice(m.Mechanism.Category.values),
                        title=f"Mechanism {k}",
                        status=status,
                        started_on=started,
                        established_on=started + timedelta(days=self.rng.randint(0, 90)) if settled else None,
                        owner=self.rng.choice(self.welfare + self.digital[:50]) if self.chance(0.5) else None,
                        unmediated=settled and self.chance(0.5),
                    )
                )
            for k in range(self.rng.randint(0, depth + 1)):
                signals.append(
                    m.ChangeSignal(
                        engagement=engagement, title=f"Signal {k}", observed_on=self.days_ago(1, 700)
                    )
                )
            for k in range(self.rng.randint(0, depth)):
                publications.append(
                    m.Publication(
                        engagement=engagement,
                        title=f"Publication {k}",
                        channel="Conference talk",
                        published_on=self.days_ago(1, 700),
                    )
                )
        self.phases = self.save(m.StagePhase, phases)
        for model, rows in (
            (m.ChangeDesign, designs),
            (m.ChangeFocus, foci),
            (m.LogicModelItem, logic),
            (m.WorkingPrinciple, principles),
            (m.RoleHolder, holders),
            (m.Mechanism, mechanisms),
            (m.ChangeSignal, signals),
            (m.Publication, publications),
        ):
            self.save(model, rows)
        goals = self.save(m.Goal, goals)
        metrics = []
        for goal in goals:
            for k in range(self.rng.randint(0, 3)):
                direction = self.rng.choice(m.SuccessMetric.Direction.values)
                baseline = Decimal(self.rng.randint(10, 90))
                step = Decimal(self.rng.randint(5, 30))
                target = (
                    baseline + step if direction == m.SuccessMetric.Direction.INCREASE else baseline - step
                )
                metrics.append(
                    m.SuccessMetric(
                        goal=goal,
                        name=f"Metric {k}",
                        unit="%",
                        baseline=baseline,
                        target=target,
                        direction=direction,
                    )
                )
        metrics = self.save(m.SuccessMetric, metrics)
        measurements = []
        for metric in metrics:
            for _ in range(self.rng.choice([0, 0, 1, 2, 3, 4])):
                value = metric.baseline + Decimal(self.rng.randint(-10, 40)) * (
                    1 if metric.direction == m.SuccessMetric.Direction.INCREASE else -1
                )
                measurements.append(
                    m.Measurement(
                        metric=metric, measured_on=self.days_ago(1, 900), value=value, source="Survey"
                    )
                )
        self.save(m.Measurement, measurements)
        self.log(f"{len(self.phases)} stage phases and stage records")

    def teams_and_partners(self):
        from api_human.core.models import EngagementPartner, Team, TeamMember, World

        K = Team.Kind
        teams, partners = [], []
        for engagement in self.items:
            formed = engagement.start_date + timedelta(days=self.rng.randint(0, 120))
            if self.chance(0.85):
                teams.append(
                    Team(
                        engagement=engagement,
                        kind=K.STEERING_COMMITTEE,
                        name="Steering committee",
                        formed_on=formed,
                    )
                )
            if self.chance(0.9):
                dissolved = formed + timedelta(days=self.rng.randint(30, 600)) if self.chance(0.15) else None
                teams.append(
                    Team(
                        engagement=engagement,
                        kind=K.LEADING_TEAM,
                        name="Leading team",
                        formed_on=formed,
                        dissolved_on=dissolved,
                    )
                )
            for k in range(self.rng.randint(0, 5)):
                teams.append(
                    Team(
                        engagement=engagement,
                        kind=K.WORK_TEAM,
                        name=f"Work team {k}",
                        content_area=f"Content area {self.rng.randint(0, 4)}",
                        formed_on=formed + timedelta(days=self.rng.randint(0, 300)),
                    )
                )
            if self.chance(0.3):
                teams.append(Team(engagement=engagement, kind=K.TASK_FORCE, name="Task force"))
            for org in self.rng.sample(self.digital, self.rng.randint(4, 25)):
                partners.append(
                    EngagementPartner(engagement=engagement, organization=org, since=self.days_ago(10, 1500))
                )
            for org in self.rng.sample(self.welfare, 2):
                partners.append(EngagementPartner(engagement=engagement, organization=org))
        teams = self.save(Team, teams)
        self.save(EngagementPartner, partners)
        self.save(
            TeamMember,
            [
                TeamMember(
                    team=team,
                    full_name=f"Member {team.pk}-{j}",
                    world=self.rng.choice(World.values),
                    valid_from=team.formed_on,
                )
                for team in teams
                for j in range(self.rng.randint(2, 6))
            ],
        )
        self.log(f"{len(teams)} teams, {len(partners)} engagement partners")

    def needs(self):
        from api_human.core.models import NeedCategory
        from initiatives.models import Need

        rows = []
        for engagement in self.items:
            for k in range(self.rng.randint(15, 25)):
                rows.append(
                    Need(
                        engagement=engagement,
                        title=f"Need {k}",
                        source=self.rng.choice(Need.Source.values),
                        category=NeedCategory.values[k % len(NeedCategory.values)],
                        requested_by=self.rng.choice(self.welfare) if self.chance(0.5) else None,
                        status=self.rng.choice(Need.Status.values),
                    )
                )
        needs = self.save(Need, rows)
        self.needs_of = {}
        for need in needs:
            self.needs_of.setdefault(need.engagement_id, []).append(need)
        self.log(f"{len(needs)} needs")

    def initiatives(self):
        from api_human.core.models import Team
        from initiatives.models import Initiative, InitiativePartner, Pilot, PilotKpi, ProcessStep

        S = Initiative.Status
        statuses = [
            S.IDEA,
            S.EXPLORING,
            S.EXPLORING,
            S.JOINT_TEAM,
            S.PILOT,
            S.PILOT,
            S.SCALING,
            S.SUSTAINED,
            S.STOPPED,
        ]
        per = [self.n_initiatives // self.n_engagements] * self.n_engagements
        for i in range(self.n_initiatives % self.n_engagements):
            per[i] += 1
        teams, rows = [], []
        for engagement, count in zip(self.items, per, strict=True):
            for k in range(count):
                status = self.rng.choice(statuses)
                with_team = status not in (S.IDEA, S.EXPLORING) and self.chance(0.7)
                if with_team:
                    teams.append(
                        Team(engagement=engagement, kind=Team.Kind.JOINT_TEAM, name=f"Joint team {k}")
                    )
                rows.append(
                    Initiative(
                        engagement=engagement,
                        title=f"Initiative {engagement.pk}-{k}",
                        big_dream="Every family gets help in one visit." if self.chance(0.6) else "",
                        solution="A shared case file." if self.chance(0.5) else "",
                        impact_headline="Waiting time halved." if self.chance(0.45) else "",
                        status=status,
                        stop_reason="No partner could operate it." if status == S.STOPPED else "",
                        methods=self.rng.sample(Initiative.Method.values, self.rng.randint(0, 2)),
                        procurement=self.rng.choice(["", *Initiative.Procurement.values]),
                    )
                )
                rows[-1].with_team = with_team
        teams = iter(self.save(Team, teams))
        for row in rows:
            if row.with_team:
                row.joint_team = next(teams)
        self.initiatives_list = self.save(Initiative, rows)
        self.initiatives_of = {}
        for item in self.initiatives_list:
            self.initiatives_of.setdefault(item.engagement_id, []).append(item)

        links, partners, steps, pilots = [], [], [], []
        for item in self.initiatives_list:
            for need in self.rng.sample(self.needs_of[item.engagement_id], self.rng.randint(0, 3)):
                links.append(Initiative.needs.through(initiative_id=item.pk, need_id=need.pk))
            roles = InitiativePartner.Role.values
            for org in self.rng.sample(self.digital, self.rng.randint(0, 3)):
                partners.append(
                    InitiativePartner(initiative=item, organization=org, role=self.rng.choice(roles))
                )
            for kind in self.rng.sample(ProcessStep.Kind.values, self.rng.randint(0, 7)):
                steps.append(ProcessStep(initiative=item, kind=kind, happened_on=self.days_ago(1, 900)))
            if item.status in (S.PILOT, S.SCALING, S.SUSTAINED, S.STOPPED):
                for k in range(self.rng.randint(1, 2)):
                    started = self.days_ago(60, 900)
                    ended = started + timedelta(days=self.rng.randint(30, 200)) if self.chance(0.6) else None
                    pilots.append(
                        Pilot(
                            initiative=item,
                            title=f"Pilot {k}",
                            sites="Two welfare offices",
                            participants=self.rng.randint(10, 500),
                            started_on=started,
                            ended_on=min(ended, self.TODAY) if ended else None,
                        )
                    )
        self.save(Initiative.needs.through, links)
        self.save(InitiativePartner, partners)
        self.save(ProcessStep, steps)
        pilots = self.save(Pilot, pilots)
        kpis = []
        for pilot in pilots:
            for k in range(self.rng.randint(1, 4)):
                target = Decimal(self.rng.randint(20, 100))
                result = None
                if self.chance(0.75):
                    result = target + Decimal(self.rng.randint(-30, 20))
                kpis.append(PilotKpi(pilot=pilot, name=f"KPI {k}", unit="%", target=target, result=result))
        self.save(PilotKpi, kpis)
        self.log(
            f"{len(self.initiatives_list)} initiatives, {len(partners)} partners, {len(steps)} steps, "
            f"{len(pilots)} pilots, {len(kpis)} KPIs"
        )

    def tensions(self):
        from tensions.models import DecisionCriterion, Tension

        rows = []
        for engagement in self.items:
            for k in range(self.rng.randint(10, 40)):
                state = self.rng.choice(Tension.State.values)
                open_ = state in Tension.OPEN_STATES
                blocking = open_ and self.chance(0.25)
                raised = self.days_ago(5, 900)
                rows.append(
                    Tension(
                        engagement=engagement,
                        title=f"Tension {k}",
                        source_type=self.rng.choice(Tension.SourceType.values),
                        origin=Tension.Origin.UNKNOWN
                        if state == Tension.State.RAISED
                        else self.rng.choice(Tension.Origin.values),
                        pole_a="A digital response",
                        pole_b="A human response",
                        stage=self.rng.choice(["", "A", "B1", "B2", "C", "D"]),
                        state=state,
                        raised_on=raised,
                        blocking=blocking,
                        blocking_since=self.days_ago(0, 200) if blocking else None,
                        closed_on=None if open_ else raised + timedelta(days=self.rng.randint(0, 5)),
                    )
                )
        tensions = self.save(Tension, rows)
        links, criteria = [], []
        for tension in tensions:
            for item in self.rng.sample(
                self.initiatives_of.get(tension.engagement_id, []), self.rng.choice([0, 0, 1, 1, 2])
            ):
                links.append(Tension.initiatives.through(tension_id=tension.pk, initiative_id=item.pk))
            for k in range(self.rng.choice([0, 0, 1, 2, 3])):
                criteria.append(DecisionCriterion(tension=tension, text=f"Criterion {k}", order=k))
        self.save(Tension.initiatives.through, links)
        self.save(DecisionCriterion, criteria)
        self.log(f"{len(tensions)} tensions")

    def scouting(self):
        from opportunities.models import KnowledgeFlow, ScoutingActivity

        activities, flows = [], []
        for engagement in self.items:
            for k in range(self.rng.randint(0, 20)):
                activities.append(
                    ScoutingActivity(
                        engagement=engagement,
                        kind=self.rng.choice(ScoutingActivity.Kind.values),
                        title=f"Scouting {k}",
                        happened_on=self.days_ago(1, 1200),
                    )
                )
            for k in range(self.rng.randint(0, 10)):
                flows.append(
                    KnowledgeFlow(
                        engagement=engagement,
                        direction=self.rng.choice(KnowledgeFlow.Direction.values),
                        kind=self.rng.choice(KnowledgeFlow.Kind.values),
                        title=f"Flow {k}",
                        status=self.rng.choice(KnowledgeFlow.Status.values),
                        last_passed_on=self.days_ago(1, 300) if self.chance(0.6) else None,
                    )
                )
        activities = self.save(ScoutingActivity, activities)
        self.save(KnowledgeFlow, flows)
        met, presented = [], []
        for activity in activities:
            for org in self.rng.sample(self.digital, self.rng.randint(0, 6)):
                met.append(
                    ScoutingActivity.organizations.through(
                        scoutingactivity_id=activity.pk, organization_id=org.pk
                    )
                )
            for need in self.rng.sample(self.needs_of[activity.engagement_id], self.rng.randint(0, 2)):
                presented.append(
                    ScoutingActivity.needs.through(scoutingactivity_id=activity.pk, need_id=need.pk)
                )
        self.save(ScoutingActivity.organizations.through, met)
        self.save(ScoutingActivity.needs.through, presented)
        self.log(f"{len(activities)} scouting activities, {len(flows)} knowledge flows")

    def broadcasts(self):
        from opportunities.models import Broadcast, BroadcastCriterion

        B = Broadcast.Status
        rows = []
        for engagement in self.items:
            for k in range(self.rng.randint(5, 15)):
                opens = self.days_ago(0, 800)
                rows.append(
                    Broadcast(
                        engagement=engagement,
                        title_he=f"אתגר {k}",
                        title_en=f"Challenge {k}",
                        description_he="תיאור האתגר",
                        description_en="What the challenge asks for.",
                        opens_on=opens,
                        closes_on=opens + timedelta(days=self.rng.randint(14, 120)),
                        status=self.rng.choice([B.DRAFT, B.OPEN, B.OPEN, B.CLOSED, B.CLOSED, B.AWARDED]),
                    )
                )
        self.broadcasts_list = self.save(Broadcast, rows)
        links, criteria = [], []
        for broadcast in self.broadcasts_list:
            for need in self.rng.sample(self.needs_of[broadcast.engagement_id], self.rng.randint(1, 3)):
                links.append(Broadcast.needs.through(broadcast_id=broadcast.pk, need_id=need.pk))
            for k in range(self.rng.randint(2, 4)):
                criteria.append(
                    BroadcastCriterion(
                        broadcast=broadcast, name=f"Criterion {k}", weight=self.rng.randint(1, 5)
                    )
                )
        self.save(Broadcast.needs.through, links)
        self.save(BroadcastCriterion, criteria)
        self.published = [b for b in self.broadcasts_list if b.status != B.DRAFT]
        self.log(f"{len(self.broadcasts_list)} broadcasts")

    def opportunities(self):
        from django.utils import timezone

        from api_human.core.models import NeedCategory
        from opportunities.models import Attachment, Match, Opportunity

        Opp = Opportunity
        maturities = ["", *Opp.Maturity.values, Opp.Maturity.PROTOTYPE, Opp.Maturity.PILOT]
        languages = ["he", "ar", "en", "ru", "am"]
        now = timezone.now()
        candidates = [i for i in self.initiatives_list if i.status not in ("idea", "stopped")]
        made = matches_made = files_made = 0
        self.opportunity_ids = []
        while made < self.n_opportunities:
            size = min(CHUNK, self.n_opportunities - made)
            rows = []
            for k in range(made, made + size):
                personal = self.chance(0.6)
                pipeline = self.rng.choice(Opp.Pipeline.values)
                broadcast = self.rng.choice(self.published) if self.chance(0.85) else None
                initiative = None
                if self.chance(0.05):
                    initiative = self.rng.choice(candidates)
                rows.append(
                    Opp(
                        organization=self.digital[k % len(self.digital)],
                        title=f"Opportunity {k}",
                        summary="A product for the welfare world.",
                        need_categories=self.rng.sample(NeedCategory.values, self.rng.randint(1, 2)),
                        broadcast=broadcast,
                        maturity=self.rng.choice(maturities),
                        evidence="Used by two municipalities." if self.chance(0.5) else "",
                        languages=self.rng.sample(languages, self.rng.randint(0, 4)),
                        accessibility="WCAG 2.1 AA" if self.chance(0.45) else "",
                        personal_data=personal,
                        hosting=("Israel" if self.chance(0.6) else "") if personal else "",
                        certifications=("ISO 27001" if self.chance(0.4) else "") if personal else "",
                        privacy_assessment_done=personal and self.chance(0.5),
                        state=Opp.State.SUBMITTED,
                        revision=1,
                        submitted_at=now - timedelta(days=self.rng.randint(0, 900)),
                        pipeline=pipeline,
                        decline_reason="Not a fit for the need." if pipeline == Opp.Pipeline.DECLINED else "",
                        initiative=initiative,
                    )
                )
            created = self.save(Opp, rows)
            self.opportunity_ids += [opp.pk for opp in created]
            matches, files = [], []
            for opp in created:
                if opp.broadcast_id and self.chance(0.6):
                    for need in self.rng.sample(
                        self.needs_of[opp.broadcast.engagement_id], self.rng.randint(1, 2)
                    ):
                        matches.append(
                            Match(
                                opportunity=opp,
                                need=need,
                                score=self.rng.randint(20, 100),
                                reasons=["category"],
                            )
                        )
                if opp.initiative_id and self.chance(0.5):
                    matches.append(
                        Match(
                            opportunity=opp,
                            initiative_id=opp.initiative_id,
                            score=self.rng.randint(40, 100),
                            reasons=["initiative"],
                        )
                    )
                if self.chance(0.25):
                    files.append(
                        Attachment(
                            opportunity=opp,
                            file=f"attachments/bench/evidence-{opp.pk}.pdf",
                            original_name="evidence.pdf",
                            content_type="application/pdf",
                            size=self.rng.randint(10_000, 900_000),
                        )
                    )
            self.save(Match, matches)
            self.save(Attachment, files)
            made += size
            matches_made += len(matches)
            files_made += len(files)
            self.log(f"{made} opportunities, {matches_made} matches, {files_made} attachments")

    def ratings(self):
        """The team's ratings of manual criteria: most change-object organisations' maturity, the
        stage rubrics of stages reached, some initiatives and opportunities; a few expired or n/a."""
        from api_human.scoring.models import Rating, Rubric, SubjectType

        manual = {}  # (subject type, stage) -> [(rubric key, criterion key, anchor values, validity)]
        for rubric in Rubric.objects.published().prefetch_related("dimensions__criteria"):
            for dimension in rubric.dimensions.all():
                for criterion in dimension.criteria.all():
                    if criterion.is_manual:
                        manual.setdefault((rubric.subject_type, rubric.stage), []).append(
                            (rubric.key, criterion.key, criterion.anchor_values(), criterion.validity_days)
                        )
        rows = []
        rater = self.team_users[0]

        def rate(subject_type, subject_id, criteria, share):
            for rubric_key, criterion_key, values, validity in criteria:
                if not self.chance(share):
                    continue
                rated_on = self.days_ago(0, 500)
                not_applicable = self.chance(0.03)
                for _ in range(self.rng.choice([1, 1, 1, 2])):  # sometimes a later rating replaces one
                    rows.append(
                        Rating(
                            rubric_key=rubric_key,
                            criterion_key=criterion_key,
                            subject_type=subject_type,
                            subject_id=subject_id,
                            value=None if not_applicable else Decimal(str(self.rng.choice(values))),
                            not_applicable=not_applicable,
                            evidence_note="Rated from the team's notes (generated).",
                            rated_by=rater,
                            rated_on=rated_on,
                            expires_on=rated_on + timedelta(days=validity) if validity else None,
                        )
                    )
                    rated_on = min(rated_on + timedelta(days=self.rng.randint(1, 60)), self.TODAY)

        for engagement in self.items:
            if engagement.change_object_organization_id and self.chance(0.8):
                rate(
                    SubjectType.ORGANIZATION,
                    engagement.change_object_organization_id,
                    manual.get((SubjectType.ORGANIZATION, ""), []),
                    0.85,
                )
        reached_stages = {}
        for phase in self.phases:
            if phase.status != "not_started":
                reached_stages.setdefault(phase.stage, []).append(phase)
        for stage, phases in reached_stages.items():
            for phase in phases:
                if self.chance(0.7):
                    rate(SubjectType.STAGE, phase.pk, manual.get((SubjectType.STAGE, stage), []), 0.7)
        for item in self.initiatives_list:
            if self.chance(0.3):
                rate(SubjectType.INITIATIVE, item.pk, manual.get((SubjectType.INITIATIVE, ""), []), 0.8)
        opportunity_criteria = manual.get((SubjectType.OPPORTUNITY, ""), [])
        for pk in self.opportunity_ids:
            if self.chance(0.15):
                rate(SubjectType.OPPORTUNITY, pk, opportunity_criteria, 1.0)
        self.save(Rating, rows)
        self.log(f"{len(rows)} ratings")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engagements", type=int, default=50)
    parser.add_argument("--initiatives", type=int, default=5000)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    info = generate_large(args.engagements, args.initiatives, args.opportunities, args.seed, verbose=True)
    state = f"generated in {info['seconds']} s" if info["generated"] else "already there"
    print(f"{info['marker']}: {state}")
    for label, count in info["counts"].items():
        print(f"{count:>9,}  {label}")


if __name__ == "__main__":
    main()
