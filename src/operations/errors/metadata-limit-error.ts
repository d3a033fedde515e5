import { ScalekitError } from "../../errors";
import type { MetadataOverflow } from "../../definition/kept-metadata";
import { metadataOverLimit } from "../messages";

/**
 * A write would pass Scalekit's limit of metadata pairs once the keys this stack never declared are
 * sent back as stored (definition/kept-metadata.ts): refused at preview (diff) and before sending.
 */
export class MetadataLimitError extends ScalekitError {
  /** The keys set outside this stack that the write would send back. */
  readonly keptKeys: string[];
  readonly pairs: number;

  constructor(
    readonly displayName: string,
    readonly identifier: string | undefined,
    overflow: MetadataOverflow,
  ) {
    super(metadataOverLimit(displayName, identifier, overflow));
    this.keptKeys = overflow.kept;
    this.pairs = overflow.pairs;
  }
}
