import { ScalekitError } from "./scalekit-error";

/** Missing or unusable settings: which environment, which credentials. */
export class ScalekitConfigError extends ScalekitError {}
