#!/usr/bin/env bash
# The lint step, then every test: unit (pure functions, client, provider, emulator) and end-to-end
# (the real Pulumi CLI against emulators), two test files at a time (the machine's two cores: the
# end-to-end files spend much of their time waiting on the CLI). Extra arguments go to jest, e.g.
# `npm test -- --selectProjects unit`. Each stage's wall time is printed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stage_start=$SECONDS
stages=()
stage() {
	stages+=("$1 $((SECONDS - stage_start))s")
	stage_start=$SECONDS
}
report() { echo "test: stage times: ${stages[*]}" >&2; }
trap report EXIT

PULUMI_BIN_DIR=$(bash scripts/setup.sh | tail -n1)
export PULUMI_BIN_DIR
stage setup
echo "test: npm run lint (tsc, ESLint, Prettier --check, the generated docs)" >&2
npm run --silent lint
stage lint
# Property tests use a fixed seed unless FC_SEED says otherwise (test/support/property-runs.ts).
echo "test: property tests with fast-check seed ${FC_SEED:-fixed (test/support/property-runs.ts)}" >&2
status=0
npx jest --ci --maxWorkers=2 "$@" || status=$?
stage tests
exit $status
