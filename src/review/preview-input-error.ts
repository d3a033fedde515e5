import { ScalekitError } from "../errors";

/** Input that is not the output of `pulumi preview --json`: the review cannot be trusted, exit 2. */
export class PreviewInputError extends ScalekitError {
  constructor(
    readonly source: string,
    detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${source} is not the output of \`pulumi preview --json\`: ${detail}`, options);
  }
}

/** Text that cannot be split into JSON documents; wrapped into a PreviewInputError naming its source. */
export class PreviewSyntaxError extends ScalekitError {}
