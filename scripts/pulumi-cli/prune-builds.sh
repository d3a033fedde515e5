#!/usr/bin/env bash
# Removes the builds of the CLI cache that no checkout has used for a while: install.sh keys each
# language host (hosts/<language>-<hash>/) and each directory it prints (bin-<key>/) by the sources
# that built them, so every change to those sources, every branch and every old checkout leaves one
# behind (about 45 MB for a Python host). install.sh marks the ones it uses on every run (their
# modification time), and calls this after a build, while it holds the cache's lock.
#
#   prune-builds.sh <cache dir> <days unused> <kept dir>...
set -euo pipefail
cache_dir=$1
days=$2
shift 2
for entry in "$cache_dir"/bin-* "$cache_dir"/hosts/*; do
	[[ -d $entry ]] || continue
	for kept in "$@"; do
		[[ $entry == "$kept" ]] && continue 2
	done
	# find prints the entry only when it was last marked more than <days> days ago.
	if [[ -n $(find "$entry" -maxdepth 0 -mtime "+$days" -print) ]]; then
		rm -rf "$entry"
		printf 'pulumi-cli/prune-builds.sh: removed %s (unused for more than %s days)\n' "$entry" "$days" >&2
	fi
done
