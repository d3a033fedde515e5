import { z } from "zod";
import { CLIENT_SETTINGS, CREDENTIAL_KEYS, type ConfigKeySpec, type NumericSettingSpec } from "../config";
import { CONTROL_INPUT_NOTES, OUTPUT_NOTES } from "../custom-provider/notes";
import { CUSTOM_PROVIDER_TYPE } from "../custom-provider";
import { LOOKUP_NOTES } from "../custom-provider/notes";
import { snakeToCamel } from "../definition/case-rule";
import { DEFINITION_KEY_NOTES } from "../definition/descriptions";
import { DEFINITION_KEYS, unwrap } from "../definition/keys";
import { definitionSchema, NESTED_OBJECTS, OPEN_ENUM_VALUES } from "../definition/schema";
import { CUSTOM_PROVIDER_TOKEN, GET_CUSTOM_PROVIDER_TOKEN, LIST_CUSTOM_PROVIDERS_TOKEN, PACKAGE_NAME } from "./tokens";

/**
 * The native plugin's Pulumi package schema, derived from the one description of a definition (the
 * zod schema, definition/schema.ts) and the notes the docs use: every SDK (sdk/) and the schema
 * reference are generated from it, and `scripts/schema.ts --check` fails lint when the committed
 * schema.json is stale. Pulumi's object types are closed (a typed SDK refuses keys it does not list),
 * so `definition`, the API's own JSON as one value, stays the open path for keys Scalekit adds first.
 */

/** A property of a Pulumi schema (the subset this schema uses). */
export interface PropertySpec {
  type?: "string" | "boolean" | "number" | "integer" | "array" | "object";
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  description?: string;
  secret?: boolean;
}

export interface ObjectSpec {
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

export interface PackageSchema {
  name: string;
  displayName: string;
  version: string;
  description: string;
  keywords: string[];
  homepage: string;
  repository: string;
  license: string;
  publisher: string;
  pluginDownloadURL: string;
  meta: { moduleFormat: string; supportPack: boolean };
  language: Record<string, unknown>;
  config: { variables: Record<string, PropertySpec> };
  provider: { description: string; inputProperties: Record<string, PropertySpec>; properties: Record<string, PropertySpec> };
  resources: Record<string, ObjectSpec & { inputProperties: Record<string, PropertySpec>; aliases: { type: string }[] }>;
  functions: Record<string, { description: string; inputs?: ObjectSpec; outputs: ObjectSpec }>;
  types: Record<string, ObjectSpec & { type: "object" }>;
}

export interface SchemaOptions {
  version: string;
  /** The repository's web address: the SDKs' home, and where releases carry the plugin's archives. */
  repository: string;
}

const ANY = "pulumi.json#/Any";
const typeToken = (name: string) => `${PACKAGE_NAME}:index:${name}`;
const typeRef = (name: string) => `#/types/${typeToken(name)}`;

/** Markdown links of the docs (relative to docs/reference/) as plain text: a schema's reader has no docs/ folder. */
export function plainText(text: string): string {
  return text.replace(/\[([^\]]+)\]\((?:\.\.\/)?[\w/#.-]+\.md(?:#[\w-]+)?\)/g, "$1");
}

/** A zod schema of the definition as a Pulumi property. */
export function propertyOf(schema: z.ZodTypeAny, description?: string): PropertySpec {
  const s = unwrap(schema);
  const nested = NESTED_OBJECTS.find((o) => o.schema === s);
  const text = description ?? describedAs(schema);
  const withText = (spec: PropertySpec): PropertySpec => (text ? { ...spec, description: plainText(text) } : spec);
  if (nested) return withText({ $ref: typeRef(nested.type) });
  if (s instanceof z.ZodString) {
    const known = OPEN_ENUM_VALUES.get(s);
    const listed = `one of ${known?.join(", ")}`;
    const values = known ? `${text && text !== listed ? `${text}: ` : ""}${listed}, or another value (sent as-is)` : text;
    return values ? { type: "string", description: plainText(values) } : { type: "string" };
  }
  if (s instanceof z.ZodBoolean) return withText({ type: "boolean" });
  if (s instanceof z.ZodNumber) return withText({ type: "number" });
  if (s instanceof z.ZodArray) return withText({ type: "array", items: propertyOf(s.element, "") });
  if (s instanceof z.ZodRecord) return withText({ type: "object", additionalProperties: propertyOf(s.valueSchema, "") });
  return withText({ $ref: ANY });
}

function describedAs(schema: z.ZodTypeAny): string | undefined {
  for (let s: z.ZodTypeAny | undefined = schema; s; s = s === unwrap(s) ? undefined : innerOf(s)) {
    if (s.description) return s.description;
  }
  return undefined;
}

function innerOf(s: z.ZodTypeAny): z.ZodTypeAny | undefined {
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) return s.unwrap();
  if (s instanceof z.ZodEffects) return s.innerType();
  if (s instanceof z.ZodDefault) return s.removeDefault();
  return undefined;
}

/** Each nested object of the definition as a named type, its keys camelCased, required where zod requires them. */
function types(): PackageSchema["types"] {
  const out: PackageSchema["types"] = {};
  for (const { schema, prose, type } of NESTED_OBJECTS) {
    const shape = (unwrap(schema) as z.ZodObject<z.ZodRawShape>).shape;
    const required = Object.keys(shape).filter((k) => !shape[k].isOptional());
    out[typeToken(type)] = {
      type: "object",
      description: `An ${prose} of a custom provider's definition (\`${Object.keys(shape).join("`, `")}\` in \`definition\`).`,
      properties: Object.fromEntries(Object.entries(shape).map(([k, child]) => [snakeToCamel(k), propertyOf(child)])),
      ...(required.length ? { required: required.map(snakeToCamel) } : {}),
    };
  }
  out[typeToken("CustomProviderInfo")] = {
    type: "object",
    description: "One custom provider as the lookups return it.",
    ...lookupResult(),
  };
  return out;
}

/** The definition's keys as camelCase inputs; those the API requires are required unless `definition` is given. */
function definitionInputs(): Record<string, PropertySpec> {
  const shape = definitionSchema.shape as z.ZodRawShape;
  return Object.fromEntries(
    DEFINITION_KEYS.map((key) => {
      const note = DEFINITION_KEY_NOTES[key];
      const required = shape[key].isOptional() ? "" : " Required unless `definition` is given.";
      return [snakeToCamel(key), propertyOf(shape[key], `${note}${required}`)];
    }),
  );
}

const DEFINITION_INPUT: PropertySpec = {
  $ref: ANY,
  description:
    "The whole definition as the API's own snake_case JSON, exactly as Scalekit's docs print it, instead of the " +
    "camelCase keys. Keys this version does not list inside an auth pattern are sent as-is.",
};

function resource(): PackageSchema["resources"][string] {
  const inputs: Record<string, PropertySpec> = {
    ...definitionInputs(),
    definition: DEFINITION_INPUT,
    adopt: { type: "boolean", description: plainText(CONTROL_INPUT_NOTES.adopt.notes) },
  };
  const outputs: Record<string, PropertySpec> = {
    ...inputs,
    identifier: { type: "string", description: plainText(OUTPUT_NOTES.identifier) },
    scalekitId: { type: "string", description: plainText(OUTPUT_NOTES.scalekitId) },
    isCustomMcp: { type: "boolean", description: plainText(OUTPUT_NOTES.isCustomMcp) },
    environmentUrl: { type: "string", description: plainText(OUTPUT_NOTES.environmentUrl) },
    stored: { $ref: ANY, secret: true, description: plainText(OUTPUT_NOTES.stored) },
    managedBy: { type: "string", description: plainText(OUTPUT_NOTES.managedBy) },
  };
  return {
    description:
      'A Scalekit custom provider ("bring your own provider"): its definition (display name, one auth pattern, ' +
      "proxy URL), created, updated and deleted in the Scalekit environment of its Pulumi provider. Declare it " +
      "with the camelCase keys, or with `definition`, the API's JSON. Its id is the provider's identifier.",
    inputProperties: inputs,
    properties: outputs,
    required: ["identifier", "scalekitId", "isCustomMcp", "environmentUrl", "stored", "managedBy"],
    // A stack that used the TypeScript library's dynamic resource moves to this type with no change.
    aliases: [{ type: CUSTOM_PROVIDER_TYPE }],
  };
}

/** A setting of config/keys.ts as a provider property, with its variable, default and bounds. */
function setting(spec: ConfigKeySpec | NumericSettingSpec): PropertySpec {
  const numeric = "unit" in spec ? (spec as NumericSettingSpec) : undefined;
  const bounds = numeric
    ? ` Default ${numeric.default}${numeric.unit === "seconds" ? " s" : ""}; from ${numeric.min} to ${numeric.max}.`
    : "";
  return {
    type: numeric ? (numeric.unit === "count" ? "integer" : "number") : "string",
    description: plainText(`${spec.description}${bounds} Falls back to ${spec.envVars.join(" or ")}.`).replace(
      /docs\/[\w/-]+\.md/g,
      (file) => `the project's ${file}`,
    ),
    ...(spec.secret ? { secret: true } : {}),
  };
}

function providerProperties(): Record<string, PropertySpec> {
  const specs: (ConfigKeySpec | NumericSettingSpec)[] = [...Object.values(CREDENTIAL_KEYS), ...Object.values(CLIENT_SETTINGS)];
  return Object.fromEntries(specs.map((spec) => [spec.key, setting(spec)]));
}

function lookupResult(): ObjectSpec {
  return {
    properties: {
      identifier: { type: "string", description: plainText(LOOKUP_NOTES.identifier) },
      scalekitId: { type: "string", description: plainText(LOOKUP_NOTES.scalekitId) },
      definition: { $ref: ANY, secret: true, description: plainText(LOOKUP_NOTES.definition) },
      managedBy: { type: "string", description: plainText(LOOKUP_NOTES.managedBy) },
    },
    required: ["identifier", "scalekitId", "definition"],
  };
}

export function buildSchema(options: SchemaOptions): PackageSchema {
  const settings = providerProperties();
  const repo = options.repository.replace(/^https:\/\//, "");
  return {
    name: PACKAGE_NAME,
    displayName: "Scalekit custom providers",
    version: options.version,
    description: "Manage Scalekit Agent Auth custom providers (bring your own provider) as code.",
    keywords: ["pulumi", "scalekit", "agent-auth", "category/security"],
    homepage: options.repository,
    repository: options.repository,
    license: "Apache-2.0",
    publisher: "pulumi-scalekit-providers",
    pluginDownloadURL: `${options.repository}/releases/download/v\${VERSION}/`,
    meta: { moduleFormat: "(.*)", supportPack: true },
    language: {
      python: { packageName: "pulumi_scalekit", pyproject: { enabled: true }, respectSchemaVersion: true },
      go: { importBasePath: `${repo}/sdk/go/scalekit`, generateResourceContainerTypes: true, respectSchemaVersion: true },
      csharp: { rootNamespace: "Pulumi", packageReferences: { Pulumi: "3.*" }, respectSchemaVersion: true },
      java: { basePackage: "com.pulumi" },
    },
    config: { variables: settings },
    provider: {
      description:
        "A Scalekit environment and the API client credentials for it. The default provider reads the stack's " +
        "`scalekit:*` config (else the SCALEKIT_* variables); declare one explicitly per environment to manage several.",
      inputProperties: settings,
      // What a program may read back from a provider: where it points, never its secret.
      properties: { environmentUrl: settings.environmentUrl, clientId: settings.clientId },
    },
    resources: { [CUSTOM_PROVIDER_TOKEN]: resource() },
    functions: {
      [GET_CUSTOM_PROVIDER_TOKEN]: {
        description:
          "One custom provider of the provider's environment, by identifier or by display name (matched as Scalekit " +
          "matches names: letters and digits, any case). Reads; never writes. Fails when none, or two, hold the name.",
        inputs: {
          properties: {
            identifier: { type: "string", description: "The provider's identifier, e.g. `MYASANA:12345`." },
            displayName: { type: "string", description: "The provider's display name, e.g. `My Asana`." },
          },
        },
        outputs: lookupResult(),
      },
      [LIST_CUSTOM_PROVIDERS_TOKEN]: {
        description: "Every custom provider of the provider's environment, sorted by display name. Reads; never writes.",
        outputs: {
          properties: { providers: { type: "array", items: { $ref: typeRef("CustomProviderInfo") } } },
          required: ["providers"],
        },
      },
    },
    types: types(),
  };
}
