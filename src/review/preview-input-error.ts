/** Input that is not the output of `pulumi preview --json`: the review cannot be trusted, exit 2. */
export class PreviewInputError extends Error {
  constructor(
    readonly source: string,
    detail: string,
  ) {
    super(`${source} is not the output of \`pulumi preview --json\`: ${detail}`);
    this.name = "PreviewInputError";
  }
}
