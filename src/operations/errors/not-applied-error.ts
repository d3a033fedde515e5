import { ScalekitError } from "../../errors";
import type { RecordedNotApplied } from "../../definition/write-check";
import { notAppliedAgain } from "../messages";

/** An update would only resend what Scalekit declined at the last write: refused before sending. */
export class NotAppliedError extends ScalekitError {
  readonly fields: string[];

  constructor(
    readonly displayName: string,
    readonly identifier: string,
    refusals: readonly RecordedNotApplied[],
  ) {
    super(notAppliedAgain(displayName, identifier, refusals));
    this.fields = refusals.map((r) => r.field);
  }
}
