import { ScalekitError } from "./scalekit-error";

/**
 * A program's declarations cannot be right, whatever the environment holds (two resources claim one
 * provider name, a definition file is not JSON): reported while the program runs, before any change.
 */
export class ScalekitDeclarationError extends ScalekitError {}
