import { PreviewInputError, PreviewSyntaxError } from "./preview-input-error";

/**
 * The parts of `pulumi preview --json` that the review reads. Measured with Pulumi 3.248: the
 * dynamic provider returns no detailed diff, so `detailedDiff` is null and `diffReasons` absent; a
 * replacement is one step with op "replace" (engines may also emit the create-replacement /
 * delete-replaced pair); secrets appear as the string "[secret]", even with --show-secrets.
 */
export interface PreviewState {
  urn?: string;
  id?: string;
  type?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface PreviewStep {
  op: string;
  urn: string;
  oldState?: PreviewState;
  newState?: PreviewState;
  replaceReasons?: string[];
  diffReasons?: string[];
}

export interface PreviewDiagnostic {
  urn?: string;
  message: string;
  severity: string;
}

export interface PreviewDocument {
  /** Where it came from: a file name, or "stdin", with its position when several were concatenated. */
  source: string;
  config: Record<string, unknown>;
  steps: PreviewStep[];
  diagnostics: PreviewDiagnostic[];
}

/**
 * Splits text holding JSON documents back to back (`pulumi preview --json` run once per stack into
 * one stream). Tracks nesting outside strings; each top-level value ends where its depth returns to 0.
 */
export function splitJsonDocuments(text: string): string[] {
  const docs: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 0 && /\s/.test(c)) continue;
    if (depth === 0 && c !== "{" && c !== "[") {
      throw new PreviewSyntaxError(
        `unexpected ${JSON.stringify(text.slice(i, i + 20))} at offset ${i}, where a JSON object should start`,
      );
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (depth === 0) start = i;
      depth++;
    } else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) docs.push(text.slice(start, i + 1));
    }
  }
  if (depth !== 0 || inString) throw new PreviewSyntaxError("the JSON ends in the middle of a document (truncated output?)");
  return docs;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function toDocument(value: unknown, source: string): PreviewDocument {
  if (!isObject(value)) throw new PreviewInputError(source, 'expected a JSON object with "steps"');
  const { steps, config, diagnostics } = value;
  if (!Array.isArray(steps) && !("changeSummary" in value) && !Array.isArray(diagnostics)) {
    throw new PreviewInputError(
      source,
      `expected "steps" (found ${Object.keys(value).slice(0, 5).join(", ") || "an empty object"})`,
    );
  }
  const list = Array.isArray(steps) ? steps : [];
  list.forEach((s, i) => {
    if (!isObject(s) || typeof s.op !== "string" || typeof s.urn !== "string") {
      throw new PreviewInputError(source, `steps[${i}] has no "op" and "urn"`);
    }
  });
  return {
    source,
    config: isObject(config) ? config : {},
    steps: list as PreviewStep[],
    diagnostics: (Array.isArray(diagnostics) ? diagnostics : []).filter(
      (d): d is PreviewDiagnostic => isObject(d) && typeof d.message === "string" && typeof d.severity === "string",
    ),
  };
}

/** Every preview document in one input (a file or stdin), in order. */
export function parsePreviewDocuments(text: string, source: string): PreviewDocument[] {
  let parts: string[];
  try {
    parts = splitJsonDocuments(text);
  } catch (err) {
    throw new PreviewInputError(source, (err as Error).message, { cause: err });
  }
  if (parts.length === 0) throw new PreviewInputError(source, "it is empty");
  return parts.map((part, i) => {
    const label = parts.length > 1 ? `${source} (document ${i + 1})` : source;
    let value: unknown;
    try {
      value = JSON.parse(part);
    } catch (err) {
      throw new PreviewInputError(label, (err as Error).message);
    }
    return toDocument(value, label);
  });
}
