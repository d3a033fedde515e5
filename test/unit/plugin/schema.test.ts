import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { DEFINITION_KEY_NOTES } from "../../../src/definition/descriptions";
import { unwrap } from "../../../src/definition/keys";
import { snakeToCamel } from "../../../src/definition/case-rule";
import { definitionSchema, NESTED_OBJECTS } from "../../../src/definition/schema";
import { packageSchema } from "../../../src/plugin/package-schema";
import { buildSchema, plainText, PropertySpec } from "../../../src/plugin/schema";
import { CLIENT_SETTINGS, CREDENTIAL_KEYS } from "../../../src/config";

/**
 * The plugin's schema is generated from the zod description of a definition (src/plugin/schema.ts):
 * the committed schema.json is exactly what the code generates (lint checks it too), and every key
 * zod knows, at every depth, is in the schema with its type and its required flag.
 */
const REPO_ROOT = path.resolve(__dirname, "../../..");
const schema = packageSchema();
const resource = schema.resources["scalekit:index:CustomProvider"];

/** Every object of the definition: the top level and each nested type, with the schema's properties for it. */
const OBJECTS: { name: string; shape: z.ZodRawShape; properties: Record<string, PropertySpec>; required: string[] }[] = [
  {
    name: "CustomProvider",
    shape: definitionSchema.shape,
    properties: resource.inputProperties,
    required: [], // the keys are required unless `definition` is given: said in each description
  },
  ...NESTED_OBJECTS.map((o) => {
    const t = schema.types[`scalekit:index:${o.type}`];
    return {
      name: o.type,
      shape: (unwrap(o.schema) as z.ZodObject<z.ZodRawShape>).shape,
      properties: t.properties,
      required: t.required ?? [],
    };
  }),
];

const KEYS = OBJECTS.flatMap((o) => Object.keys(o.shape).map((key) => ({ ...o, key })));

/** What a zod schema is as a Pulumi property, in words, to compare with the generated spec. */
function expectedType(s: z.ZodTypeAny): string {
  const u = unwrap(s);
  const nested = NESTED_OBJECTS.find((o) => o.schema === u);
  if (nested) return `ref:${nested.type}`;
  if (u instanceof z.ZodString) return "string";
  if (u instanceof z.ZodBoolean) return "boolean";
  if (u instanceof z.ZodArray) return `array of ${expectedType(u.element)}`;
  if (u instanceof z.ZodRecord) return `map of ${expectedType(u.valueSchema)}`;
  throw new Error(`no expectation for ${u.constructor.name}`);
}

function actualType(p: PropertySpec): string {
  if (p.$ref?.startsWith("#/types/scalekit:index:")) return `ref:${p.$ref.slice("#/types/scalekit:index:".length)}`;
  if (p.type === "array") return `array of ${actualType(p.items!)}`;
  if (p.type === "object") return `map of ${actualType(p.additionalProperties!)}`;
  return p.type ?? p.$ref ?? "?";
}

describe("schema.json", () => {
  it("is what the code generates (npm run docs writes it)", () => {
    const committed = fs.readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8");
    expect(JSON.parse(committed)).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  it("covers every object of the definition, and only those plus the lookups' result", () => {
    expect(Object.keys(schema.types).sort()).toEqual(
      [...NESTED_OBJECTS.map((o) => `scalekit:index:${o.type}`), "scalekit:index:CustomProviderInfo"].sort(),
    );
  });
});

describe("every key of the zod description, at every depth", () => {
  it.each(KEYS.map((k) => [`${k.name}.${k.key}`, k] as const))("%s has its type and required flag", (_, k) => {
    const camel = snakeToCamel(k.key);
    const spec = k.properties[camel];
    expect(spec).toBeDefined();
    expect(actualType(spec)).toBe(expectedType(k.shape[k.key]));
    if (k.name === "CustomProvider") {
      expect(spec.description).toContain(plainText(DEFINITION_KEY_NOTES[k.key as keyof typeof DEFINITION_KEY_NOTES]));
      expect(spec.description!.includes("Required unless `definition` is given.")).toBe(!k.shape[k.key].isOptional());
    } else {
      expect(k.required.includes(camel)).toBe(!k.shape[k.key].isOptional());
    }
  });

  it("and nothing else: every schema property comes from a zod key", () => {
    for (const o of OBJECTS.slice(1))
      expect(Object.keys(o.properties).sort()).toEqual(Object.keys(o.shape).map(snakeToCamel).sort());
    expect(Object.keys(resource.inputProperties).sort()).toEqual(
      [...Object.keys(definitionSchema.shape).map(snakeToCamel), "definition", "adopt"].sort(),
    );
  });
});

describe("the resource and the provider", () => {
  it("keep `stored` secret and the definition open, and alias the dynamic type", () => {
    expect(resource.properties.stored).toMatchObject({ $ref: "pulumi.json#/Any", secret: true });
    expect(resource.inputProperties.definition.$ref).toBe("pulumi.json#/Any");
    expect(resource.aliases).toEqual([{ type: "pulumi-nodejs:dynamic/scalekit:CustomProvider" }]);
    expect(resource.required).toEqual(["identifier", "scalekitId", "isCustomMcp", "environmentUrl", "stored", "managedBy"]);
  });

  it("configure with every setting the library reads, the secret marked secret", () => {
    const keys = [...Object.values(CREDENTIAL_KEYS), ...Object.values(CLIENT_SETTINGS)].map((k) => k.key);
    expect(Object.keys(schema.provider.inputProperties)).toEqual(keys);
    expect(Object.keys(schema.config.variables)).toEqual(keys);
    expect(schema.provider.inputProperties.clientSecret.secret).toBe(true);
    expect(schema.provider.properties).not.toHaveProperty("clientSecret");
    expect(schema.provider.inputProperties.maxRetries.type).toBe("integer");
    expect(schema.provider.inputProperties.requestTimeout.type).toBe("number");
  });

  it("download the plugin from the repository's releases, and describe links as plain text", () => {
    const s = buildSchema({ version: "1.2.3", repository: "https://github.com/o/r" });
    expect(s.pluginDownloadURL).toBe("https://github.com/o/r/releases/download/v${VERSION}/");
    expect((s.language.go as { importBasePath: string }).importBasePath).toBe("github.com/o/r/sdk/go/scalekit");
    expect(plainText("See [Adopting](../adopting.md) and [x](../ownership.md#who).")).toBe("See Adopting and x.");
    expect(JSON.stringify(schema)).not.toMatch(/\]\(\.\.\//);
  });
});
