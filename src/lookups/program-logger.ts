import * as pulumi from "@pulumi/pulumi";
import type { Logger } from "../client/logger";
import { engineText } from "../engine/engine-text";

/**
 * The client's retries and recoveries, reported to the engine as the program's own log lines: like a
 * provider process's, redacted and with every character visible (engine/engine-text.ts).
 */
export const programLogger: Logger = {
  debug: (message) => void pulumi.log.debug(engineText(message)),
  warn: (message) => void pulumi.log.warn(engineText(message)),
};
