#!/usr/bin/env bash
# Generates the language SDKs of the `scalekit` Pulumi package from the repository's schema.json into
# sdk/ (sdk/python, sdk/go, sdk/dotnet, sdk/java), with tools/gen-sdk: the code generators of the
# official language hosts, run offline (see tools/gen-sdk/main.go for why not `pulumi package gen-sdk`).
#
# Usage:
#   scripts/sdk/generate.sh             regenerate sdk/ from schema.json (each language folder replaced)
#   scripts/sdk/generate.sh --check     change nothing: regenerate into a temporary folder and exit 1,
#                                       naming each file, when sdk/ differs (missing, stale or changed
#                                       files; files git ignores, such as build leftovers, are skipped)
#   scripts/sdk/generate.sh --build     only build the generator (and fill the Go caches with what a
#                                       generated Go SDK compiles against: tools/gen-sdk/gosdk-deps);
#                                       print the generator's path
# Options: --schema FILE (default schema.json), --out DIR (default sdk), --languages python,go,...,
#          --logo FILE (a PNG for the .NET package; default a blank placeholder: the generator is offline)
#
# Without schema.json (and no --schema), --check says so and succeeds, and generation fails: the
# schema is generated from the definition's zod schema by the native plugin's build.
#
# The generator is built once per version of tools/gen-sdk (its sources, go.mod and go.sum) into
#   ${SCALEKIT_PULUMI_CACHE:-$HOME/.cache/pulumi-scalekit-providers}/gen-sdk/<hash>/gen-sdk
# It needs Go >= 1.25 and, the first time, the Go module proxy: about a minute after the Pulumi CLI
# was built from Go modules (scripts/pulumi-cli/install.sh), which downloads most of the same modules.
# A cached run takes about a second. Without Go, --check warns and succeeds; the rest fails.
# Progress goes to stderr; results (the generator's path, the files that differ) to stdout.
set -euo pipefail

log() { printf 'sdk/generate.sh: %s\n' "$*" >&2; }
die() {
	printf 'sdk/generate.sh: error: %s\n' "$*" >&2
	exit 1
}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo_root=$(cd "$script_dir/../.." && pwd -P)
gen_src="$repo_root/tools/gen-sdk"

# Bump when the build recipe below changes.
recipe=1

mode=generate
schema=""
out=""
languages="python,go,dotnet,java"
logo=""
while (($#)); do
	case $1 in
	--check) mode=check ;;
	--build) mode=build ;;
	--schema | --out | --languages | --logo)
		(($# >= 2)) || die "$1 needs a value"
		case $1 in
		--schema) schema=$2 ;;
		--out) out=$2 ;;
		--languages) languages=$2 ;;
		--logo) logo=$2 ;;
		esac
		shift
		;;
	-h | --help)
		sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
		exit 0
		;;
	*) die "unknown argument '$1' (see --help)" ;;
	esac
	shift
done

if [[ $mode != build ]]; then
	if [[ -z $schema ]]; then
		schema="$repo_root/schema.json"
		if [[ ! -f $schema ]]; then
			if [[ $mode == check ]]; then
				log "no schema.json in $repo_root: no SDKs to check"
				exit 0
			fi
			die "no schema.json in $repo_root (give another with --schema FILE)"
		fi
	fi
	[[ -f $schema ]] || die "schema $schema not found"
	schema=$(cd "$(dirname "$schema")" && pwd -P)/$(basename "$schema")
	out=${out:-$repo_root/sdk}
fi

if ! command -v go >/dev/null 2>&1; then
	if [[ $mode == check ]]; then
		log "warning: go is not on PATH: sdk/ was NOT checked against $schema (Go >= 1.25 builds the generator)"
		exit 0
	fi
	die "go is not on PATH: Go >= 1.25 builds the generator"
fi

sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum | cut -d' ' -f1
	elif command -v shasum >/dev/null 2>&1; then
		shasum -a 256 | cut -d' ' -f1
	else
		openssl dgst -sha256 -r | cut -d' ' -f1
	fi
}

# --- The generator, built once per version of its sources -----------------------------------------
shopt -s nullglob
gen_files=("$gen_src"/*.go "$gen_src/go.mod" "$gen_src/go.sum")
shopt -u nullglob
key=$({
	printf 'recipe %s\n' "$recipe"
	for f in "${gen_files[@]}"; do
		printf '%s\n' "$(basename "$f")"
		cat "$f"
	done
} | sha256)
cache_root=${SCALEKIT_PULUMI_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-scalekit-providers}
gen_dir="$cache_root/gen-sdk/${key:0:16}"
gen_bin="$gen_dir/gen-sdk"

if [[ ! -x $gen_bin ]]; then
	mkdir -p "$gen_dir"
	if command -v flock >/dev/null 2>&1; then
		exec 9>"$gen_dir/.lock"
		flock 9
	fi
	if [[ ! -x $gen_bin ]]; then
		log "building the SDK generator from tools/gen-sdk into $gen_dir (about a minute the first time; log in $gen_dir/build.log)"
		start=$SECONDS
		# -mod=readonly: the committed go.sum must be complete; the build writes nothing in the checkout.
		if ! (cd "$gen_src" && GOWORK=off GOFLAGS="-buildvcs=false -mod=readonly" go build \
			-o "$gen_bin.tmp" . >"$gen_dir/build.log" 2>&1); then
			tail -n 40 "$gen_dir/build.log" >&2
			die "building tools/gen-sdk failed (full log: $gen_dir/build.log)"
		fi
		mv -f "$gen_bin.tmp" "$gen_bin"
		log "built the SDK generator in $((SECONDS - start))s"
	fi
fi

if [[ $mode == build ]]; then
	# The modules a generated Go SDK compiles against (tools/gen-sdk/gosdk-deps), downloaded and compiled
	# once, so that the test that builds the Go SDK runs offline and mostly from the build cache.
	deps_src="$gen_src/gosdk-deps"
	deps_key=$(cat "$deps_src"/*.go "$deps_src/go.mod" "$deps_src/go.sum" | sha256)
	if [[ ! -f $gen_dir/gosdk-deps.stamp || $(<"$gen_dir/gosdk-deps.stamp") != "$deps_key" ]]; then
		log "downloading and compiling what a generated Go SDK needs (tools/gen-sdk/gosdk-deps; under a minute after the CLI build, whose modules it shares)"
		start=$SECONDS
		(cd "$deps_src" && GOWORK=off GOFLAGS="-buildvcs=false -mod=readonly" go build ./... >"$gen_dir/gosdk-deps.log" 2>&1) || {
			tail -n 40 "$gen_dir/gosdk-deps.log" >&2
			die "building tools/gen-sdk/gosdk-deps failed (full log: $gen_dir/gosdk-deps.log)"
		}
		printf '%s\n' "$deps_key" >"$gen_dir/gosdk-deps.stamp"
		log "done in $((SECONDS - start))s"
	fi
	printf '%s\n' "$gen_bin"
	exit 0
fi

IFS=, read -r -a langs <<<"$languages"
gen_args=(-languages "$languages")
if [[ -n $logo ]]; then
	[[ -f $logo ]] || die "--logo $logo not found"
	gen_args+=(-logo "$logo")
fi

if [[ $mode == generate ]]; then
	log "generating ${langs[*]} from $schema into $out"
	mkdir -p "$out"
	"$gen_bin" -schema "$schema" -out "$out" "${gen_args[@]}" >&2
	exit 0
fi

# --- --check ----------------------------------------------------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen_bin" -schema "$schema" -out "$tmp" "${gen_args[@]}" 2>"$tmp.log" >&2 || {
	cat "$tmp.log" >&2
	rm -f "$tmp.log"
	die "generation failed"
}
rm -f "$tmp.log"

# The files of out/<lang> that would be committed: tracked, or untracked and not ignored by git.
committed_files() { # committed_files <lang>
	if [[ -d $out/$1 ]] && git -C "$out" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		(cd "$out" && git ls-files --cached --others --exclude-standard -- "$1") | LC_ALL=C sort -u
	elif [[ -d $out/$1 ]]; then
		(cd "$out" && find "$1" -type f) | LC_ALL=C sort
	fi
}

stale=0
for lang in "${langs[@]}"; do
	want=$(cd "$tmp" && find "$lang" -type f | LC_ALL=C sort)
	have=$(committed_files "$lang")
	while IFS= read -r f; do
		[[ -n $f ]] || continue
		if [[ ! -f $out/$f ]]; then
			printf 'missing: %s\n' "${out#"$repo_root"/}/$f"
			stale=1
		elif ! cmp -s "$tmp/$f" "$out/$f"; then
			printf 'differs: %s\n' "${out#"$repo_root"/}/$f"
			stale=1
		fi
	done <<<"$want"
	while IFS= read -r f; do
		[[ -n $f ]] || continue
		if ! grep -qxF -- "$f" <<<"$want"; then
			printf 'not generated: %s\n' "${out#"$repo_root"/}/$f"
			stale=1
		fi
	done <<<"$have"
done

if ((stale)); then
	fix="scripts/sdk/generate.sh"
	[[ $schema == "$repo_root/schema.json" ]] || fix+=" --schema $schema"
	[[ $out == "$repo_root/sdk" ]] || fix+=" --out $out"
	[[ $languages == python,go,dotnet,java ]] || fix+=" --languages $languages"
	[[ -z $logo ]] || fix+=" --logo $logo"
	log "the SDKs in ${out#"$repo_root"/} are not what ${schema#"$repo_root"/} generates (files above): run $fix"
	exit 1
fi
log "the SDKs in ${out#"$repo_root"/} (${langs[*]}) match ${schema#"$repo_root"/}"
