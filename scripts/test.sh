#!/usr/bin/env bash
# Every test: unit (pure functions, client, provider, emulator) and end-to-end (the real Pulumi CLI
# against emulators). Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PULUMI_BIN_DIR=$(bash scripts/setup.sh | tail -n1)
export PULUMI_BIN_DIR
npx jest --ci "$@"
