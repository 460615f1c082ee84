"""Why no portfolio fits: the fewest rules to relax, and by how much.

The elastic model gives every rule that can be violated a slack s_g in [0, M_g] (M_g the worst
violation any 0/1 choice could cause) and a switch u_g with s_g <= M_g u_g. A first solve finds
the fewest rules to relax (min sum u); a second, with that number fixed, the smallest relaxation
(min sum s_g / M_g). Options forced in or out on the command line are the what-if question being
asked, so they are relaxed only when no set of the catalogue's own rules would do. Each relaxed
rule becomes a sentence such as "budget jp-investment short by 40" or "drop the minimum of 2
energy options".
"""

from __future__ import annotations

import pulp

from .problem import Problem, var_name
from .result import Diagnosis, Relaxation
from .rules import Rule, lp_names
from .solve import run

__all__ = ["diagnose", "relaxation_message"]

_EPS = 1e-7
_FORCED = ("include", "exclude")


def diagnose(p: Problem, rules: list[Rule], solver: str = "cbc", time_limit: float | None = None) -> Diagnosis:
    """The smallest set of rules whose relaxation lets some portfolio satisfy the rest."""
    maker = pulp.LpProblem("elastic", pulp.LpMinimize)
    x = [maker.add_variable(var_name(o), cat=pulp.LpBinary) for o in p.options]
    soft = [k for k, r in enumerate(rules) if r.worst_violation > _EPS]
    s = {k: maker.add_variable(f"relax_{k}", 0, rules[k].worst_violation) for k in soft}
    u = {k: maker.add_variable(f"use_{k}", cat=pulp.LpBinary) for k in soft}
    base: list[tuple[str, pulp.LpConstraint]] = []
    for name, (k, r) in zip(lp_names([r.name for r in rules]), enumerate(rules), strict=True):
        expr = pulp.LpAffineExpression([(x[i], float(c)) for i, c in enumerate(r.coef) if c])
        if k in s:
            expr = expr - s[k] if r.sense == "<=" else expr + s[k]
            base.append((f"switch_{k}", s[k] <= r.worst_violation * u[k]))
        base.append((name, expr <= r.rhs if r.sense == "<=" else expr >= r.rhs))

    def solve(objective, extra=()):
        lp = pulp.LpProblem("elastic", pulp.LpMinimize)
        for name, c in [*base, *extra]:
            lp.addConstraint(c, name)
        lp.setObjective(objective)
        out = run(lp, solver, 0.0, None if time_limit is None else time_limit / 2)
        return out, {k: v.varValue or 0.0 for k, v in s.items()}

    # the user's forced choices (--include/--exclude) are the question asked: relax them last
    heavy = 1.0 + len(u)
    count = pulp.lpSum(u[k] * (heavy if rules[k].kind in _FORCED else 1.0) for k in u)
    first, amounts = solve(count)
    if not first.has_solution:
        return Diagnosis((), False, f"the elastic model could not be solved ({first.status}); check the rules by hand")
    fewest = sum((heavy if rules[k].kind in _FORCED else 1.0) for k, v in amounts.items() if v > 1e-6)
    normalised = pulp.lpSum(s[k] * (1.0 / rules[k].worst_violation) for k in s)
    second, better = solve(normalised, [("fewest", count <= fewest + 0.5)])
    if second.has_solution:
        amounts = better
    relaxations = []
    for k, v in amounts.items():
        if v > 1e-6:
            by = _clean(rules[k], v)
            relaxations.append(Relaxation(rules[k].name, rules[k].kind, by, relaxation_message(rules[k], by)))
    proven = first.proven and second.proven
    note = "" if proven else "the time limit stopped the search; a smaller set may exist"
    return Diagnosis(tuple(relaxations), proven, note)


def _clean(rule: Rule, amount: float) -> float:
    if rule.kind in ("budget", "risk", "country"):
        return round(amount, 9)
    return float(round(amount))


def _num(v: float) -> str:
    return f"{round(v, 9):.6g}"


def relaxation_message(rule: Rule, by: float) -> str:
    """One sentence saying how to relax `rule` by `by`.

    >>> import numpy as np
    >>> relaxation_message(Rule("budget jp-investment", "budget", "jp-investment", np.ones(1), "<=", 550.0), 40)
    'budget jp-investment short by 40 (limit 550, needs 590)'
    >>> relaxation_message(Rule("domain energy min", "domain", "energy", np.ones(1), ">=", 2), 2)
    'drop the minimum of 2 energy options'
    """
    k, ref, rhs = rule.kind, rule.ref, rule.rhs
    if k == "budget":
        return f"budget {ref} short by {_num(by)} (limit {_num(rhs)}, needs {_num(rhs + by)})"
    if k == "risk":
        return f"risk cap {ref} too tight by {_num(by)} (cap {_num(rhs)}, needs {_num(rhs + by)})"
    if k == "country":
        return f"{ref} exposure cap too tight by {_num(by)} (cap {_num(rhs)}, needs {_num(rhs + by)})"
    if k in ("cardinality", "domain"):
        what = "options" if k == "cardinality" else f"{ref} options"
        if rule.sense == ">=":
            if by >= rhs:
                return f"drop the minimum of {int(rhs)} {what}"
            return f"lower the minimum of {int(rhs)} {what} by {int(by)} (to {int(rhs - by)})"
        return f"raise the maximum of {int(rhs)} {what} by {int(by)} (to {int(rhs + by)})"
    if k in ("requires", "excludes"):
        return f"drop the rule that {rule.name}"
    return f"drop --{k} {ref}"
