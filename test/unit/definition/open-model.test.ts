import { toCamelCase, toSnakeCase } from "../../../src/definition/case";
import type { AuthPattern, Definition } from "../../../src/definition/camel-types";
import { compareDefinitions } from "../../../src/definition/compare";
import { CAMEL_DEFINITION_KEYS, DEFINITION_KEYS } from "../../../src/definition/keys";
import { LIMITS } from "../../../src/definition/limits";
import { buildPayload, sameDefinition } from "../../../src/definition/normalize";
import { describeProblem } from "../../../src/definition/problem";
import { definitionSchema } from "../../../src/definition/schema";
import type { ApiDefinition } from "../../../src/definition/types";
import { validateApiDefinition, validateCamelDefinition } from "../../../src/definition/validate";
import { CONTRACT_EXAMPLES, copy, CORPUS, EVERY_NEW_KEY, MULTI_HEADER } from "../../fixtures/definitions";

const tavily = CONTRACT_EXAMPLES["My Tavily"];
const klaviyo = CONTRACT_EXAMPLES["My Klaviyo"];
const asana = CONTRACT_EXAMPLES["My Asana"];

function withPattern(base: ApiDefinition, edit: (p: any) => void): any {
  const d = copy(base) as any;
  edit(d.auth_patterns[0]);
  return d;
}
const errors = (d: unknown) => validateApiDefinition(d).problems.map(describeProblem);
const warnings = (d: unknown) => validateApiDefinition(d).warnings;

describe("one description of the definition", () => {
  it("derives the top-level key lists from the schema", () => {
    expect(DEFINITION_KEYS).toEqual(Object.keys(definitionSchema.shape));
    expect(CAMEL_DEFINITION_KEYS).toEqual([
      "displayName",
      "description",
      "authPatterns",
      "proxyUrl",
      "proxyEnabled",
      "iconSrc",
      "metadata",
    ]);
  });

  it("types camelCase inputs from the snake_case shape, open inside patterns (compile-time checks)", () => {
    const pattern: AuthPattern = {
      type: "OAUTH",
      oauthConfig: { pkceEnabled: true },
      fields: [
        {
          fieldName: "access_type",
          inputType: "select",
          options: [{ value: "a", displayName: "A", default: true }],
          headerName: "X-A",
        },
      ],
      allowedProxyDomains: ["api.example.com"],
      rotationDays: 30,
    };
    const def: Definition = { displayName: "My App", authPatterns: [pattern], proxyUrl: "https://x.example.com" };
    // @ts-expect-error the top level is closed: the server would drop the key
    const typo: Definition = { displayName: "My App", authPatterns: [pattern], proxyUrl: "https://x.example.com", proxyUlr: "" };
    // @ts-expect-error a known key keeps its type
    const wrong: AuthPattern = { type: "BEARER", isMcp: "yes" };
    expect(toSnakeCase(def)).toEqual({
      display_name: "My App",
      auth_patterns: [
        {
          type: "OAUTH",
          oauth_config: { pkce_enabled: true },
          fields: [
            {
              field_name: "access_type",
              input_type: "select",
              options: [{ value: "a", display_name: "A", default: true }],
              header_name: "X-A",
            },
          ],
          allowed_proxy_domains: ["api.example.com"],
          rotation_days: 30,
        },
      ],
      proxy_url: "https://x.example.com",
    });
    expect([typo, wrong]).toHaveLength(2);
  });

  it("keeps the one-pattern limit in one constant", () => {
    expect(LIMITS.authPatternsPerProvider).toBe(1);
    const two = copy(tavily) as any;
    two.auth_patterns.push(copy(two.auth_patterns[0]));
    expect(errors(two)).toEqual([
      "auth_patterns must hold exactly one auth pattern (what Scalekit's create and update support today)",
    ]);
  });
});

describe("typos inside patterns: errors that suggest the key or value meant", () => {
  const cases: [string, any, string][] = [
    [
      "feild_name",
      withPattern(tavily, (p) => (p.fields[0] = { ...p.fields[0], feild_name: "token" })),
      "auth_patterns[0].fields[0].feild_name is not a known property: did you mean field_name?",
    ],
    [
      "is_path_parm",
      withPattern(tavily, (p) => (p.fields[0].is_path_parm = true)),
      "auth_patterns[0].fields[0].is_path_parm is not a known property: did you mean is_path_param?",
    ],
    [
      "auth_header_key_overide",
      withPattern(klaviyo, (p) => (p.auth_header_key_overide = "x-api-key")),
      "auth_patterns[0].auth_header_key_overide is not a known property: did you mean auth_header_key_override?",
    ],
    [
      "allowed_proxy_domain",
      withPattern(tavily, (p) => (p.allowed_proxy_domain = ["a.com"])),
      "auth_patterns[0].allowed_proxy_domain is not a known property: did you mean allowed_proxy_domains?",
    ],
    [
      "headerName in the API's JSON",
      withPattern(tavily, (p) => (p.fields[0].headerName = "X-A")),
      "auth_patterns[0].fields[0].headerName is not a known property: did you mean header_name?",
    ],
    [
      "pkce_enable",
      withPattern(asana, (p) => (p.oauth_config.pkce_enable = true)),
      "auth_patterns[0].oauth_config.pkce_enable is not a known property: did you mean pkce_enabled?",
    ],
    [
      "display_nme on an option",
      withPattern(EVERY_NEW_KEY, (p) => (p.fields[0].options[0].display_nme = "x")),
      "auth_patterns[0].fields[0].options[0].display_nme is not a known property: did you mean display_name?",
    ],
    [
      'type "oauth"',
      withPattern(asana, (p) => (p.type = "oauth")),
      'auth_patterns[0].type is "oauth": did you mean "OAUTH"? (known: OAUTH, BASIC, BEARER, API_KEY, NO_AUTH)',
    ],
    [
      'type "Bearer"',
      withPattern(tavily, (p) => (p.type = "Bearer")),
      'auth_patterns[0].type is "Bearer": did you mean "BEARER"? (known: OAUTH, BASIC, BEARER, API_KEY, NO_AUTH)',
    ],
    [
      'type "API-KEY"',
      withPattern(klaviyo, (p) => (p.type = "API-KEY")),
      'auth_patterns[0].type is "API-KEY": did you mean "API_KEY"? (known: OAUTH, BASIC, BEARER, API_KEY, NO_AUTH)',
    ],
    [
      'input_type "pasword"',
      withPattern(tavily, (p) => (p.fields[0].input_type = "pasword")),
      'auth_patterns[0].fields[0].input_type is "pasword": did you mean "password"? (known: text, password, select, textarea)',
    ],
    [
      'input_type "text_area"',
      withPattern(tavily, (p) => (p.fields[0].input_type = "text_area")),
      'auth_patterns[0].fields[0].input_type is "text_area": did you mean "textarea"? (known: text, password, select, textarea)',
    ],
    [
      "a top-level typo",
      { ...copy(tavily), icon_scr: "https://x.example.com/i.png" },
      "icon_scr is not a known property: did you mean icon_src?",
    ],
  ];
  it.each(cases)("%s", (_name, def, expected) => {
    expect(errors(def)).toEqual([expected]);
  });

  it("suggests the camelCase spelling to a camelCase author", () => {
    const camel = toCamelCase<any>(copy(tavily));
    camel.authPatterns[0].fields[0].feildName = "token";
    camel.authPatterns[0].isMpc = true;
    const { problems } = validateCamelDefinition(toSnakeCase(camel));
    expect(problems.map(describeProblem).sort()).toEqual([
      "authPatterns[0].fields[0].feildName is not a known property: did you mean fieldName?",
      "authPatterns[0].isMpc is not a known property: did you mean isMcp?",
    ]);
  });
});

describe("what Scalekit takes is never refused", () => {
  it("warns about a key no version knows, names it, and sends it as-is", () => {
    const def = withPattern(tavily, (p) => (p.rotation_days = 30));
    expect(errors(def)).toEqual([]);
    expect(warnings(def)).toEqual(["auth_patterns[0].rotation_days is not known to this version of the library; sent as-is"]);
    expect(buildPayload(def).auth_patterns[0].rotation_days).toBe(30);
  });

  it("warns about an unknown type or input_type and passes it through", () => {
    const def = withPattern(tavily, (p) => {
      p.type = "OAUTH_M2M";
      p.fields[0].input_type = "number";
    });
    expect(errors(def)).toEqual([]);
    expect(warnings(def)).toEqual([
      'auth_patterns[0].type is "OAUTH_M2M", which is not known to this version of the library (known: OAUTH, BASIC, BEARER, API_KEY, NO_AUTH); sent as-is',
      'auth_patterns[0].fields[0].input_type is "number", which is not known to this version of the library (known: text, password, select, textarea); sent as-is',
    ]);
  });

  it("accepts the corpus of every new key, warning only about rotation_days", () => {
    for (const def of Object.values(CORPUS)) {
      expect(errors(def)).toEqual([]);
      expect(warnings(def)).toEqual(["auth_patterns[0].rotation_days is not known to this version of the library; sent as-is"]);
    }
  });

  it("maps an unknown camelCase key to snake_case by rule, and back", () => {
    const camel = toCamelCase<any>(EVERY_NEW_KEY);
    expect(camel.authPatterns[0].allowedProxyDomains).toEqual(["api.example.com", "eu.api.example.com"]);
    expect(camel.authPatterns[0].rotationDays).toBe(30);
    expect(camel.authPatterns[0].fields[0].options[1].displayName).toBe("Offline");
    expect(toSnakeCase(camel)).toEqual(EVERY_NEW_KEY);
    const { problems, warnings: w } = validateCamelDefinition(toSnakeCase(camel));
    expect(problems).toEqual([]);
    expect(w).toEqual(["authPatterns[0].rotationDays is not known to this version of the library; sent as-is"]);
  });
});

describe("rules across keys", () => {
  it("errors: exactly the contract's (OAUTH needs oauth_config, null counting as absent; NO_AUTH has no fields)", () => {
    expect(errors(withPattern(asana, (p) => (p.oauth_config = null)))).toEqual([
      "auth_patterns[0].oauth_config is required for OAUTH: {authorize_uri, token_uri, available_scopes}, or {pkce_enabled: true} for an MCP server",
    ]);
    expect(errors(withPattern(CONTRACT_EXAMPLES["Public Docs MCP"], (p) => (p.fields = [{ field_name: "token" }])))).toEqual([
      "auth_patterns[0].fields must be empty for NO_AUTH: there is no credential to collect",
    ]);
  });

  it("warns when a select field has no options", () => {
    const def = withPattern(EVERY_NEW_KEY, (p) => delete p.fields[0].options);
    expect(errors(def)).toEqual([]);
    expect(warnings(def)).toContain(
      "auth_patterns[0].fields[0].options is empty: a select field without options cannot be rendered (add [{value, display_name}])",
    );
  });

  it("warns when header_name is mixed with auth_header_key_override (multiple-headers mode ignores it)", () => {
    const def = withPattern(MULTI_HEADER, (p) => (p.auth_header_key_override = "x-api-key"));
    expect(errors(def)).toEqual([]);
    expect(warnings(def)).toContain(
      'auth_patterns[0].auth_header_key_override is ignored: field "api_key" sets header_name, which puts the pattern in multiple-headers mode (each field names its own header)',
    );
  });

  it("warns, citing the docs, about oauth_config on another type and NO_AUTH without is_mcp", () => {
    expect(warnings(withPattern(tavily, (p) => (p.oauth_config = { pkce_enabled: true })))).toEqual([
      "auth_patterns[0].oauth_config is only used with type OAUTH, not BEARER (Scalekit docs); sent as-is",
    ]);
    expect(warnings(withPattern(CONTRACT_EXAMPLES["Public Docs MCP"], (p) => delete p.is_mcp))).toEqual([
      "auth_patterns[0].is_mcp is not true: NO_AUTH is meant for MCP servers (Scalekit docs)",
    ]);
  });
});

describe("read-backs", () => {
  it("count nulls as absent and ignore what the server adds at the top level", () => {
    const server = {
      ...copy(tavily),
      id: "prv_1",
      identifier: "MYTAVILY:1",
      is_custom: true,
      categories: [],
      some_new_top_level_field: "x",
      auth_patterns: [{ ...copy(tavily.auth_patterns[0]), oauth_config: null, allowed_proxy_domains: null }],
    };
    expect(sameDefinition(server as any, tavily)).toBe(true);
  });

  it("compare a catalogue type (OAUTH_M2M) without error, unknown keys included", () => {
    const m2m: any = {
      display_name: "Machine",
      auth_patterns: [{ type: "OAUTH_M2M", oauth_config: null, scope_separator: " " }],
      proxy_url: "https://m.example.com",
    };
    const edited = withPattern(m2m, (p) => (p.scope_separator = ","));
    expect(compareDefinitions(m2m, m2m).changes).toEqual([]);
    expect(compareDefinitions(m2m, edited).changes).toEqual([
      { path: ["auth_patterns", 0, "scope_separator"], before: " ", after: "," },
    ]);
  });
});
