#!/usr/bin/env bash
# Scalekit's official Python SDK (2.21.0), used by the conformance tests as an independent picture of
# the wire format. Installed once into a virtualenv outside the repository; prints its python path.
# Only the models module is used (pydantic + protobuf): the SDK's gRPC transport is never imported,
# so its other dependencies are not installed.
set -euo pipefail
VERSION=2.21.0
VENV="${SCALEKIT_PYTHON_SDK_VENV:-$HOME/.cache/pulumi-scalekit-providers/python-sdk-$VERSION}"
PY="$VENV/bin/python"
if [[ -x "$PY" ]] && "$PY" -c "import pydantic, google.protobuf" 2>/dev/null && [[ -f "$VENV/.sdk-$VERSION" ]]; then
	echo "$PY"
	exit 0
fi
command -v python3 >/dev/null || { echo "python-sdk: python3 is required" >&2; exit 1; }
echo "python-sdk: installing scalekit-sdk-python==$VERSION into $VENV" >&2
python3 -m venv "$VENV" >&2
"$PY" -m pip install --quiet --disable-pip-version-check "pydantic>=2.13.4" "protobuf>=5.29.5,<8" >&2
"$PY" -m pip install --quiet --disable-pip-version-check --no-deps "scalekit-sdk-python==$VERSION" >&2
touch "$VENV/.sdk-$VERSION"
echo "$PY"
