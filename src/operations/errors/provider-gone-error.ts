import { ScalekitError } from "../../errors";
import { goneOnUpdate } from "../messages";

/** An update found the recorded provider deleted outside Pulumi (a listing confirmed the 404). */
export class ProviderGoneError extends ScalekitError {
  constructor(
    readonly identifier: string,
    readonly environmentUrl: string,
    cause: unknown,
  ) {
    super(goneOnUpdate(identifier, environmentUrl), { cause });
  }
}
