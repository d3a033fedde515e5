#!/usr/bin/env bash
# A release, up to the point of publishing: bumps the version in package.json and package-lock.json,
# moves CHANGELOG.md's "Unreleased" section under the new version with today's date, and shows what
# `npm publish` would ship (`--dry-run`: it builds, packs and uploads nothing). It commits, tags and
# publishes nothing: review the diff, then do those by hand (CONTRIBUTING.md, "Releasing").
# usage: scripts/release.sh <version | patch | minor | major>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ $# -ne 1 ]]; then
	echo "usage: scripts/release.sh <version | patch | minor | major>" >&2
	exit 2
fi
if [[ -n $(git status --porcelain) ]]; then
	echo "release: the working tree has uncommitted changes; commit or stash them first" >&2
	exit 1
fi

npx tsc -p scripts/release/tsconfig.json
# Undo the bump if the changelog cannot be released (e.g. nothing under "Unreleased").
trap 'git checkout --quiet -- package.json package-lock.json CHANGELOG.md' ERR
version=$(npm version "$1" --no-git-tag-version | tail -n1)
version=${version#v}
node dist/release/scripts/release/changelog.js CHANGELOG.md "$version" "$(date -u +%F)"
trap - ERR

echo "release: $version; npm publish --dry-run:" >&2
npm publish --dry-run
cat >&2 <<NEXT

release: package.json, package-lock.json and CHANGELOG.md now say $version. Next, by hand:
  git diff                                  # check the version and the changelog
  npm test
  git commit -am "Release $version" && git tag v$version
  npm publish && git push --follow-tags
NEXT
