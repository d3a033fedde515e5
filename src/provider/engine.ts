import { connectEngine, ENGINE_ADDRESS, type EngineClient } from "../engine/connection";
import { createEngineLogger } from "../engine/log";
import { exitWhenGone } from "../engine/watch";
import type { Logger } from "../client";

/**
 * The engine that started this dynamic-provider process: Pulumi's dynamic provider host passes its
 * address as the first argument. Outside such a process (unit tests, plain scripts) there is none.
 */
export function engineAddress(argv: readonly string[] = process.argv): string | undefined {
  const address = argv[2];
  const inProviderProcess = (argv[1] ?? "").includes("dynamic-provider") && ENGINE_ADDRESS.test(address ?? "");
  return inProviderProcess ? address : undefined;
}

let client: EngineClient | null | undefined;

/** One client per process, or null where there is no engine to speak to. */
export function engineClient(): EngineClient | null {
  if (client !== undefined) return client;
  const address = engineAddress();
  return (client = address === undefined ? null : connectEngine(address));
}

const processLogger = createEngineLogger(engineClient);

/** Warnings sent to the engine's Log RPC, shown with the step that caused them; elsewhere on stderr. */
export const engineLogger: Logger = processLogger.logger;

/** Waits (at most LOG_DELIVERY_LIMIT_MS) until every log line has reached the engine. */
export const flushLogs = (): Promise<void> => processLogger.flush();

/** In a dynamic-provider process: exit once the engine that started it is gone. Elsewhere nothing. */
export function exitWhenEngineGone(): void {
  const c = engineClient();
  if (c) exitWhenGone(c, engineAddress()!);
}
