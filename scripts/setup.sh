#!/usr/bin/env bash
# Everything the demo and the tests need on a fresh machine: npm packages, the compiled library,
# the Pulumi CLI with its language hosts (built from Go modules once, then cached outside the
# repository), actionlint, the Python virtualenv for Python programs and the SDK generator.
# Prints the directory holding `pulumi` as its last line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d node_modules/@pulumi/pulumi || package-lock.json -nt node_modules/.package-lock.json ]]; then
	echo "setup: installing npm packages" >&2
	# No install scripts: none of the dependencies needs one, and our own (`prepare`, the build) is the
	# next step anyway, run every time so that dist/ follows the sources.
	npm ci --no-audit --no-fund --ignore-scripts >&2
fi
echo "setup: compiling the library (npm run build)" >&2
npm run --silent build >&2
echo "setup: the Python SDK used by the conformance tests" >&2
bash scripts/python-sdk/install.sh >&2
bash scripts/actionlint/install.sh >&2 || echo "setup: actionlint could not be installed; the workflow tests skip it" >&2
bin_dir=$(bash scripts/pulumi-cli/install.sh | tail -n1)
echo "setup: the Python virtualenv for Python programs (scripts/python/venv.sh)" >&2
bash scripts/python/venv.sh >&2 || echo "setup: the Python virtualenv could not be created; Python programs will not run" >&2
echo "setup: the SDK generator (scripts/sdk/generate.sh --build)" >&2
bash scripts/sdk/generate.sh --build >&2 || echo "setup: the SDK generator could not be built; the SDKs cannot be generated or checked" >&2
printf '%s\n' "$bin_dir"
