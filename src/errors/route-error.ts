import { ScalekitError } from "./scalekit-error";

/**
 * A PUT or DELETE answered 404 although a listing shows the identifier exists: the path as sent did not
 * reach the provider (e.g. a gateway that decodes identifiers differently). Never read as "gone".
 */
export class ScalekitRouteError extends ScalekitError {
  readonly method: string;
  readonly path: string;
  readonly identifier: string;

  constructor(init: { method: string; path: string; identifier: string; serverMessage: string }) {
    super(
      `Scalekit answered ${init.method} ${init.path} with HTTP 404 (${init.serverMessage}), but listing shows that provider ` +
        `${init.identifier} exists: the path as sent did not reach it, and nothing was changed.`,
    );
    this.method = init.method;
    this.path = init.path;
    this.identifier = init.identifier;
  }
}
