import { redact } from "./redact";

/** Base of every error this library throws; its message is always redacted. */
export class ScalekitError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = new.target.name;
  }
}
