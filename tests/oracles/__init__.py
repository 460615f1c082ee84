"""Independent oracles the tests check the engine against, written from the papers and the
specification rather than from the code they check: the recursive argument evaluator
(`recursive`), the RK4 continuous-time evaluator for cycles (`rk4`), and the brute-force
portfolio optimiser (`portfolio`) with its random instances (`instances`).

They live here, not in `trilat_opt`, because no user calls them; `benchmarks/bench_argue.py`
imports `recursive` from here to measure the engine's speed-up over it.
"""
