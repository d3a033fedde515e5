import { ScalekitClient } from "../../../src/client";
import { clientFor } from "../emulator";
import { startEmulator, Emulator, type EmulatorOptions } from "../../../src/emulator";
import { Workspace, WorkspaceOptions } from "./workspace";

/** A direct API client for arranging changes "behind Pulumi's back". */
export function apiClient(emulator: Emulator): ScalekitClient {
  return clientFor(emulator);
}

/** A workspace and one emulator per named environment, for one test file. */
export function useStacks(environments: string[], options: WorkspaceOptions = {}, emulatorOptions: EmulatorOptions = {}) {
  const ctx = { ws: undefined as unknown as Workspace, env: {} as Record<string, Emulator>, outputs: [] as string[] };
  beforeAll(async () => {
    ctx.ws = new Workspace(options);
    for (const name of environments) {
      ctx.env[name] = await startEmulator(emulatorOptions);
      await ctx.ws.initStack(name, ctx.env[name]);
    }
  });
  afterAll(async () => {
    for (const e of Object.values(ctx.env)) await e.close();
    ctx.ws?.dispose();
  });
  return ctx;
}
