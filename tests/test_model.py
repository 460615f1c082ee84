"""Input models at the edges: documented number ranges, strict types and contradictions.

Each case starts from the shipped project or a small factory project, breaks one value, and
asserts that `validate` names file, line, column and field and exits 2 (never 0, never 1).
"""

from __future__ import annotations

import pytest

from factories import run_cli, shipped_copy

ACR = "options/anti-coercion-response.yaml"


@pytest.mark.parametrize("value", ["-1e100", "-1e15", "1.5"])
def test_synergy_beyond_one_is_refused_at_validate(tmp_path, capsys, value):
    """Finding 1: a synergy of -1e100 reached the solver, which called a feasible model infeasible."""
    root = shipped_copy(tmp_path, {ACR: ("    value: 0.02\n", f"    value: {value}\n")})
    for command in (["validate"], ["optimize"], ["optimize", "--solver", "highs"]):
        code, out, err = run_cli(capsys, "--project", str(root), *command)
        assert code == 2, err
        assert f"{ACR}:22:12: synergies[0].value: input should be" in err
        assert "internal error" not in err and "infeasible" not in out
