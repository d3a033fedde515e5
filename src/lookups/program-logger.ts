import * as pulumi from "@pulumi/pulumi";
import type { Logger } from "../client/logger";

/** The client's retries and recoveries, reported to the engine as the program's own log lines. */
export const programLogger: Logger = {
  debug: (message) => void pulumi.log.debug(message),
  warn: (message) => void pulumi.log.warn(message),
};
