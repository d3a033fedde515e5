#!/usr/bin/env bash
# Makes a suitable Pulumi CLI available: the user's own when there is one, else one built from Go
# modules without the official installer (only package registries are needed: the Go module proxy).
#
# Usage:  bin_dir=$(scripts/pulumi-cli/install.sh | tail -n1); export PATH="$bin_dir:$PATH"
#
# The last line of stdout is the absolute path of a directory holding `pulumi`,
# `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`, and (for YAML and Python programs)
# `pulumi-language-yaml` and `pulumi-language-python`. Progress goes to stderr.
#
# 1. If a `pulumi` on PATH reports v$min_version (below) or newer and `pulumi-language-nodejs` is beside
#    it or on PATH, it is used: that directory is printed when it also holds
#    `pulumi-resource-pulumi-nodejs` (as the official distribution does), else a directory in the
#    cache linking to both tools beside our copy of that plugin script. No Go needed; well under a second.
#    The official YAML and Python hosts come with such a CLI: nothing of ours is built for them; they
#    are linked too when found beside it or on PATH, and a missing one is named on stderr.
# 2. Otherwise the tools are built once into a cache outside the repository,
#      ${SCALEKIT_PULUMI_CACHE:-$HOME/.cache/pulumi-scalekit-providers}/cli/v<version>/
#    - `pulumi` from github.com/pulumi/pulumi/pkg/v3/cmd/pulumi at the pinned version, into bin/;
#    - `pulumi-language-nodejs` from tools/pulumi-language-nodejs (our minimal Node.js language
#      host: the official one is not published as a fetchable Go module), into hosts/nodejs-<hash>/;
#    - `pulumi-language-python` from tools/pulumi-language-python (our minimal Python language host,
#      for the same reason; with pkg/v3's Python code generator), into hosts/python-<hash>/;
#    <hash> is that of the host's sources (with the version and the recipe below): both hosts are built
#    in the CLI's own throwaway module (src/, pkg/v3 and sdk/v3 at the pinned version, pkg/v3's
#    `replace` directives), so that module's go.mod and go.sum follow from the version and the recipe.
#    The directory printed is bin-<key>/, <key> naming the two hosts' builds: hard links to `pulumi`
#    and to those hosts (the CLI looks for a language host on PATH and beside its own executable, and
#    warns when they differ), so checkouts whose host sources differ (branches) share the cache and
#    `pulumi`, and none rebuilds or replaces the hosts another one uses.
#    - `pulumi-language-yaml`, a link to the official YAML host v$yaml_version (below), built with
#      `go install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$yaml_version` (its own
#      pinned dependencies) into ${SCALEKIT_PULUMI_CACHE:-...}/language-yaml/v$yaml_version/bin;
#    - `pulumi-resource-pulumi-nodejs`, copied from this folder: runs the dynamic-provider plugin of
#      the @pulumi/pulumi that the program's directory resolves.
#    Later runs reuse the cache (stamp files keyed by the versions and the language hosts' sources).
#    Each run marks the builds it uses; after a build, those of hosts/ and bin-*/ that no run has
#    used for 14 days are removed (prune-builds.sh).
#    The first build takes 9 to 11 minutes on 2 cores (7.5 for pulumi, 1.5 to 3.5 for the YAML host, seconds
#    for our hosts); a cached run about a second.
# Which path was taken is logged on stderr.
#
# Needs: node (to read the pinned version), and for a build the `go` command (pkg/v3 needs Go >= 1.25;
# an older `go` switches toolchains through the module proxy by itself unless GOTOOLCHAIN=local).
# The first build downloads ~1.5 GB of modules and compiles for several minutes.
#
# Environment:
#   SCALEKIT_PULUMI_CACHE    cache root (default $HOME/.cache/pulumi-scalekit-providers)
#   SCALEKIT_PULUMI_VERSION  override the version (default: node_modules/@pulumi/pulumi's version)
#   SCALEKIT_PULUMI_YAML_VERSION  override the YAML host's version (default below)
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
pyhost_src="$repo_root/tools/pulumi-language-python"
sdk_dir="$repo_root/node_modules/@pulumi/pulumi"

# Bump when the build recipe below changes in a way that needs a rebuild of `pulumi`.
recipe=1

# The oldest CLI on PATH that is used (see step 1 below for why this version).
min_version=3.150.0

# The official YAML language host, built from the Go module proxy (github.com/pulumi/pulumi-yaml).
yaml_version=${SCALEKIT_PULUMI_YAML_VERSION:-1.25.0}
yaml_version=${yaml_version#v}

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

# The official YAML and Python language hosts that come with a CLI on PATH: beside it, else on PATH.
# Sets other_hosts to "name=path" words for those found and says on stderr which are used or missing.
# Nothing of ours is built for such a CLI.
find_other_hosts() { # find_other_hosts <dir of pulumi>
	local name found used=() missing=()
	other_hosts=()
	for name in pulumi-language-yaml pulumi-language-python; do
		if [[ -x $1/$name ]]; then
			found=$1/$name
		else
			found=$(command -v "$name" 2>/dev/null || true)
		fi
		if [[ -n $found ]]; then
			other_hosts+=("$name=$found")
			used+=("$found")
		else
			missing+=("$name")
		fi
	done
	if ((${#used[@]})); then
		log "its own language hosts are used, ours are not built: ${used[*]}"
	fi
	if ((${#missing[@]})); then
		log "no ${missing[*]} beside it or on PATH: programs in that language will not run with this CLI" \
			"(install the official Pulumi CLI, which includes them, or run with SCALEKIT_PULUMI_REBUILD=1 to build ours)"
	fi
}

# pulumi, our (or its own) language host and the dynamic-provider plugin in one directory, for a CLI
# on PATH that comes without the plugin script (a package manager's install, for example), with its
# YAML and Python hosts (find_other_hosts) linked beside them.
link_path_cli() { # link_path_cli <pulumi> <pulumi-language-nodejs>
	local key dir entry
	key=$(printf '%s\n%s\n' "$1" "$2" | sha256)
	dir="$cache_root/from-path/${key:0:16}/bin"
	mkdir -p "$dir"
	ln -sfn "$1" "$dir/pulumi"
	ln -sfn "$2" "$dir/pulumi-language-nodejs"
	rm -f "$dir/pulumi-language-yaml" "$dir/pulumi-language-python"
	for entry in "${other_hosts[@]}"; do
		ln -sfn "${entry#*=}" "$dir/${entry%%=*}"
	done
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
				find_other_hosts "$path_dir"
				printf '%s\n' "$path_dir"
				exit 0
			else
				log "using pulumi v$path_version found on PATH ($path_pulumi; minimum v$min_version): no build needed;" \
					"adding the pulumi-resource-pulumi-nodejs plugin script beside links to it"
				find_other_hosts "$path_dir"
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
pyhost_files=("$pyhost_src"/*.go "$pyhost_src"/*.py)
shopt -u nullglob
((${#langhost_files[@]} > 0)) || die "no Go sources in $langhost_src"
((${#pyhost_files[@]} > 0)) || die "no sources in $pyhost_src"
# The hosts' dependencies are the CLI's (the throwaway module in src/ below, whose go.mod and go.sum follow
# from the version and the recipe): a go.mod beside their sources would be ignored, and not in the key.
for f in "$langhost_src/go.mod" "$pyhost_src/go.mod"; do
	[[ ! -e $f ]] || die "$f: our language hosts are built in the CLI's own module, not a module of their own"
done

sources_hash() { # sources_hash <file>...
	local f
	for f in "$@"; do
		printf '%s\n' "$(basename "$f")"
		cat "$f"
	done | sha256
}

pulumi_stamp_want="pulumi v$version recipe $recipe"
langhost_hash=$(sources_hash "${langhost_files[@]}")
pyhost_hash=$(sources_hash "${pyhost_files[@]}")
langhost_stamp_want="langhost v$version recipe $recipe $langhost_hash"
pyhost_stamp_want="pyhost v$version recipe $recipe $pyhost_hash"

# Where each tool is built: pulumi once per version; each host once per version and sources.
pulumi_dir="$cache_dir/bin"
langhost_dir="$cache_dir/hosts/nodejs-${langhost_hash:0:16}"
pyhost_dir="$cache_dir/hosts/python-${pyhost_hash:0:16}"
# The directory printed: hard links to pulumi and to this checkout's two hosts (see the top).
bin_key=$(printf '%s\n%s\n%s\n' "$pulumi_stamp_want" "$langhost_stamp_want" "$pyhost_stamp_want" | sha256)
bin_dir="$cache_dir/bin-${bin_key:0:16}"

# The YAML host lives in a cache of its own (it does not depend on the CLI's version); bin_dir links to it.
yaml_dir="$cache_root/language-yaml/v$yaml_version"
yaml_bin="$yaml_dir/bin/pulumi-language-yaml"
yaml_stamp_want="pulumi-language-yaml v$yaml_version recipe $recipe"

stamp_is() { # stamp_is <file> <text>
	[[ -f $1 && $(<"$1") == "$2" ]]
}

yaml_is_current() {
	[[ ${SCALEKIT_PULUMI_REBUILD:-} != 1 && -x $yaml_bin ]] && stamp_is "$yaml_dir/yaml.stamp" "$yaml_stamp_want"
}

pulumi_is_current() {
	[[ ${SCALEKIT_PULUMI_REBUILD:-} != 1 && -x $pulumi_dir/pulumi ]] && stamp_is "$cache_dir/pulumi.stamp" "$pulumi_stamp_want"
}

host_is_current() { # host_is_current <host dir> <binary name> <stamp text>
	[[ ${SCALEKIT_PULUMI_REBUILD:-} != 1 && -x $1/$2 ]] && stamp_is "$1/build.stamp" "$3"
}

# The same file: a hard link (or, where the file system has none, an identical copy).
same_file() { # same_file <a> <b>
	[[ -e $1 && -e $2 ]] && { [[ $1 -ef $2 ]] || cmp -s "$1" "$2"; }
}

is_current() {
	pulumi_is_current &&
		host_is_current "$langhost_dir" pulumi-language-nodejs "$langhost_stamp_want" &&
		host_is_current "$pyhost_dir" pulumi-language-python "$pyhost_stamp_want" &&
		same_file "$bin_dir/pulumi" "$pulumi_dir/pulumi" &&
		same_file "$bin_dir/pulumi-language-nodejs" "$langhost_dir/pulumi-language-nodejs" &&
		same_file "$bin_dir/pulumi-language-python" "$pyhost_dir/pulumi-language-python" &&
		yaml_is_current && [[ $bin_dir/pulumi-language-yaml -ef $yaml_bin ]]
}

# Marks this checkout's builds as used: prune-builds.sh removes those no checkout has used for long.
mark_used() {
	touch "$bin_dir" "$langhost_dir" "$pyhost_dir" 2>/dev/null || true
}

if is_current; then
	install_wrapper "$bin_dir"
	mark_used
	log "using pulumi v$version built from Go modules earlier (cache $bin_dir)"
	printf '%s\n' "$bin_dir"
	exit 0
fi

mkdir -p "$pulumi_dir" "$bin_dir"

# One build at a time per version (parallel CI jobs, several checkouts sharing the cache).
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache_dir/.lock"
	if ! flock -n 9; then
		log "waiting for another install.sh building v$version (lock $cache_dir/.lock)"
		flock 9
	fi
	if is_current; then
		install_wrapper "$bin_dir"
		mark_used
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
if pulumi_is_current; then
	log "using pulumi v$version built from Go modules earlier (cache $pulumi_dir); building or linking the language hosts this checkout needs"
else
	log "building pulumi v$version from Go modules (${path_refusal:-no pulumi on PATH})"
fi
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

# Our language hosts: our sources, built in this module against the same sdk/v3.
mkdir -p pyhost
rm -f langhost/*.go pyhost/*.go pyhost/*.py
cp "${langhost_files[@]}" langhost/
cp "${pyhost_files[@]}" pyhost/
for host in langhost pyhost; do
	if ! go list "./$host" >/dev/null 2>&1; then
		log "resolving the imports of ./$host"
		go get "./$host" >&2 || die "go get ./$host failed (see above)"
	fi
done

if ! pulumi_is_current; then
	log "compiling pulumi v$version (several minutes on a cold cache)"
	start=$SECONDS
	go build -ldflags "$ldflags" -o "$pulumi_dir/pulumi.tmp" "$pkg_mod/cmd/pulumi" >&2 ||
		die "building pulumi failed (see above)"
	mv -f "$pulumi_dir/pulumi.tmp" "$pulumi_dir/pulumi"
	printf '%s\n' "$pulumi_stamp_want" >"$cache_dir/pulumi.stamp"
	log "compiled pulumi in $((SECONDS - start))s"
fi

build_host() { # build_host <package dir> <host dir> <binary name> <stamp text>
	if host_is_current "$2" "$3" "$4"; then
		return 0
	fi
	log "compiling $3 into $2"
	mkdir -p "$2"
	rm -f "$2/build.stamp"
	start=$SECONDS
	go build -ldflags "$ldflags" -o "$2/$3.tmp" "./$1" >&2 || die "building $3 failed (see above)"
	mv -f "$2/$3.tmp" "$2/$3"
	printf '%s\n' "$4" >"$2/build.stamp"
	log "compiled $3 in $((SECONDS - start))s"
}
build_host langhost "$langhost_dir" pulumi-language-nodejs "$langhost_stamp_want"
build_host pyhost "$pyhost_dir" pulumi-language-python "$pyhost_stamp_want"

# Puts <file> into bin_dir as <name>: a hard link, else a copy; replaced in one rename, so a program
# running from bin_dir meanwhile sees the old file or the new one.
link_into_bin() { # link_into_bin <file> <name>
	same_file "$bin_dir/$2" "$1" && return 0
	local tmp="$bin_dir/.$2.tmp.$$"
	rm -f "$tmp"
	ln "$1" "$tmp" 2>/dev/null || cp "$1" "$tmp" || die "cannot link or copy $1 into $bin_dir"
	mv -f "$tmp" "$bin_dir/$2"
}
link_into_bin "$pulumi_dir/pulumi" pulumi
link_into_bin "$langhost_dir/pulumi-language-nodejs" pulumi-language-nodejs
link_into_bin "$pyhost_dir/pulumi-language-python" pulumi-language-python
install_wrapper "$bin_dir"
mark_used
# Still under the cache's lock: no other install.sh is building or linking meanwhile.
bash "$script_dir/prune-builds.sh" "$cache_dir" 14 "$bin_dir" "$langhost_dir" "$pyhost_dir" || log "pruning old builds failed; continuing"

# The official YAML host, with its own pinned dependencies (it does not build against pkg/v3 v$version).
if ! yaml_is_current; then
	mkdir -p "$yaml_dir/bin"
	if command -v flock >/dev/null 2>&1; then
		exec 8>"$yaml_dir/.lock"
		flock 8
	fi
	if ! yaml_is_current; then
		yaml_mod="github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$yaml_version"
		log "building pulumi-language-yaml v$yaml_version (go install $yaml_mod; 1.5 to 3.5 minutes the first time; log in $yaml_dir/install.log)"
		start=$SECONDS
		rm -f "$yaml_dir/yaml.stamp"
		yaml_install() {
			GOBIN="$yaml_dir/bin" go install -ldflags "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$yaml_version" \
				"$yaml_mod" >"$yaml_dir/install.log" 2>&1
		}
		if ! yaml_install; then
			if grep -qiE 'verifying|sum\.golang|checksum|GOSUMDB' "$yaml_dir/install.log"; then
				log "checksum database lookup failed; retrying without it for github.com/pulumi:"
				grep -iE 'verifying|sum\.golang|checksum|GOSUMDB' "$yaml_dir/install.log" | sed 's/^[[:space:]]*/    /' >&2
				GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/pulumi" yaml_install ||
					{ tail -n 40 "$yaml_dir/install.log" >&2; die "go install $yaml_mod failed"; }
			else
				tail -n 40 "$yaml_dir/install.log" >&2
				die "go install $yaml_mod failed (full log: $yaml_dir/install.log)"
			fi
		fi
		printf '%s\n' "$yaml_stamp_want" >"$yaml_dir/yaml.stamp"
		log "built pulumi-language-yaml in $((SECONDS - start))s"
	fi
fi
ln -sfn "$yaml_bin" "$bin_dir/pulumi-language-yaml"

built_version=$(PULUMI_SKIP_UPDATE_CHECK=true "$bin_dir/pulumi" version 2>/dev/null | tail -n1 || true)
[[ ${built_version//[[:space:]]/} == "v$version" ]] ||
	die "the built pulumi reports '$built_version', expected v$version"

log "pulumi v$version ready in $bin_dir"
printf '%s\n' "$bin_dir"
