import * as pulumi from "@pulumi/pulumi";
import { ScalekitDeclarationError } from "../errors";
import type { ApiDefinition } from "../definition/types";
import type { Definition } from "../definition/camel-types";
import { providerForState } from "../provider/stored-provider";
import {
  CAMEL_DEFINITION_KEYS,
  CONTROL_KEYS,
  DEFAULT_NAMESPACE,
  isNamespace,
  OUTPUT_PROPERTIES,
  REFERENCE_KEY,
  REFERENCE_SECRET_OUTPUTS,
  RESOURCE_MODULE,
  RESOURCE_TYPE_NAME,
  SECRET_OUTPUTS,
} from "../custom-provider";
import { unformattedPromiseStacks } from "./debug-stacks";
import { DeclaredNames } from "../custom-provider/declared-names";
import { engineText } from "../engine/engine-text";
import { decodeEncodedOutputs, type CustomProviderOutputs } from "./outputs";
import { stateIdentity } from "./state-identity";
import { ownerValue } from "../definition/ownership";

export interface ControlArgs {
  /**
   * Take over an existing provider of the same name (made by hand or by another tool) and update it
   * to this declaration. Without it, `pulumi up` refuses to touch a provider it did not create. It acts
   * once, when the resource is created: an update never takes a provider from another owner.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * The config namespace holding `environmentUrl`, `clientId` and `clientSecret` (default
   * "scalekit"). Use one namespace per Scalekit environment to manage several from one program.
   */
  configNamespace?: pulumi.Input<string>;
}

/** What a value may be given as: plain, or another resource's output, element by element for lists and maps. */
type InputOf<T> = T extends readonly (infer E)[]
  ? pulumi.Input<pulumi.Input<E>[]>
  : T extends Record<string, string>
    ? pulumi.Input<Record<string, pulumi.Input<string>>>
    : pulumi.Input<T>;

/**
 * A custom provider declared with camelCase keys: every key of the definition (derived from its one
 * description in definition/schema.ts), e.g. displayName, authPatterns (exactly one), proxyUrl
 * (https://, may hold {{domain}}, {{version}} and {{pathParam}} placeholders), proxyEnabled
 * (defaults to true: Scalekit's tool calling works only through the proxy).
 */
export type CustomProviderDefinitionArgs = ControlArgs & { [K in keyof Definition]: InputOf<Exclude<Definition[K], undefined>> };

/** A custom provider declared with the API's own snake_case JSON, exactly as Scalekit's docs print it. */
export interface CustomProviderJsonArgs extends ControlArgs {
  definition: pulumi.Input<ApiDefinition>;
}

export type CustomProviderArgs = CustomProviderDefinitionArgs | CustomProviderJsonArgs;

/** Where `CustomProvider.get` reads a provider from. */
export interface CustomProviderGetArgs {
  /** The config namespace holding the environment's settings (default "scalekit"), as for a declared provider. */
  configNamespace?: pulumi.Input<string>;
}

/**
 * A Scalekit custom provider ("bring your own provider"), created, updated and deleted in the
 * Scalekit environment that the stack's config points at. Its Pulumi id is the provider's identifier.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- the outputs' types, declared once
export interface CustomProvider extends CustomProviderOutputs {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class CustomProvider extends pulumi.dynamic.Resource {
  /** The id of the Pulumi state (stack in one backend) that manages the provider (the other outputs: outputs.ts). */
  declare public readonly stateId: pulumi.Output<string | undefined>;

  /**
   * A read-only reference to a provider that another stack or team manages: its outputs (`identifier`,
   * `displayName`, `stored`, `managedBy`, ...) are read from Scalekit when the program runs and by
   * `pulumi refresh`. Nothing is ever written: `destroy` only forgets it. A missing identifier fails
   * the program with an error naming it. `stored`, `authPatterns` and `metadata` are secret outputs.
   */
  static get(
    name: string,
    identifier: pulumi.Input<pulumi.ID>,
    args: CustomProviderGetArgs = {},
    opts?: pulumi.CustomResourceOptions,
  ): CustomProvider {
    return new CustomProvider(name, args as CustomProviderArgs, { ...opts, id: identifier });
  }

  /** With `opts.id`, a read-only reference (see `get`); only `configNamespace` of the args is read then. */
  constructor(name: string, args: CustomProviderArgs, opts?: pulumi.CustomResourceOptions) {
    const reference = opts?.id !== undefined;
    // Pulumi's `import` option makes the engine read a dynamic resource without its stored provider,
    // which crashes inside the SDK (pulumi/pulumi#3550): it becomes a take-over by identifier instead.
    const { import: importIdentifier, ...rest } = opts ?? {};
    const props = reference ? referenceProps(name, args, opts!.id!) : declaredProps(name, args, importIdentifier);
    // See SECRET_OUTPUTS (custom-provider/outputs.ts), REFERENCE_SECRET_OUTPUTS and docs/secrets.md.
    const secrets = reference ? REFERENCE_SECRET_OUTPUTS : SECRET_OUTPUTS;
    // The SDK's debug-only stack traces, one per promise and four promises per registered property,
    // are left unformatted while it registers (debug-stacks.ts).
    const restore = unformattedPromiseStacks();
    try {
      super(
        providerForState(),
        name,
        props,
        { ...rest, additionalSecretOutputs: [...new Set([...(rest.additionalSecretOutputs ?? []), ...secrets])] },
        RESOURCE_MODULE,
        RESOURCE_TYPE_NAME,
      );
    } finally {
      restore();
    }
    decodeEncodedOutputs(this);
  }
}

/** Every property a CustomProvider resolves, unset: each output must be registered to be read back. */
const UNSET = Object.fromEntries(
  [...CAMEL_DEFINITION_KEYS, ...CONTROL_KEYS, ...OUTPUT_PROPERTIES].map((key) => [key, undefined]),
);

function declaredProps(name: string, args: CustomProviderArgs, importIdentifier: unknown): pulumi.Inputs {
  claimDisplayName(name, args);
  if (importIdentifier !== undefined && (typeof importIdentifier !== "string" || importIdentifier.trim() === "")) {
    throw new ScalekitDeclarationError(
      `CustomProvider "${name}": the import option takes a provider identifier such as "MYASANA:12345"; ` +
        `to take over a provider by its name instead, set adopt: true.`,
    );
  }
  // Hidden inputs: recognise this resource's own provider after a run that died between the POST
  // and Pulumi recording it, and refuse anyone else's (see definition/ownership.ts).
  const managedBy = ownerValue(pulumi.getProject(), pulumi.getStack(), name);
  return {
    ...args,
    managedBy,
    stateId: stateIdentity(),
    ...(importIdentifier ? { importIdentifier } : {}),
    ...Object.fromEntries(OUTPUT_PROPERTIES.map((key) => [key, undefined])),
  };
}

/** A reference declares nothing: the identifier (the id), the namespace, and the flag that makes `read` serve it. */
function referenceProps(name: string, args: CustomProviderArgs | undefined, id: pulumi.Input<pulumi.ID>): pulumi.Inputs {
  const configNamespace = args?.configNamespace;
  if (typeof id === "string" && id.trim() === "")
    throw new ScalekitDeclarationError(`CustomProvider.get("${name}") needs a provider identifier, e.g. "MYASANA:12345"`);
  if (typeof configNamespace === "string" && !isNamespace(configNamespace))
    throw new ScalekitDeclarationError(
      `CustomProvider.get("${name}"): configNamespace must be a config namespace such as "scalekit" or "scalekitProd"`,
    );
  return { ...UNSET, [REFERENCE_KEY]: true, configNamespace };
}

/** The program's declarations: one program per process. */
const declaredNames = new DeclaredNames();

/** Two declarations of one provider name in one environment fail the program, naming both resources. */
function claimDisplayName(resource: string, args: CustomProviderArgs): void {
  const plainName = plainDisplayName(args);
  const plainNamespace = args.configNamespace ?? DEFAULT_NAMESPACE;
  if (plainName !== undefined && typeof plainNamespace === "string") {
    const clash = declaredNames.claim(`namespace ${plainNamespace}`, plainName, resource);
    if (clash) throw new ScalekitDeclarationError(engineText(clash));
    return;
  }
  // Values known only later (another resource's output) are checked once known.
  const displayName =
    "definition" in args && args.definition !== undefined
      ? pulumi.output(args.definition).apply((d) => d?.display_name)
      : pulumi.output((args as CustomProviderDefinitionArgs).displayName);
  pulumi.all([displayName, pulumi.output(plainNamespace)]).apply(([n, ns]) => {
    if (typeof n !== "string" || typeof ns !== "string") return;
    const clash = declaredNames.claim(`namespace ${ns}`, n, resource);
    if (clash) throw new ScalekitDeclarationError(engineText(clash));
  });
}

function plainDisplayName(args: CustomProviderArgs): string | undefined {
  if ("definition" in args && args.definition !== undefined) {
    const def = args.definition as unknown;
    const name =
      def !== null && typeof def === "object" && !pulumi.Output.isInstance(def)
        ? (def as { display_name?: unknown }).display_name
        : undefined;
    return typeof name === "string" ? name : undefined;
  }
  const name = (args as CustomProviderDefinitionArgs).displayName;
  return typeof name === "string" ? name : undefined;
}
