import { isCustomProviderType } from "../custom-provider";
import { tierOfStackName, tierOfUrl } from "./environment";
import { isUnknown } from "../definition/unknown";
import { Flag, flag, FLAG_KINDS, FlagKind, flagMessages, mightMessages, unverifiedFlag } from "./flags";
import type { PreviewDocument } from "./preview-json";
import { ProviderReview, reviewProvider } from "./provider-review";
import { isSecretMarker } from "./secrets";
import { Action, ACTIONS, changedResources, parseUrn } from "./steps";

export interface StackReview {
  stack: string;
  project?: string;
  source: string;
  /** Where this stack's providers live: recorded in their outputs, else the stack config. */
  environmentUrls: string[];
  counts: Record<Action, number>;
  providers: ProviderReview[];
  /** Changes to resources other than custom providers, which the review does not interpret. */
  otherChanges: { urn: string; type: string; action: string }[];
  /** The preview's own error messages. */
  errors: string[];
  /** Flags about the stack as a whole (its environment, the preview's errors). */
  flags: Flag[];
}

/** The whole review: what `--json` prints, and what the Markdown renders. */
export interface Review {
  stacks: StackReview[];
  /** Every flag kind present anywhere, for gates, in FLAG_KINDS order (unverified flags included). */
  flagKinds: FlagKind[];
  /**
   * The environments (normalised URLs) whose connections were looked up, from `--environment`;
   * empty when none was given: then no provider's connections were looked up.
   */
  connectionsLookedUpIn: string[];
}

const str = (v: unknown) => (typeof v === "string" && v !== "[secret]" ? v : undefined);

/** The stack itself and provider plugins come and go with every new stack: not worth a line. */
const isBookkeeping = (type: string) => type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");

function stackOf(doc: PreviewDocument): { stack: string; project?: string } {
  const parsed = doc.steps.map((s) => parseUrn(s.urn)).find(Boolean);
  return parsed ? { stack: parsed.stack, project: parsed.project } : { stack: `(unknown stack in ${doc.source})` };
}

export function reviewStack(doc: PreviewDocument): StackReview {
  const { stack, project } = stackOf(doc);
  const providers: ProviderReview[] = [];
  const otherChanges: StackReview["otherChanges"] = [];
  for (const change of changedResources(doc.steps)) {
    if (isCustomProviderType(change.type) && (ACTIONS as readonly string[]).includes(change.action)) {
      providers.push(reviewProvider(change, doc.config));
    } else if (!isBookkeeping(change.type)) {
      otherChanges.push({ urn: change.urn, type: change.type, action: change.action });
    }
  }
  const counts = Object.fromEntries(ACTIONS.map((a) => [a, providers.filter((p) => p.action === a).length])) as Record<
    Action,
    number
  >;
  const urls = providers.map((p) => p.environmentUrl).filter((u): u is string => Boolean(u));
  const configured = str(doc.config["scalekit:environmentUrl"]);
  const environmentUrls = [...new Set(urls.length ? urls : configured ? [configured] : [])];
  const errors = [...new Set(doc.diagnostics.filter((d) => d.severity === "error").map((d) => d.message.trim()))];

  const flags: Flag[] = [];
  const stackTier = tierOfStackName(stack);
  for (const url of environmentUrls) {
    const urlTier = tierOfUrl(url);
    if (stackTier && urlTier && stackTier !== urlTier) {
      flags.push(flag("environment-mismatch", flagMessages.environmentMismatch(stack, stackTier, url, urlTier)));
    }
  }
  const rawUrl = doc.config["scalekit:environmentUrl"];
  if (stackTier && environmentUrls.length === 0 && (isSecretMarker(rawUrl) || isUnknown(rawUrl))) {
    // The URL this stack points at is hidden: the mismatch it might be is raised, marked unverified.
    const opacity = isUnknown(rawUrl) ? "unknown" : "secret";
    flags.push(
      unverifiedFlag("environment-mismatch", mightMessages.environmentMismatch(stack, stackTier), [
        { path: "scalekit:environmentUrl", opacity },
      ]),
    );
  }
  if (errors.length) flags.push(flag("preview-errors", flagMessages.previewErrors(stack, errors.length)));
  return {
    stack,
    ...(project ? { project } : {}),
    source: doc.source,
    environmentUrls,
    counts,
    providers,
    otherChanges,
    errors,
    flags,
  };
}

export function buildReview(documents: PreviewDocument[]): Review {
  const stacks = documents.map(reviewStack);
  const kinds = new Set<FlagKind>();
  for (const s of stacks) for (const f of [...s.flags, ...s.providers.flatMap((p) => p.flags)]) kinds.add(f.kind);
  return { stacks, flagKinds: FLAG_KINDS.filter((k) => kinds.has(k)), connectionsLookedUpIn: [] };
}
