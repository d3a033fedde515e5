#!/usr/bin/env bash
# Makes a suitable Pulumi CLI available: the user's own when there is one, else one built from Go
# modules without the official installer (only package registries are needed: the Go module proxy).
#
# Usage:  bin_dir=$(scripts/pulumi-cli/install.sh | tail -n1); export PATH="$bin_dir:$PATH"
#
# The last line of stdout is the absolute path of a directory holding `pulumi`,
# `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`. Progress goes to stderr.
#
# 1. If a `pulumi` on PATH reports v$min_version (below) or newer and `pulumi-language-nodejs` is beside
#    it or on PATH, it is used: that directory is printed when it also holds
#    `pulumi-resource-pulumi-nodejs` (as the official distribution does), else a directory in the
#    cache linking to both tools beside our copy of that plugin script. No Go needed; well under a second.
# 2. Otherwise the tools are built once into a cache outside the repository,
#      ${SCALEKIT_PULUMI_CACHE:-$HOME/.cache/pulumi-scalekit-providers}/cli/v<version>/bin
#    - `pulumi` from github.com/pulumi/pulumi/pkg/v3/cmd/pulumi at the pinned version;
#    - `pulumi-language-nodejs` from tools/pulumi-language-nodejs (our minimal Node.js language
#      host: the official one is not published as a fetchable Go module);
#    - `pulumi-resource-pulumi-nodejs`, copied from this folder: runs the dynamic-provider plugin of
#      the @pulumi/pulumi that the program's directory resolves.
#    Later runs reuse the cache (stamp files keyed by the version and the language host's sources).
#    The first build takes about 7 minutes on 2 cores; a cached run about a second.
# Which path was taken is logged on stderr.
#
# Needs: node (to read the pinned version), and for a build the `go` command (pkg/v3 needs Go >= 1.25;
# an older `go` switches toolchains through the module proxy by itself unless GOTOOLCHAIN=local).
# The first build downloads ~1.5 GB of modules and compiles for several minutes.
#
# Environment:
#   SCALEKIT_PULUMI_CACHE    cache root (default $HOME/.cache/pulumi-scalekit-providers)
#   SCALEKIT_PULUMI_VERSION  override the version (default: node_modules/@pulumi/pulumi's version)
#   SCALEKIT_PULUMI_REBUILD  set to 1 to ignore the cache and the PATH and rebuild
set -euo pipefail

log() { printf 'pulumi-cli/install.sh: %s\n' "$*" >&2; }
die() {
	printf 'pulumi-cli/install.sh: error: %s\n' "$*" >&2
	exit 1
}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo_root=$(cd "$script_dir/../.." && pwd -P)
langhost_src="$repo_root/tools/pulumi-language-nodejs"
sdk_dir="$repo_root/node_modules/@pulumi/pulumi"

# Bump when the build recipe below changes in a way that needs a rebuild of `pulumi`.
recipe=1

# The oldest CLI on PATH that is used (see step 1 below for why this version).
min_version=3.150.0

# --- The pinned version ---------------------------------------------------------------------------
version=${SCALEKIT_PULUMI_VERSION:-}
if [[ -z $version ]]; then
	[[ -f $sdk_dir/package.json ]] ||
		die "$sdk_dir/package.json not found: run 'npm ci' in $repo_root first"
	command -v node >/dev/null 2>&1 || die "node is not on PATH"
	version=$(node -p 'require(process.argv[1]).version' "$sdk_dir/package.json") ||
		die "could not read the version from $sdk_dir/package.json"
fi
version=${version#v}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || die "unexpected @pulumi/pulumi version '$version'"

cache_root=${SCALEKIT_PULUMI_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-scalekit-providers}
mkdir -p "$cache_root" || die "cannot create the cache directory $cache_root"
cache_root=$(cd "$cache_root" && pwd -P)
cache_dir="$cache_root/cli/v$version"
bin_dir="$cache_dir/bin"

sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum | cut -d' ' -f1
	elif command -v shasum >/dev/null 2>&1; then
		shasum -a 256 | cut -d' ' -f1
	else
		openssl dgst -sha256 -r | cut -d' ' -f1
	fi
}

# The dynamic-provider plugin script, kept in this repository (see that file for why it is ours).
wrapper_src="$script_dir/pulumi-resource-pulumi-nodejs"
[[ -f $wrapper_src ]] || die "$wrapper_src is missing"

# Copies the plugin script into a bin directory unless an identical copy is there (cheap, no stamp).
install_wrapper() { # install_wrapper <bin dir>
	if ! cmp -s "$wrapper_src" "$1/pulumi-resource-pulumi-nodejs" 2>/dev/null; then
		cp "$wrapper_src" "$1/pulumi-resource-pulumi-nodejs.tmp.$$"
		chmod +x "$1/pulumi-resource-pulumi-nodejs.tmp.$$"
		mv -f "$1/pulumi-resource-pulumi-nodejs.tmp.$$" "$1/pulumi-resource-pulumi-nodejs"
	fi
}

# --- 1. A suitable CLI already on PATH -----------------------------------------------------------
# Any pulumi at least $min_version will do: the CLI and @pulumi/pulumi need not be the same version.
# (Since v3.139.0 the engine hands dynamic providers the whole stack config, which `configure` reads
# the credentials from: GetPackageConfig in pkg/v3/resource/deploy/target.go. $min_version keeps a
# margin above that, as only the pinned version is exercised end to end; every CLI flag the tests
# use is older.)
version_at_least() { # version_at_least 3.260.1 3.150.0
	local IFS=.
	local -a a=(${1%%-*}) b=(${2%%-*})
	local i
	for i in 0 1 2; do
		((10#${a[i]:-0} > 10#${b[i]:-0})) && return 0
		((10#${a[i]:-0} < 10#${b[i]:-0})) && return 1
	done
	return 0
}

# pulumi, our (or its own) language host and the dynamic-provider plugin in one directory, for a CLI
# on PATH that comes without the plugin script (a package manager's install, for example).
link_path_cli() { # link_path_cli <pulumi> <pulumi-language-nodejs>
	local key dir
	key=$(printf '%s\n%s\n' "$1" "$2" | sha256)
	dir="$cache_root/from-path/${key:0:16}/bin"
	mkdir -p "$dir"
	ln -sfn "$1" "$dir/pulumi"
	ln -sfn "$2" "$dir/pulumi-language-nodejs"
	install_wrapper "$dir"
	printf '%s\n' "$dir"
}

path_refusal=""
if [[ ${SCALEKIT_PULUMI_REBUILD:-} != 1 ]] && path_pulumi=$(command -v pulumi 2>/dev/null); then
	path_dir=$(cd "$(dirname "$path_pulumi")" && pwd -P)
	# Our own cache directories are checked with their stamps below instead.
	if [[ $path_dir != "$cache_root"/* ]]; then
		path_version=$(PULUMI_SKIP_UPDATE_CHECK=true "$path_pulumi" version 2>/dev/null | tail -n1 || true)
		path_version=${path_version//[[:space:]]/}
		path_version=${path_version#v}
		if [[ ! $path_version =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]]; then
			path_refusal="pulumi on PATH ($path_pulumi) did not report a version ('$path_version')"
		elif ! version_at_least "$path_version" "$min_version"; then
			path_refusal="pulumi on PATH ($path_pulumi) is v$path_version, older than the minimum v$min_version"
		else
			if [[ -x $path_dir/pulumi-language-nodejs ]]; then
				langhost=$path_dir/pulumi-language-nodejs
			else
				langhost=$(command -v pulumi-language-nodejs 2>/dev/null || true)
			fi
			if [[ -z $langhost ]]; then
				path_refusal="pulumi v$path_version on PATH ($path_pulumi) has no pulumi-language-nodejs beside it or on PATH"
			elif [[ -x $path_dir/pulumi-resource-pulumi-nodejs ]]; then
				log "using pulumi v$path_version found on PATH ($path_pulumi; minimum v$min_version): no build needed"
				printf '%s\n' "$path_dir"
				exit 0
			else
				log "using pulumi v$path_version found on PATH ($path_pulumi; minimum v$min_version): no build needed;" \
					"adding the pulumi-resource-pulumi-nodejs plugin script beside links to it"
				link_path_cli "$path_pulumi" "$langhost"
				exit 0
			fi
		fi
		log "$path_refusal: not using it"
	fi
fi

# --- 2. The cache -----------------------------------------------------------------------------------
shopt -s nullglob
langhost_files=("$langhost_src"/*.go)
shopt -u nullglob
((${#langhost_files[@]} > 0)) || die "no Go sources in $langhost_src"

pulumi_stamp_want="pulumi v$version recipe $recipe"
langhost_stamp_want="langhost v$version recipe $recipe $(
	for f in "${langhost_files[@]}"; do
		printf '%s\n' "$(basename "$f")"
		cat "$f"
	done | sha256
)"

is_current() {
	[[ ${SCALEKIT_PULUMI_REBUILD:-} != 1 ]] &&
		[[ -x $bin_dir/pulumi && -x $bin_dir/pulumi-language-nodejs ]] &&
		[[ -f $cache_dir/pulumi.stamp && $(<"$cache_dir/pulumi.stamp") == "$pulumi_stamp_want" ]] &&
		[[ -f $cache_dir/langhost.stamp && $(<"$cache_dir/langhost.stamp") == "$langhost_stamp_want" ]]
}

if is_current; then
	install_wrapper "$bin_dir"
	log "using pulumi v$version built from Go modules earlier (cache $bin_dir)"
	printf '%s\n' "$bin_dir"
	exit 0
fi

mkdir -p "$bin_dir"

# One build at a time per version (parallel CI jobs, several checkouts sharing the cache).
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache_dir/.lock"
	if ! flock -n 9; then
		log "waiting for another install.sh building v$version (lock $cache_dir/.lock)"
		flock 9
	fi
	if is_current; then
		install_wrapper "$bin_dir"
		log "using pulumi v$version built from Go modules by another process (cache $bin_dir)"
		printf '%s\n' "$bin_dir"
		exit 0
	fi
fi

# --- Build ------------------------------------------------------------------------------------------
if ! command -v go >/dev/null 2>&1; then
	die "no suitable Pulumi CLI: ${path_refusal:-no pulumi on PATH}, and Go is not on PATH to build pulumi v$version." \
		"Install the Pulumi CLI v$min_version or newer (with its pulumi-language-nodejs), or Go >= 1.25."
fi
log "building pulumi v$version from Go modules (${path_refusal:-no pulumi on PATH})"
command -v node >/dev/null 2>&1 || die "node is not on PATH"

go_version=$(go env GOVERSION 2>/dev/null || true)
log "building with $go_version (GOMODCACHE=$(go env GOMODCACHE), GOCACHE=$(go env GOCACHE))"

export GOWORK=off
export GOFLAGS=-buildvcs=false
export GO111MODULE=on

src_dir="$cache_dir/src"
mkdir -p "$src_dir/langhost"
cd "$src_dir"

pkg_mod="github.com/pulumi/pulumi/pkg/v3"
sdk_mod="github.com/pulumi/pulumi/sdk/v3"
ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"

# Present when pkg/v3 had to skip the checksum database (see below).
nosumdb_marker="$src_dir/gonosumdb"
deps_stamp_want="deps v$version recipe $recipe"
if [[ ! -f deps.stamp || $(<deps.stamp) != "$deps_stamp_want" ]]; then
	rm -f go.mod go.sum deps.stamp "$nosumdb_marker"
	cat >go.mod <<EOF
// Throwaway module generated by scripts/pulumi-cli/install.sh to build the Pulumi CLI and our
// minimal Node.js language host.
module scalekit.local/pulumi-cli-build

go 1.25
EOF

	# pkg/v3 is not in the checksum database in every environment (the lookup answers 404 behind some
	# proxies). Try with verification first; only skip it for this module if that fails.
	log "downloading $pkg_mod@v$version"
	if ! mod_json=$(go mod download -json "$pkg_mod@v$version" 2>"$src_dir/download.err"); then
		printf '%s\n' "$mod_json" >>"$src_dir/download.err"
		if grep -qiE 'verifying|sum\.golang|checksum|GOSUMDB' "$src_dir/download.err"; then
			log "checksum database lookup for $pkg_mod@v$version failed; retrying without it for github.com/pulumi/pulumi/pkg:"
			grep -iE 'verifying|sum\.golang|checksum|GOSUMDB' "$src_dir/download.err" | sed 's/^[[:space:]]*/    /' >&2
			export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/pulumi/pulumi/pkg"
			: >"$nosumdb_marker"
			mod_json=$(go mod download -json "$pkg_mod@v$version") ||
				die "could not download $pkg_mod@v$version from the Go module proxy ($(go env GOPROXY))"
		else
			cat "$src_dir/download.err" >&2
			die "could not download $pkg_mod@v$version from the Go module proxy ($(go env GOPROXY))"
		fi
	fi
	printf '%s\n' "$mod_json" >"$src_dir/pkg.json"

	# pkg/v3's own go.mod carries `replace` directives (e.g. atotto/clipboard => tgummerer/clipboard)
	# that only apply when it is the main module: repeat the non-local ones here.
	pkg_gomod=$(node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if(!j.GoMod) process.exit(1); console.log(j.GoMod)' "$src_dir/pkg.json") ||
		die "could not locate the go.mod of $pkg_mod@v$version"
	replaces=$(go mod edit -json "$pkg_gomod" | node -e '
		let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
			for (const r of JSON.parse(s).Replace || []) {
				if (!r.New.Version) continue; // local path replacements (e.g. sdk/v3 => ../sdk)
				const old = r.Old.Version ? `${r.Old.Path}@${r.Old.Version}` : r.Old.Path;
				console.log(`${old}=${r.New.Path}@${r.New.Version}`);
			}
		});') || die "could not read the replace directives of $pkg_gomod"
	while IFS= read -r r; do
		[[ -n $r ]] || continue
		log "replace $r"
		go mod edit -replace="$r"
	done <<<"$replaces"

	log "resolving dependencies (go get $pkg_mod/cmd/pulumi@v$version $sdk_mod@v$version; log in $src_dir/go-get.log)"
	if ! go get "$pkg_mod/cmd/pulumi@v$version" "$sdk_mod@v$version" >"$src_dir/go-get.log" 2>&1; then
		tail -n 40 "$src_dir/go-get.log" >&2
		die "go get failed (full log: $src_dir/go-get.log)"
	fi
	printf '%s\n' "$deps_stamp_want" >deps.stamp
elif [[ -f $nosumdb_marker ]]; then
	export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/pulumi/pulumi/pkg"
fi

# The language host: our sources, built in this module against the same sdk/v3.
rm -f langhost/*.go
cp "${langhost_files[@]}" langhost/
if ! go list ./langhost >/dev/null 2>&1; then
	log "resolving the language host's imports"
	go get ./langhost >&2 || die "go get ./langhost failed (see above)"
fi

if [[ ${SCALEKIT_PULUMI_REBUILD:-} == 1 || ! -x $bin_dir/pulumi || ! -f $cache_dir/pulumi.stamp ||
	$(<"$cache_dir/pulumi.stamp") != "$pulumi_stamp_want" ]]; then
	log "compiling pulumi v$version (several minutes on a cold cache)"
	start=$SECONDS
	go build -ldflags "$ldflags" -o "$bin_dir/pulumi.tmp" "$pkg_mod/cmd/pulumi" >&2 ||
		die "building pulumi failed (see above)"
	mv -f "$bin_dir/pulumi.tmp" "$bin_dir/pulumi"
	printf '%s\n' "$pulumi_stamp_want" >"$cache_dir/pulumi.stamp"
	log "compiled pulumi in $((SECONDS - start))s"
fi

log "compiling pulumi-language-nodejs"
go build -ldflags "$ldflags" -o "$bin_dir/pulumi-language-nodejs.tmp" ./langhost >&2 ||
	die "building pulumi-language-nodejs failed (see above)"
mv -f "$bin_dir/pulumi-language-nodejs.tmp" "$bin_dir/pulumi-language-nodejs"

install_wrapper "$bin_dir"
printf '%s\n' "$langhost_stamp_want" >"$cache_dir/langhost.stamp"

built_version=$(PULUMI_SKIP_UPDATE_CHECK=true "$bin_dir/pulumi" version 2>/dev/null | tail -n1 || true)
[[ ${built_version//[[:space:]]/} == "v$version" ]] ||
	die "the built pulumi reports '$built_version', expected v$version"

log "pulumi v$version ready in $bin_dir"
printf '%s\n' "$bin_dir"
