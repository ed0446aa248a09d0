"""Planning the network: the siting optimizer on the real population layer.

Two questions a regional coordinator asks: "where do k more points help most?" (maximal
covering with today's points in service fixed) and "how few points cover everyone within the
norm?" (set covering, today's points fixed). Candidates are the points in service plus the
candidate sites (proxies unless a region imported its own); every answer keeps the engine's
proven bound and gap."""

import numpy as np
from django.db import transaction

from weerbaar.apps.supportpoints import coverage
from weerbaar.apps.supportpoints.models import CandidateSite, Plan
from weerbaar.engines.siting import LSCP, MCLP, SpecificationError
from weerbaar.engines.travel import to_rd

MEASURES = coverage.MEASURES
MAX_K = 200


class PlanError(ValueError):
    pass


def _candidates(municipality):
    sites = CandidateSite.objects.select_related("municipality")
    if municipality is not None:
        sites = sites.filter(municipality=municipality)
    return list(sites)


def _xy(items) -> np.ndarray:
    if not items:
        return np.empty((0, 2))
    x, y = to_rd([i.lon for i in items], [i.lat for i in items])
    return np.column_stack([x, y])


def _shares(pop, covered: np.ndarray) -> dict:
    result = {}
    for measure in MEASURES:
        total = float(pop.values[measure].sum())
        result[measure] = (
            round(float(pop.values[measure][covered].sum()) / total, 6) if total else 0
        )
    return result


def _solve(question, k, radius, costs, weights, fixed, method, time_limit):
    try:
        if question == Plan.Question.ADD_K:
            model = MCLP(p=len(fixed) + k, radius=radius, fixed=fixed)
        else:
            model = LSCP(radius=radius, fixed=fixed)
        return model.solve(costs, weights, method=method, seed=0, time_limit=time_limit)
    except SpecificationError as exc:
        raise PlanError(str(exc)) from exc


@transaction.atomic
def propose(
    user,
    *,
    name,
    question,
    norm,
    k=None,
    measure="residents",
    municipality=None,
    method="auto",
    time_limit=30.0,
) -> Plan:
    if question not in Plan.Question.values:
        raise PlanError("unknown question")
    if question == Plan.Question.ADD_K and not (k and 1 <= k <= MAX_K):
        raise PlanError(f"k must lie between 1 and {MAX_K}")
    if measure not in MEASURES:
        raise PlanError(f"measure must be one of {', '.join(MEASURES)}")
    pop = coverage.population()
    existing = coverage.points_in_service()
    sites = _candidates(municipality)
    if not sites:
        raise PlanError("there are no candidate sites to choose from")
    costs = coverage.travel_costs(pop.xy, np.vstack([_xy(existing), _xy(sites)]), norm)
    within = costs <= norm.radius_m
    reachable = within.any(axis=1)
    weights = np.where(reachable, pop.values[measure], 0.0)
    if municipality is not None:
        weights = np.where(pop.municipality == municipality.code, weights, 0.0)
    fixed = list(range(len(existing)))
    result = _solve(question, k, norm.radius_m, costs, weights, fixed, method, time_limit)
    chosen = [c for c in result.selected if c >= len(existing)]
    now_covered = (
        within[:, : len(existing)].any(axis=1) if existing else np.zeros(len(weights), bool)
    )
    plan_covered = within[:, result.selected].any(axis=1) if result.selected else now_covered
    return Plan.objects.create(
        name=name,
        question=question,
        k=k if question == Plan.Question.ADD_K else None,
        norm={**norm.__dict__, "radius_m": norm.radius_m},
        measure=measure,
        municipality=municipality,
        existing=[str(p.pk) for p in existing],
        selected=[sites[c - len(existing)].code for c in chosen],
        objective=result.objective,
        bound=result.bound,
        gap=result.gap,
        status=result.status,
        seconds=round(result.seconds, 3),
        before=_shares(pop, now_covered),
        after=_shares(pop, plan_covered),
        unreachable={m: round(float(pop.values[m][~reachable].sum())) for m in MEASURES},
        created_by=user,
    )


def proposed_sites(plan: Plan) -> list[CandidateSite]:
    by_code = CandidateSite.objects.select_related("municipality").in_bulk(
        plan.selected, field_name="code"
    )
    return [by_code[c] for c in plan.selected if c in by_code]
