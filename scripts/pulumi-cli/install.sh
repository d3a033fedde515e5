#!/usr/bin/env bash
# Makes a Pulumi CLI matching the project's @pulumi/pulumi version available, without the official
# installer (only package registries are needed: the Go module proxy).
#
# Usage:  bin_dir=$(scripts/pulumi-cli/install.sh | tail -n1); export PATH="$bin_dir:$PATH"
#
# The last line of stdout is the absolute path of a directory holding `pulumi`,
# `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`. Progress goes to stderr.
#
# 1. If a `pulumi` on PATH reports exactly the pinned version and `pulumi-language-nodejs` is beside
#    it or on PATH, that directory is printed.
# 2. Otherwise the tools are built once into a cache outside the repository,
#      ${SCALEKIT_PULUMI_CACHE:-$HOME/.cache/pulumi-scalekit-providers}/cli/v<version>/bin
#    - `pulumi` from github.com/pulumi/pulumi/pkg/v3/cmd/pulumi at the pinned version;
#    - `pulumi-language-nodejs` from tools/pulumi-language-nodejs (our minimal Node.js language
#      host: the official one is not published as a fetchable Go module);
#    - `pulumi-resource-pulumi-nodejs`, a wrapper that runs the dynamic-provider plugin of the
#      @pulumi/pulumi package installed in the program's node_modules.
#    Later runs reuse the cache (stamp files keyed by the version and the language host's sources).
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

# --- 1. A matching CLI already on PATH ------------------------------------------------------------
if [[ ${SCALEKIT_PULUMI_REBUILD:-} != 1 ]] && path_pulumi=$(command -v pulumi 2>/dev/null); then
	path_dir=$(cd "$(dirname "$path_pulumi")" && pwd -P)
	# Our own cache directory is checked with its stamps below instead.
	if [[ $path_dir != "$bin_dir" ]]; then
		path_version=$(PULUMI_SKIP_UPDATE_CHECK=true "$path_pulumi" version 2>/dev/null | tail -n1 || true)
		path_version=${path_version//[[:space:]]/}
		if [[ $path_version == "v$version" ]]; then
			if [[ -x $path_dir/pulumi-language-nodejs ]] || command -v pulumi-language-nodejs >/dev/null 2>&1; then
				if [[ ! -x $path_dir/pulumi-resource-pulumi-nodejs ]] &&
					! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
					log "warning: pulumi-resource-pulumi-nodejs is neither beside $path_pulumi nor on PATH"
				fi
				log "using pulumi v$version on PATH ($path_pulumi)"
				printf '%s\n' "$path_dir"
				exit 0
			fi
			log "pulumi v$version on PATH ($path_pulumi) has no pulumi-language-nodejs: using the cache"
		elif [[ -n $path_version ]]; then
			log "pulumi on PATH is $path_version, not v$version: using the cache"
		fi
	fi
fi

# --- 2. The cache -----------------------------------------------------------------------------------
sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum | cut -d' ' -f1
	elif command -v shasum >/dev/null 2>&1; then
		shasum -a 256 | cut -d' ' -f1
	else
		openssl dgst -sha256 -r | cut -d' ' -f1
	fi
}

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
		[[ -x $bin_dir/pulumi && -x $bin_dir/pulumi-language-nodejs && -x $bin_dir/pulumi-resource-pulumi-nodejs ]] &&
		[[ -f $cache_dir/pulumi.stamp && $(<"$cache_dir/pulumi.stamp") == "$pulumi_stamp_want" ]] &&
		[[ -f $cache_dir/langhost.stamp && $(<"$cache_dir/langhost.stamp") == "$langhost_stamp_want" ]]
}

if is_current; then
	log "using cached pulumi v$version"
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
		log "using cached pulumi v$version (built by another process)"
		printf '%s\n' "$bin_dir"
		exit 0
	fi
fi

# --- Build ------------------------------------------------------------------------------------------
command -v go >/dev/null 2>&1 || die "Go is not on PATH: it is needed to build pulumi v$version (Go >= 1.25)"
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

# The dynamic-provider plugin: the engine starts it with the program directory as working
# directory; run the @pulumi/pulumi found from there (as the script shipped in that package does),
# falling back to the copy in the checkout that ran install.sh.
cat >"$bin_dir/pulumi-resource-pulumi-nodejs.tmp" <<EOF
#!/bin/sh
# Generated by scripts/pulumi-cli/install.sh: runs @pulumi/pulumi's dynamic-provider plugin from the
# node_modules nearest to the working directory.
fallback='$sdk_dir/cmd/dynamic-provider/index.js'
dir=\$(pwd -P)
while :; do
	if [ -f "\$dir/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js" ]; then
		exec node "\$dir/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js" "\$@"
	fi
	[ "\$dir" = / ] && break
	dir=\$(dirname "\$dir")
done
if [ -f "\$fallback" ]; then
	exec node "\$fallback" "\$@"
fi
echo "pulumi-resource-pulumi-nodejs: @pulumi/pulumi not found in node_modules above \$(pwd) nor at \$fallback" >&2
exit 1
EOF
chmod +x "$bin_dir/pulumi-resource-pulumi-nodejs.tmp"
mv -f "$bin_dir/pulumi-resource-pulumi-nodejs.tmp" "$bin_dir/pulumi-resource-pulumi-nodejs"
printf '%s\n' "$langhost_stamp_want" >"$cache_dir/langhost.stamp"

built_version=$(PULUMI_SKIP_UPDATE_CHECK=true "$bin_dir/pulumi" version 2>/dev/null | tail -n1 || true)
[[ ${built_version//[[:space:]]/} == "v$version" ]] ||
	die "the built pulumi reports '$built_version', expected v$version"

log "pulumi v$version ready in $bin_dir"
printf '%s\n' "$bin_dir"
