import { ScalekitError } from "./scalekit-error";

/** The package is not laid out as installed (its package.json, its schema): a broken install or archive. */
export class ScalekitInstallationError extends ScalekitError {}
