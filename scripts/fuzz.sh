#!/usr/bin/env bash
# The property tests (every test file with an fc.assert) with many more runs and a fresh seed, printed
# on stderr before they start (test/support/property-runs.ts). Replay a failure with FC_SEED=<its seed>;
# CI and `npm test` run the same properties with a fixed seed. Extra arguments go to jest, e.g.
# `npm run fuzz -- -t "cut to fit"`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(grep -rl --include='*.test.ts' 'fc.assert(' test | sort)
export FC_SEED="${FC_SEED:-random}"
export FC_RUNS_FACTOR="${FC_RUNS_FACTOR:-20}"
echo "fuzz: ${#files[@]} files, FC_SEED=$FC_SEED, FC_RUNS_FACTOR=$FC_RUNS_FACTOR" >&2
exec npx jest --ci --maxWorkers=1 "${files[@]}" "$@" --selectProjects unit
