import { formatPath, PathSegment } from "../definition/case";
import { compareDefinitions, setPart, shownChange } from "../definition/compare";
import { credentialPathsIn, maskCredentials } from "../definition/credentials";
import { valueAt } from "../definition/path";
import type { ApiDefinition } from "../definition/types";
import { declaredDefinition, decodeOutputs, Inputs, namespaceOf, USER_CONTROL_KEYS } from "../custom-provider";
import { isUnknown } from "../definition/unknown";
import { BlastRadius, isInBlastRadius } from "./blast-radius";
import { Flag, flag, FLAG_KINDS, FlagKind, flagMessages, mightMessages, OpaqueValue, unverifiedFlag } from "./flags";
import type { Prose } from "./prose";
import { maskSecrets, SECRET } from "./secrets";
import type { Action, ResourceChange } from "./steps";
import { unknownKeys } from "./unknown-keys";
import { kindsItMightTrigger, OpaquePath } from "./unverified";

/** One changed property; a value is absent when that side does not have it. Secrets are SECRET. */
export interface PropertyChange {
  path: string;
  before?: unknown;
  after?: unknown;
  /** The value is secret on at least one side: not shown, and not compared. */
  secret?: boolean;
  /** The value depends on another resource and is known only after apply: not compared. */
  unknown?: boolean;
  /**
   * The value is a credential (definition/credentials.ts): compared, but only what changed is told
   * ("N characters changed"), never the value; `before` and `after` are then absent.
   */
  credential?: string;
}

export interface ProviderReview {
  /** The resource name (the program's name for it, e.g. the definition file name). */
  name: string;
  displayName?: string;
  urn: string;
  action: Action;
  identifier?: string;
  environmentUrl?: string;
  /** Creates only: the declaration, secrets masked. */
  definition?: unknown;
  /** Creates only: adopt takes over an existing provider of the same name. */
  adopt?: boolean;
  /** Creates only: Pulumi's `import` option, which takes over the provider with this identifier. */
  importIdentifier?: string;
  changes: PropertyChange[];
  flags: Flag[];
  /**
   * How many connections the provider has, for a delete, a replacement or a rename looked up with
   * `--environment`; null when it was not looked up or the look-up failed (never 0 for "unknown").
   */
  connections: number | null;
  /** Deletes, replacements and renames: what the look-up of its connections found, or why there is no count. */
  blastRadius?: BlastRadius;
}

const str = (v: unknown) => (typeof v === "string" && v !== SECRET ? v : undefined);

function maskedInputs(inputs: Inputs | undefined): Inputs | undefined {
  return inputs ? (maskSecrets(inputs).masked as Inputs) : undefined;
}

const isOpaque = (v: unknown) => v === SECRET || isUnknown(v);

/** Where a side holds a secret or a value not known until apply: neither can be compared. */
function opaquePaths(value: unknown, path: PathSegment[] = []): PathSegment[][] {
  if (isOpaque(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => opaquePaths(v, [...path, i]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => opaquePaths(v, [...path, k]));
  }
  return [];
}

/** Takes the value at `path` out of the comparison: an array slot becomes {}, an object key goes. */
function blank(value: unknown, path: PathSegment[]): void {
  let v = value;
  for (const seg of path.slice(0, -1)) {
    if (v === null || typeof v !== "object") return;
    v = (v as Record<string, unknown>)[seg as string];
  }
  if (v === null || typeof v !== "object") return;
  const last = path[path.length - 1];
  if (Array.isArray(v)) v[last as number] = {};
  else delete (v as Record<string, unknown>)[last as string];
}

/**
 * compareDefinitions on both sides with every secret (and every value unknown until apply) taken
 * out of both, so that neither a secret nor the plaintext it replaces is compared or shown; each
 * becomes a change of its own.
 */
function compareWithSecrets(before: ApiDefinition, after: ApiDefinition) {
  const a = structuredClone(before) as unknown;
  const b = structuredClone(after) as unknown;
  const unique = [...new Map([...opaquePaths(a), ...opaquePaths(b)].map((p) => [formatPath(p), p])).values()];
  const opaque: OpaquePath[] = [];
  const secretChanges: PropertyChange[] = unique.map((p) => {
    const [va, vb] = [valueAt(a, p), valueAt(b, p)];
    const secret = va === SECRET || vb === SECRET;
    opaque.push({ path: p, opacity: secret ? "secret" : "unknown", sides: { old: isOpaque(va), new: isOpaque(vb) } });
    const shown = (v: unknown) => (secret ? SECRET : v);
    return {
      path: formatPath(p) || "definition",
      ...(va !== undefined ? { before: shown(va) } : {}),
      ...(vb !== undefined ? { after: shown(vb) } : {}),
      ...(secret ? { secret: true } : { unknown: true }),
    };
  });
  if (unique.some((p) => p.length === 0)) return { comparison: undefined, secretChanges, opaque };
  // Deepest first, so that blanking an array slot does not move a deeper path.
  for (const p of unique.sort((x, y) => y.length - x.length)) {
    blank(a, p);
    blank(b, p);
  }
  return { comparison: compareDefinitions(a as ApiDefinition, b as ApiDefinition), secretChanges, opaque };
}

function environmentUrl(change: ResourceChange, inputs: Inputs | undefined, config: Record<string, unknown>): string | undefined {
  const recorded = str(change.oldState?.outputs?.environmentUrl);
  if (recorded) return recorded;
  // A secret namespace is masked (not a string here): read as the default, as the engine cannot tell either.
  const ns = namespaceOf({ configNamespace: str(inputs?.configNamespace) });
  return str(config[`${ns}:environmentUrl`]);
}

/** The first half of each flag that an unseen value may trigger. */
const MIGHT: Partial<Record<FlagKind, (name: string) => Prose>> = {
  rename: mightMessages.rename,
  "auth-changed": mightMessages.authChanged,
  "scopes-added": mightMessages.scopesAdded,
  "scopes-removed": mightMessages.scopesRemoved,
  "proxy-disabled": mightMessages.proxyDisabled,
  "unknown-keys": mightMessages.unknownKeys,
  adopt: mightMessages.adopt,
};

const byKind = (a: Flag, b: Flag) => FLAG_KINDS.indexOf(a.kind) - FLAG_KINDS.indexOf(b.kind);

/**
 * Flags for what the preview cannot show: each kind an opaque value might trigger and no verified
 * flag already raises, marked "cannot verify", in FLAG_KINDS order.
 */
function unverifiedFlags(
  label: string,
  action: Action,
  opaque: OpaquePath[],
  raised: Flag[],
  extra: Map<FlagKind, OpaqueValue[]>,
): Flag[] {
  const might = new Map(extra);
  for (const value of opaque) {
    for (const kind of kindsItMightTrigger(value, action)) {
      might.set(kind, [...(might.get(kind) ?? []), { path: formatPath(value.path) || "definition", opacity: value.opacity }]);
    }
  }
  const verified = new Set(raised.map((f) => f.kind));
  return FLAG_KINDS.filter((k) => might.has(k) && !verified.has(k) && MIGHT[k]).map((k) =>
    unverifiedFlag(k, MIGHT[k]!(label), might.get(k)!),
  );
}

/** A plain string a preview shows: not a secret, not a value known only after apply. */
const plain = (v: unknown): v is string => typeof v === "string" && !isOpaque(v);

/** How a create takes over an existing provider, if it does: `adopt: true`, or Pulumi's `import` option. */
function takeOver(news: Inputs | undefined): Pick<ProviderReview, "adopt" | "importIdentifier"> {
  const importIdentifier = plain(news?.importIdentifier) && news.importIdentifier !== "" ? news.importIdentifier : undefined;
  return { ...(news?.adopt === true ? { adopt: true } : {}), ...(importIdentifier ? { importIdentifier } : {}) };
}

/** What a reviewer needs to know about one CustomProvider change. */
export function reviewProvider(change: ResourceChange, config: Record<string, unknown>): ProviderReview {
  const action = change.action as Action;
  // Without recorded inputs, the outputs echo them (their nested values as the dynamic provider stores them: decoded).
  const recordedOutputs = change.oldState?.outputs;
  const olds = maskedInputs(change.oldState?.inputs ?? (recordedOutputs && decodeOutputs(recordedOutputs)));
  const news = maskedInputs(change.newState?.inputs);
  const oldDef = olds && declaredDefinition(olds);
  const newDef = news && declaredDefinition(news);
  const displayName =
    str((newDef as ApiDefinition | undefined)?.display_name) ?? str((oldDef as ApiDefinition | undefined)?.display_name);
  const label = displayName ?? change.name;
  const identifier = str(change.oldState?.id) ?? str(change.oldState?.outputs?.identifier);
  const review: ProviderReview = {
    name: change.name,
    ...(displayName ? { displayName } : {}),
    urn: change.urn,
    action,
    ...(identifier ? { identifier } : {}),
    ...(environmentUrl(change, news ?? olds, config) ? { environmentUrl: environmentUrl(change, news ?? olds, config) } : {}),
    changes: [],
    flags: [],
    connections: null,
  };

  if (action === "delete") {
    review.flags.push(flag("delete", flagMessages.delete(label, identifier)));
    review.blastRadius = { status: "not-looked-up", reason: "no-environment" };
    return review;
  }
  let opaque: OpaquePath[] = [];
  /** Control inputs the preview does not show, by the flag they might raise. */
  const opaqueControls = new Map<FlagKind, OpaqueValue[]>();
  if (action === "create") {
    // Credentials (definition/credentials.ts) as their size; secrets and unknown values stay as the preview marks them.
    const credentials = credentialPathsIn(newDef, [], [newDef]).filter((p) => !isOpaque(valueAt(newDef, p)));
    review.definition = maskCredentials(newDef, credentials);
    opaque = opaquePaths(newDef).map((path) => ({
      path,
      opacity: valueAt(newDef, path) === SECRET ? "secret" : "unknown",
      sides: { old: false, new: true },
    }));
    Object.assign(review, takeOver(news));
    if (review.adopt || review.importIdentifier) {
      review.flags.push(flag("adopt", flagMessages.adopt(label, review.importIdentifier)));
    } else {
      const unseen = (["adopt", "importIdentifier"] as const).filter((k) => isOpaque(news?.[k]));
      const values = unseen.map((k): OpaqueValue => ({ path: k, opacity: news?.[k] === SECRET ? "secret" : "unknown" }));
      if (values.length) opaqueControls.set("adopt", values);
    }
  }

  if (action === "update" || action === "replace") {
    // A lingering adopt acts on no update, but may on a replacement's create; who owns the provider
    // now is not in the preview, so the flag is marked unverifiable (owner) and `--fail-on adopt` gates it.
    if (news?.adopt === true)
      review.flags.push({ ...flag("adopt", flagMessages.adoptOnChange(label, action)), unverified: ["owner"] });
    else if (isOpaque(news?.adopt))
      opaqueControls.set("adopt", [{ path: "adopt", opacity: news?.adopt === SECRET ? "secret" : "unknown" }]);
  }

  let replaceReasons: string[] = [];
  if ((action === "update" || action === "replace") && oldDef && newDef) {
    const compared = compareWithSecrets(oldDef, newDef);
    const { comparison, secretChanges } = compared;
    opaque = compared.opaque;
    for (const key of USER_CONTROL_KEYS) {
      if (olds?.[key] !== news?.[key]) review.changes.push({ path: key, before: olds?.[key], after: news?.[key] });
    }
    for (const c of comparison?.changes ?? []) {
      const shown = shownChange(c);
      review.changes.push({
        path: formatPath(c.path),
        ...(shown.change !== undefined ? { credential: shown.change } : {}),
        ...(shown.before !== undefined ? { before: setPart(shown.before) } : {}),
        ...(shown.after !== undefined ? { after: setPart(shown.after) } : {}),
      });
    }
    for (const c of secretChanges) review.changes.push(c);
    if (comparison) {
      replaceReasons = comparison.replaceReasons;
      if (action === "update" && comparison.authChanged) review.flags.push(flag("auth-changed", flagMessages.authChanged(label)));
      if (comparison.scopesAdded.length)
        review.flags.push(flag("scopes-added", flagMessages.scopesAdded(label, comparison.scopesAdded)));
      if (comparison.scopesRemoved.length) {
        review.flags.push(flag("scopes-removed", flagMessages.scopesRemoved(label, comparison.scopesRemoved)));
      }
    }
    const [from, to] = [(oldDef as ApiDefinition).display_name, (newDef as ApiDefinition).display_name];
    if (plain(from) && plain(to) && from !== to) review.flags.push(flag("rename", flagMessages.rename(from, to, identifier)));
  }
  if (action === "replace") {
    const reasons = replaceReasons.length ? replaceReasons : change.replaceReasons.map((p) => `${p} changes`);
    review.flags.push(flag("replace", flagMessages.replace(label, reasons, identifier)));
  }
  if (newDef && (newDef as ApiDefinition).proxy_enabled === false) {
    review.flags.push(flag("proxy-disabled", flagMessages.proxyDisabled(label)));
  }
  const unknown = newDef ? unknownKeys(newDef) : [];
  if (unknown.length) review.flags.push(flag("unknown-keys", flagMessages.unknownKeys(label, unknown)));
  review.flags.sort(byKind);
  review.flags.push(...unverifiedFlags(label, action, opaque, review.flags, opaqueControls));
  const kinds = review.flags.map((f) => f.kind);
  if (isInBlastRadius(action, kinds)) review.blastRadius = { status: "not-looked-up", reason: "no-environment" };
  return review;
}
