import { startEmulator, Emulator, EmulatorOptions } from "../../src/emulator";
import { ScalekitClient, ClientOptions } from "../../src/client";

/** An emulator for one test file, reset before each test, closed after all. */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options);
  });
  beforeEach(() => {
    emulator!.reset();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return () => emulator!;
}

/** Sleeps are recorded, not waited for: tests never depend on timing. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

export function clientFor(emulator: Emulator, options: ClientOptions = {}): ScalekitClient {
  return new ScalekitClient(
    { environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
    { sleep: async () => undefined, ...options },
  );
}

/** Requests other than the token endpoint's, as "METHOD path". */
export function apiCalls(emulator: Emulator): string[] {
  return emulator
    .requests()
    .filter((r) => r.path !== "/oauth/token")
    .map((r) => `${r.method} ${decodeURIComponent(r.path)}`);
}

export function tokenCalls(emulator: Emulator): number {
  return emulator.requests().filter((r) => r.path === "/oauth/token").length;
}

/** The shared examples; re-exported here because many helpers' tests import them from this module. */
export { tavily, numbered, asanaWithScopes } from "../fixtures/definitions";
