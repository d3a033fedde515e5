#!/usr/bin/env bash
# The main job on the embedded default: starts the local Scalekit emulator, runs `pulumi up` on the
# dev stack with this repository's definitions, and shows that a second preview has no changes.
# Needs no credentials and touches no real Scalekit environment. State lives in .pulumi-local/.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo"

bin_dir=$(bash scripts/setup.sh | tail -n1)
export PATH="$bin_dir:$PATH"

# A private copy of the project files, so the demo stack's settings never touch Pulumi.dev.yaml.
work="$repo/.pulumi-local/demo"
rm -rf "$work" && mkdir -p "$work/project" "$work/state"
cp Pulumi.yaml index.ts tsconfig.json package.json "$work/project/"
ln -s "$repo/node_modules" "$work/project/node_modules"
ln -s "$repo/dist" "$work/project/dist"

export PULUMI_HOME="$work/home" PULUMI_BACKEND_URL="file://$work/state" PULUMI_CONFIG_PASSPHRASE=local-demo
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

port=${SCALEKIT_EMULATOR_PORT:-8787} # 0: any free port
node dist/src/emulator/cli.js --port "$port" >"$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$work/emulator.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$work/emulator.log" || { cat "$work/emulator.log"; echo "demo: the emulator did not start" >&2; exit 1; }
cat "$work/emulator.log"
url=$(sed -n 's/^scalekit emulator listening on //p' "$work/emulator.log" | head -n1)

# The emulator's default client credentials; a real environment uses `pulumi config set` instead.
export SCALEKIT_ENVIRONMENT_URL="$url" SCALEKIT_CLIENT_ID=skc_emulator SCALEKIT_CLIENT_SECRET=skc_emulator_secret

cd "$work/project"
pulumi stack init dev --secrets-provider passphrase --non-interactive
pulumi config set definitionsDir "$repo/definitions" --stack dev
echo; echo "== pulumi up --stack dev"
pulumi up --yes --non-interactive --stack dev
echo; echo "== pulumi preview --expect-no-changes --stack dev"
pulumi preview --expect-no-changes --non-interactive --stack dev
echo; echo "demo: done. The emulator now holds: "
node -e 'fetch(process.argv[1]+"/_emulator/providers").then(r=>r.json()).then(b=>b.providers.forEach(p=>console.log(`  ${p.identifier}  ${p.display_name}`)))' "$SCALEKIT_ENVIRONMENT_URL"
