#!/usr/bin/env bash
# The lint step, then every test: unit (pure functions, client, provider, emulator) and end-to-end
# (the real Pulumi CLI against emulators). Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PULUMI_BIN_DIR=$(bash scripts/setup.sh | tail -n1)
export PULUMI_BIN_DIR
echo "test: npm run lint (tsc, ESLint, Prettier --check, the generated docs)" >&2
npm run --silent lint
npx jest --ci "$@"
