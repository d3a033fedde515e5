import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "../../../src/emulator";
import { installLibrary } from "../../../scripts/lib/install-library";
import { REPO_ROOT } from "./cli";
import { OWNER_KEY } from "../../../src/definition/ownership";
import { StateResource, Workspace, writesSeen } from "./workspace";

/** The native resource's type token, as state records it. */
export const NATIVE_TYPE = "scalekit:index:CustomProvider";

export type NativeLanguage = "yaml" | "typescript" | "python";

export interface NativeProgram {
  /** The program's folder: Pulumi.yaml, node_modules with the packed package (and so its plugin). */
  dir: string;
  ws: Workspace;
  /** Rewrites a file of the program (Pulumi.yaml for YAML). */
  write(file: string, text: string): void;
  /** `stack init` plus the default provider's config, pointing at an emulator. */
  initStack(stack: string, emulator: Emulator): Promise<void>;
  /** `<namespace>:environmentUrl`, `clientId` and (secret) `clientSecret` of an emulator, in a stack's config. */
  setEnvironment(stack: string, namespace: string, emulator: Emulator): Promise<void>;
  /** The native CustomProvider resources in a stack's state. */
  providersInState(stack: string): Promise<StateResource[]>;
}

/**
 * A program for the native plugin, laid out as a user would have it: the packed package installed in
 * its node_modules (npm install), whose `node_modules/.bin/pulumi-resource-scalekit` Pulumi.yaml names
 * as the scalekit plugin. `body` is the rest of Pulumi.yaml (a YAML program's resources, or the
 * runtime options); `files` the program's other files.
 */
export function nativeProgram(language: NativeLanguage, body: string, files: Record<string, string> = {}): NativeProgram {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `scalekit-native-${language}-`));
  installLibrary(REPO_ROOT, dir);
  const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
  write("Pulumi.yaml", pulumiYaml(language, body));
  for (const [file, text] of Object.entries(files)) write(file, text);
  const ws = new Workspace({ programDir: dir, inPlace: true });
  return {
    dir,
    ws,
    write: (file, text) => write(file, file === "Pulumi.yaml" ? pulumiYaml(language, text) : text),
    async initStack(stack, emulator) {
      await ws.ok(["stack", "init", stack, "--secrets-provider", "passphrase"]);
      await this.setEnvironment(stack, "scalekit", emulator);
    },
    async setEnvironment(stack, namespace, emulator) {
      await ws.ok(["config", "set", `${namespace}:environmentUrl`, emulator.url], stack);
      await ws.ok(["config", "set", `${namespace}:clientId`, emulator.clientId], stack);
      await ws.ok(["config", "set", "--secret", `${namespace}:clientSecret`, emulator.clientSecret], stack);
    },
    async providersInState(stack) {
      const { resources } = await ws.exportState(stack);
      return resources.filter((r) => r.type === NATIVE_TYPE);
    },
  };
}

const RUNTIMES: Record<NativeLanguage, string> = {
  yaml: "runtime: yaml",
  typescript: "runtime:\n  name: nodejs\n  options:\n    typescript: true",
  python: "runtime: python",
};

function pulumiYaml(language: NativeLanguage, body: string): string {
  const runtime = /^runtime:/m.test(body) ? "" : `${RUNTIMES[language]}\n`;
  return (
    `name: native-${language}\n${runtime}` +
    "plugins:\n  providers:\n    - name: scalekit\n      path: ./node_modules/.bin\n" +
    body
  );
}

/** A cached virtualenv with Pulumi's Python SDK and the generated `pulumi_scalekit` (scripts/python/venv.sh --sdk). */
export function pythonVenvWithSdk(): string {
  return execFileSync("bash", [path.join(REPO_ROOT, "scripts/python/venv.sh"), "--sdk", path.join(REPO_ROOT, "sdk/python")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })
    .trim()
    .split("\n")
    .pop()!;
}

/**
 * The step after `pulumi import` once the generated code is the program: the preview updates the one
 * imported provider, adding only its ownership marker; the up writes that marker alone (one PUT, the
 * metadata set in the Dashboard kept); then nothing is left to change.
 */
export async function expectMarkerOnlyUp(
  p: NativeProgram,
  stack: string,
  emulator: Emulator,
  owner: { project: string; resource: string; identifier: string },
): Promise<void> {
  const managedBy = `${owner.project}/${stack}/${owner.resource}`;
  const preview = await p.ws.ok(["preview", "--diff"], stack);
  expect(preview.output).toMatch(/~ 1 to update/);
  expect(preview.output).toContain(`+ managedBy: "${managedBy}"`);
  expect(preview.output).not.toMatch(/to (create|replace|delete)/);
  emulator.clearRequests();
  await p.ws.ok(["up", "--yes"], stack);
  expect(writesSeen(emulator)).toEqual([`PUT /api/v1/custom-providers/${owner.identifier}`]);
  expect(emulator.providers()[0].metadata).toMatchObject({
    team: "ops",
    [OWNER_KEY]: expect.stringMatching(new RegExp(`^${managedBy}@`)),
  });
  await p.ws.ok(["preview", "--expect-no-changes"], stack);
}
