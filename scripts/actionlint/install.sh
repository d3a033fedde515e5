#!/usr/bin/env bash
# Installs actionlint (the GitHub Actions workflow linter) from the Go module proxy, once, into the
# same cache as the Pulumi CLI, and prints its path as the last line. scripts/setup.sh calls it, so
# `npm test` and .ci/run lint examples/ci (test/unit/ci). Without Go it prints nothing and exits 0;
# the tests then keep their own structural checks. `--print-path` only prints where it would be.
set -euo pipefail
VERSION="v1.7.12"
TOOLS="${HOME}/.cache/pulumi-scalekit-providers/tools/actionlint-${VERSION}"
BIN="${TOOLS}/actionlint"
if [[ "${1:-}" == "--print-path" ]]; then
	echo "$BIN"
	exit 0
fi
if [[ ! -x "$BIN" ]]; then
	if ! command -v go >/dev/null 2>&1; then
		echo "actionlint: go is not installed; skipping" >&2
		exit 0
	fi
	echo "actionlint: installing ${VERSION} with go install (cached in ${TOOLS})" >&2
	mkdir -p "$TOOLS"
	GOBIN="$TOOLS" go install "github.com/rhysd/actionlint/cmd/actionlint@${VERSION}" >&2
fi
echo "$BIN"
