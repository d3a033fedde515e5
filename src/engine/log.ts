import type { Logger } from "../client";
import type { EngineClient } from "./connection";
import { engineText } from "./engine-text";

/**
 * Warnings from inside a plugin process (the dynamic provider, the native plugin), sent to the
 * engine's Log RPC so that they are shown with the step that caused them (the resource's URN, when
 * the plugin knows it); elsewhere (unit tests, plain scripts) written to stderr.
 */

type Severity = "debug" | "warn";

/** The part of the engine client a logger needs. */
export type EngineLogClient = Pick<EngineClient, "log">;

/**
 * How long a step waits for its log lines to reach the engine. A line is worth waiting for (it is
 * then shown with the step that caused it) but never worth a hung step: an engine that stops
 * answering costs at most this, and the line is dropped.
 */
export const LOG_DELIVERY_LIMIT_MS = 5_000;

/** A logger that sends to `client` (or stderr without one), and `flush`, which waits for delivery. */
export function createEngineLogger(
  client: () => EngineLogClient | null,
  limitMs = LOG_DELIVERY_LIMIT_MS,
  urn?: string,
): { logger: Logger; flush(): Promise<void> } {
  const pending: Promise<void>[] = [];

  function send(severity: Severity, message: string): Promise<void> {
    const text = engineText(message);
    const target = client();
    if (!target) {
      if (severity === "warn") process.stderr.write(`warning: ${text}\n`);
      return Promise.resolve();
    }
    const proto = require("@pulumi/pulumi/proto/engine_pb");
    const req = new proto.LogRequest();
    req.setSeverity(severity === "warn" ? proto.LogSeverity.WARNING : proto.LogSeverity.DEBUG);
    req.setMessage(text);
    if (urn) req.setUrn(urn);
    // The RPC's own deadline ends the call on the engine's side too; the answer (or error) is not needed.
    return new Promise((resolve) => target.log(req, { deadline: Date.now() + limitMs }, () => resolve()));
  }

  return {
    logger: {
      debug: (m) => void pending.push(send("debug", m)),
      warn: (m) => void pending.push(send("warn", m)),
    },
    async flush() {
      if (pending.length === 0) return; // the usual case: no timer per step
      const delivered = Promise.all(pending.splice(0));
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
      try {
        await Promise.race([delivered, limit]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
