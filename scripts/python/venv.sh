#!/usr/bin/env bash
# A cached Python virtualenv for running Pulumi Python programs (and the generated Python SDK) here.
#
# Usage:  venv=$(scripts/python/venv.sh | tail -n1)               # the base venv
#         venv=$(scripts/python/venv.sh --sdk sdk/python | tail -n1)  # the base venv plus that SDK
#
# The last line of stdout is the absolute path of a virtualenv directory, for Pulumi.yaml:
#
#   runtime:
#     name: python
#     options:
#       virtualenv: <that path>
#
# 1. The base venv holds the PyPI `pulumi` package at the version of node_modules/@pulumi/pulumi (the
#    version the CLI is built at), and what a generated SDK needs: parver, semver, typing-extensions, and
#    setuptools >= 70.1 (to build an SDK without downloading a build backend; it has bdist_wheel). Built once into
#      ${SCALEKIT_PULUMI_CACHE:-$HOME/.cache/pulumi-scalekit-providers}/python/venv-<key>
#    keyed by the Python version, the pulumi version and the package list below. It is never changed
#    after it is built: do not pip install into it.
# 2. With --sdk DIR, a venv of its own for that SDK, keyed by the base venv and DIR's contents:
#      .../python/sdk-<key>
#    created without pip, seeing the base venv's packages (a .pth file), with
#    `pip install --no-deps DIR` (the SDK's own pyproject.toml or setup.py) on top. Seconds to create;
#    reused while DIR is unchanged. Regenerating the SDK gives a new one (old ones can be deleted).
#
# Cached runs take well under a second. Progress goes to stderr. Needs python3 (3.9 or newer) with the
# venv module; the first run downloads the packages from PyPI (or pip's configured index).
#
# Environment:
#   SCALEKIT_PULUMI_CACHE    cache root (default $HOME/.cache/pulumi-scalekit-providers)
#   SCALEKIT_PULUMI_VERSION  override the pulumi version (default: node_modules/@pulumi/pulumi's version)
#   SCALEKIT_PYTHON          the interpreter to build the venv from (default: python3)
set -euo pipefail

log() { printf 'python/venv.sh: %s\n' "$*" >&2; }
die() {
	printf 'python/venv.sh: error: %s\n' "$*" >&2
	exit 1
}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo_root=$(cd "$script_dir/../.." && pwd -P)

# Bump when the recipe below changes in a way that needs new venvs.
recipe=1

sdk_src=""
while (($#)); do
	case $1 in
	--sdk)
		(($# >= 2)) || die "--sdk needs a directory"
		sdk_src=$2
		shift 2
		;;
	-h | --help)
		sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
		exit 0
		;;
	*) die "unknown argument '$1' (usage: venv.sh [--sdk DIR])" ;;
	esac
done

version=${SCALEKIT_PULUMI_VERSION:-}
if [[ -z $version ]]; then
	pkg_json="$repo_root/node_modules/@pulumi/pulumi/package.json"
	[[ -f $pkg_json ]] || die "$pkg_json not found: run 'npm ci' in $repo_root first"
	version=$(node -p 'require(process.argv[1]).version' "$pkg_json") || die "could not read the version from $pkg_json"
fi
version=${version#v}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "unexpected pulumi version '$version'"

# What a generated SDK's pyproject.toml asks for (pkg/codegen/python at the same version), and setuptools
# to build one without build isolation.
packages=("pulumi==$version" "parver>=0.2.1" "semver>=2.8.1" "typing-extensions>=4.11,<5" "setuptools>=70.1")

python=${SCALEKIT_PYTHON:-python3}
command -v "$python" >/dev/null 2>&1 || die "$python is not on PATH"
py_version=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])') || die "$python does not run"
[[ $py_version =~ ^3\.([0-9]+)\. ]] && ((BASH_REMATCH[1] >= 9)) || die "$python is Python $py_version; 3.9 or newer is needed"

sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum | cut -d' ' -f1
	elif command -v shasum >/dev/null 2>&1; then
		shasum -a 256 | cut -d' ' -f1
	else
		openssl dgst -sha256 -r | cut -d' ' -f1
	fi
}

cache_root=${SCALEKIT_PULUMI_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-scalekit-providers}
mkdir -p "$cache_root/python" || die "cannot create $cache_root/python"
cache_dir=$(cd "$cache_root/python" && pwd -P)

base_want="base recipe $recipe python $py_version packages ${packages[*]}"
base_key=$(printf '%s\n' "$base_want" | sha256)
base="$cache_dir/venv-${base_key:0:16}"

# A venv is current when its stamp matches and its interpreter still runs (a Python upgrade breaks it).
is_current() { # is_current <venv> <stamp text>
	[[ -f $1/.scalekit-stamp && $(<"$1/.scalekit-stamp") == "$2" ]] && "$1/bin/python" -c '' 2>/dev/null
}

sdk_want=""
if [[ -n $sdk_src ]]; then
	[[ -d $sdk_src ]] || die "--sdk $sdk_src is not a directory"
	sdk_src=$(cd "$sdk_src" && pwd -P)
	[[ -f $sdk_src/pyproject.toml || -f $sdk_src/setup.py ]] || die "$sdk_src has neither pyproject.toml nor setup.py"
	# The SDK's files (names and contents), without build leftovers.
	sdk_hash=$(cd "$sdk_src" && find . -type f ! -path '*/__pycache__/*' ! -path './build/*' ! -path '*.egg-info/*' \
		! -name '*.pyc' -print | LC_ALL=C sort | while IFS= read -r f; do
		printf '%s\n' "$f"
		sha256 <"$f"
	done | sha256)
	sdk_want="sdk recipe $recipe base $base_key files $sdk_hash"
	sdk_key=$(printf '%s\n' "$sdk_want" | sha256)
	sdk_venv="$cache_dir/sdk-${sdk_key:0:16}"
	if is_current "$base" "$base_want" && is_current "$sdk_venv" "$sdk_want"; then
		log "using the cached venv with the SDK of $sdk_src ($sdk_venv)"
		printf '%s\n' "$sdk_venv"
		exit 0
	fi
elif is_current "$base" "$base_want"; then
	log "using the cached venv with pulumi==$version ($base)"
	printf '%s\n' "$base"
	exit 0
fi

# One builder at a time (parallel test files, several checkouts sharing the cache).
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache_dir/.lock"
	flock 9
fi

if ! is_current "$base" "$base_want"; then
	log "creating a venv with pulumi==$version on Python $py_version in $base (packages from PyPI; a minute the first time)"
	start=$SECONDS
	rm -rf "$base"
	"$python" -m venv "$base" >&2 || die "python -m venv $base failed"
	"$base/bin/python" -m pip install --quiet --disable-pip-version-check "${packages[@]}" >&2 ||
		die "pip install ${packages[*]} failed"
	"$base/bin/python" -c 'import pulumi, pulumi.runtime' || die "the venv cannot import pulumi"
	printf '%s\n' "$base_want" >"$base/.scalekit-stamp"
	log "venv ready in $((SECONDS - start))s"
fi

if [[ -z $sdk_src ]]; then
	log "using the cached venv with pulumi==$version ($base)"
	printf '%s\n' "$base"
	exit 0
fi

if ! is_current "$sdk_venv" "$sdk_want"; then
	log "creating a venv with the SDK of $sdk_src on top of $base: $sdk_venv"
	rm -rf "$sdk_venv"
	"$python" -m venv --without-pip "$sdk_venv" >&2 || die "python -m venv $sdk_venv failed"
	site=$("$sdk_venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
	base_site=$("$base/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
	# The base venv's packages (and its own .pth files), after this venv's own.
	printf 'import site; site.addsitedir(%s)\n' "$("$python" -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$base_site")" \
		>"$site/_scalekit_base_venv.pth"
	# A copy of the SDK, so that the build leaves nothing in the checkout (build/, *.egg-info).
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cp -R "$sdk_src" "$tmp/sdk"
	"$base/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --no-index \
		--target "$site" "$tmp/sdk" >&2 || die "pip install $sdk_src failed"
	printf '%s\n' "$sdk_want" >"$sdk_venv/.scalekit-stamp"
fi
log "using the cached venv with the SDK of $sdk_src ($sdk_venv)"
printf '%s\n' "$sdk_venv"
