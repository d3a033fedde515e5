import { ScalekitError } from "../errors";

/** The command line itself is wrong (unknown command or option, missing value): exit 2 with the usage. */
export class UsageError extends ScalekitError {}
