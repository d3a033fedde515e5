import { formatPath, toSnakeCase } from "../../../src/definition/case";
import { describeProblem, Problem } from "../../../src/definition/problem";
import type { ApiDefinition } from "../../../src/definition/types";
import { UNKNOWN } from "../../../src/definition/unknown";
import { validateApiDefinition, validateCamelDefinition } from "../../../src/definition/validate";
import { DEFINITION_FILES } from "../../fixtures/definitions";
import { CONTRACT_EXAMPLES, copy } from "../../fixtures/definitions";

type Def = any;

const fileDefinitions: Record<string, ApiDefinition> = Object.fromEntries(
  Object.entries(DEFINITION_FILES).map(([name, def]) => [`${name}.json`, def]),
);

/** Valid starting points, one per shape; each case breaks exactly one thing in a copy. */
const BASES = {
  bearer: CONTRACT_EXAMPLES["My Tavily"],
  oauth: CONTRACT_EXAMPLES["My Asana"],
  basic: CONTRACT_EXAMPLES["My Freshdesk"],
  apiKey: CONTRACT_EXAMPLES["My Klaviyo"],
  mcp: CONTRACT_EXAMPLES["Github MCP"],
  noAuth: CONTRACT_EXAMPLES["Public Docs MCP"],
  jira: fileDefinitions["my-jira.json"],
} as const;

const paths = (problems: Problem[]) => problems.map((p) => formatPath(p.path));
const sorted = (xs: string[]) => [...xs].sort();

interface InvalidCase {
  name: string;
  base: keyof typeof BASES;
  breakIt: (d: Def) => void;
  /** Every problem expected: [the formatted property path, what its message must say]. */
  expected: [string, RegExp][];
  /** Every warning expected (none when absent): [the path the warning starts with, what it must say]. */
  warns?: [string, RegExp][];
}

const NAME_RULE = /only letters, digits and spaces.*e\.g\. "My Asana"/;
const ONE_PATTERN = /exactly one auth pattern/;
const TYPES = /one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH/;
const META_VALUE = /must be 1-256 characters/;
const META_KEY = /keys must be 3-25 characters/;

const CASES: InvalidCase[] = [
  // display_name
  {
    name: "display_name missing",
    base: "bearer",
    breakIt: (d) => delete d.display_name,
    expected: [["display_name", /is required: 1-200 letters, digits and spaces/]],
  },
  {
    name: "display_name empty",
    base: "bearer",
    breakIt: (d) => (d.display_name = ""),
    expected: [["display_name", /is required: 1-200 letters, digits and spaces/]],
  },
  {
    name: "display_name with a hyphen",
    base: "bearer",
    breakIt: (d) => (d.display_name = "My-Tavily"),
    expected: [["display_name", NAME_RULE]],
  },
  {
    name: "display_name with an underscore",
    base: "bearer",
    breakIt: (d) => (d.display_name = "My_Tavily"),
    expected: [["display_name", NAME_RULE]],
  },
  {
    name: "display_name with a dot",
    base: "bearer",
    breakIt: (d) => (d.display_name = "Tavily.com"),
    expected: [["display_name", NAME_RULE]],
  },
  {
    name: "display_name of only spaces",
    base: "bearer",
    breakIt: (d) => (d.display_name = "   "),
    expected: [["display_name", /at least one letter or digit/]],
  },
  {
    name: "display_name of 201 characters",
    base: "bearer",
    breakIt: (d) => (d.display_name = "a".repeat(201)),
    expected: [["display_name", /must be at most 200 characters/]],
  },
  {
    name: "display_name not a string",
    base: "bearer",
    breakIt: (d) => (d.display_name = 42),
    expected: [["display_name", /must be a string \(letters, digits and spaces\)/]],
  },
  // auth_patterns
  {
    name: "auth_patterns missing",
    base: "bearer",
    breakIt: (d) => delete d.auth_patterns,
    expected: [["auth_patterns", /is required: exactly one auth pattern, e\.g\./]],
  },
  {
    name: "auth_patterns empty",
    base: "bearer",
    breakIt: (d) => (d.auth_patterns = []),
    expected: [["auth_patterns", ONE_PATTERN]],
  },
  {
    name: "auth_patterns with two patterns",
    base: "bearer",
    breakIt: (d) => d.auth_patterns.push(copy(d.auth_patterns[0])),
    expected: [["auth_patterns", ONE_PATTERN]],
  },
  {
    name: "auth_patterns not an array",
    base: "bearer",
    breakIt: (d) => (d.auth_patterns = d.auth_patterns[0]),
    expected: [["auth_patterns", /must be a list holding exactly one auth pattern/]],
  },
  // type
  {
    name: "type missing",
    base: "bearer",
    breakIt: (d) => delete d.auth_patterns[0].type,
    expected: [["auth_patterns[0].type", new RegExp(`is required: ${TYPES.source}`)]],
  },
  {
    name: "type in lowercase",
    base: "bearer",
    breakIt: (d) => (d.auth_patterns[0].type = "bearer"),
    expected: [["auth_patterns[0].type", /is "bearer": did you mean "BEARER"\?/]],
  },
  {
    name: 'type "oauth" on an OAUTH definition (no advice to drop oauth_config)',
    base: "jira",
    breakIt: (d) => (d.auth_patterns[0].type = "oauth"),
    expected: [["auth_patterns[0].type", /did you mean "OAUTH"\?/]],
  },
  {
    name: "type unknown",
    base: "bearer",
    breakIt: (d) => (d.auth_patterns[0].type = "DIGEST"),
    expected: [],
    warns: [["auth_patterns[0].type", /is "DIGEST", which is not known to this version of the library .*; sent as-is/]],
  },
  // proxy_url
  {
    name: "proxy_url missing",
    base: "bearer",
    breakIt: (d) => delete d.proxy_url,
    expected: [["proxy_url", /is required: the https:\/\/ base URL/]],
  },
  {
    name: "proxy_url with http://",
    base: "bearer",
    breakIt: (d) => (d.proxy_url = "http://api.tavily.com"),
    expected: [["proxy_url", /must start with https:\/\//]],
  },
  {
    name: "proxy_url with ftp://",
    base: "bearer",
    breakIt: (d) => (d.proxy_url = "ftp://files.example.com"),
    expected: [["proxy_url", /must start with https:\/\//]],
  },
  {
    name: "proxy_url of 2049 characters",
    base: "bearer",
    breakIt: (d) => (d.proxy_url = "https://" + "a".repeat(2041)),
    expected: [["proxy_url", /must be at most 2048 characters/]],
  },
  {
    name: "proxy_enabled not a boolean",
    base: "bearer",
    breakIt: (d) => (d.proxy_enabled = "yes"),
    expected: [["proxy_enabled", /must be true or false/]],
  },
  // icon_src
  {
    name: "icon_src with http://",
    base: "bearer",
    breakIt: (d) => (d.icon_src = "http://example.com/i.png"),
    expected: [["icon_src", /must be an https:\/\/ URL/]],
  },
  // metadata
  {
    name: "metadata with 21 pairs",
    base: "bearer",
    breakIt: (d) => (d.metadata = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`key${i}`, "v"]))),
    expected: [["metadata", /has 21 entries: at most 20 are allowed/]],
  },
  {
    name: "metadata key of 2 characters",
    base: "bearer",
    breakIt: (d) => (d.metadata = { ab: "v" }),
    expected: [["metadata.ab", META_KEY]],
  },
  {
    name: "metadata key of 26 characters",
    base: "bearer",
    breakIt: (d) => (d.metadata = { ["k".repeat(26)]: "v" }),
    expected: [[`metadata.${"k".repeat(26)}`, META_KEY]],
  },
  {
    name: "metadata key with a space",
    base: "bearer",
    breakIt: (d) => (d.metadata = { "te am": "" }),
    expected: [['metadata["te am"]', META_VALUE]],
  },
  {
    name: "metadata empty value",
    base: "bearer",
    breakIt: (d) => (d.metadata = { owner: "" }),
    expected: [["metadata.owner", META_VALUE]],
  },
  {
    name: "metadata value of 257 characters",
    base: "bearer",
    breakIt: (d) => (d.metadata = { owner: "v".repeat(257) }),
    expected: [["metadata.owner", META_VALUE]],
  },
  {
    name: "metadata non-string value",
    base: "bearer",
    breakIt: (d) => (d.metadata = { owner: 7 }),
    expected: [["metadata.owner", /must be a string/]],
  },
  // rules across keys
  {
    name: "OAUTH without oauth_config",
    base: "oauth",
    breakIt: (d) => delete d.auth_patterns[0].oauth_config,
    expected: [
      [
        "auth_patterns[0].oauth_config",
        /is required for OAUTH: \{authorize_uri, token_uri, available_scopes\}, or \{pkce_enabled: true\}/,
      ],
    ],
  },
  {
    name: "OAUTH with fields (accepted: options collected before the browser flow, sdk 2.21)",
    base: "oauth",
    breakIt: (d) =>
      (d.auth_patterns[0].fields = [{ field_name: "access_type", input_type: "select", options: [{ value: "offline" }] }]),
    expected: [],
  },
  {
    name: "OAUTH non-MCP without authorize_uri (accepted: sdk 2.21 authors set only pkce_enabled)",
    base: "oauth",
    breakIt: (d) => delete d.auth_patterns[0].oauth_config.authorize_uri,
    expected: [],
  },
  {
    name: "OAUTH non-MCP without token_uri",
    base: "oauth",
    breakIt: (d) => delete d.auth_patterns[0].oauth_config.token_uri,
    expected: [],
  },
  {
    name: "MCP OAUTH pattern without is_mcp",
    base: "mcp",
    breakIt: (d) => delete d.auth_patterns[0].is_mcp,
    expected: [],
  },
  {
    name: "OAUTH authorize_uri with http://",
    base: "oauth",
    breakIt: (d) => (d.auth_patterns[0].oauth_config.authorize_uri = "http://app.asana.com/auth"),
    expected: [],
    warns: [["auth_patterns[0].oauth_config.authorize_uri", /is not an https:\/\/ URL/]],
  },
  {
    name: "OAUTH scope with an empty value",
    base: "oauth",
    breakIt: (d) => (d.auth_patterns[0].oauth_config.available_scopes[0].scope = ""),
    expected: [["auth_patterns[0].oauth_config.available_scopes[0].scope", /must not be empty/]],
  },
  {
    name: "BEARER with oauth_config",
    base: "bearer",
    breakIt: (d) => (d.auth_patterns[0].oauth_config = { pkce_enabled: true }),
    expected: [],
    warns: [["auth_patterns[0].oauth_config", /is only used with type OAUTH, not BEARER \(Scalekit docs\); sent as-is/]],
  },
  {
    name: "BASIC with account_fields (accepted: per-account inputs, sdk 2.21)",
    base: "basic",
    breakIt: (d) => (d.auth_patterns[0].account_fields = [{ field_name: "tenant" }]),
    expected: [],
  },
  {
    name: "NO_AUTH without is_mcp",
    base: "noAuth",
    breakIt: (d) => delete d.auth_patterns[0].is_mcp,
    expected: [],
    warns: [["auth_patterns[0].is_mcp", /is not true: NO_AUTH is meant for MCP servers \(Scalekit docs\)/]],
  },
  {
    name: "NO_AUTH with is_mcp false",
    base: "noAuth",
    breakIt: (d) => (d.auth_patterns[0].is_mcp = false),
    expected: [],
    warns: [["auth_patterns[0].is_mcp", /NO_AUTH is meant for MCP servers/]],
  },
  {
    name: "NO_AUTH with fields",
    base: "noAuth",
    breakIt: (d) => (d.auth_patterns[0].fields = [{ field_name: "token", input_type: "password" }]),
    expected: [["auth_patterns[0].fields", /must be empty for NO_AUTH/]],
  },
  {
    name: "BEARER with an empty fields list",
    base: "bearer",
    breakIt: (d) => (d.auth_patterns[0].fields = []),
    expected: [],
    warns: [
      ["auth_patterns[0].fields", /is empty: BEARER normally collects a credential \(e\.g\. a password field named token\)/],
    ],
  },
  {
    name: "API_KEY without fields",
    base: "apiKey",
    breakIt: (d) => delete d.auth_patterns[0].fields,
    expected: [],
    warns: [
      ["auth_patterns[0].fields", /is empty: API_KEY normally collects a credential \(e\.g\. a password field named api_key\)/],
    ],
  },
  {
    name: "duplicate field names in fields",
    base: "basic",
    breakIt: (d) => d.auth_patterns[0].fields.push({ field_name: "username", input_type: "text" }),
    expected: [],
    warns: [["auth_patterns[0].fields[2].field_name", /repeats "username"/]],
  },
  {
    name: "duplicate field names across fields and account_fields",
    base: "jira",
    breakIt: (d) => (d.auth_patterns[0].fields = [{ field_name: "cloud_id" }]),
    expected: [],
    warns: [["auth_patterns[0].account_fields[0].field_name", /repeats "cloud_id"/]],
  },
  {
    name: "field without field_name",
    base: "bearer",
    breakIt: (d) => delete d.auth_patterns[0].fields[0].field_name,
    expected: [["auth_patterns[0].fields[0].field_name", /is required: the stored key, e\.g\. api_key, token/]],
  },
  {
    name: 'input_type "checkbox"',
    base: "bearer",
    breakIt: (d) => (d.auth_patterns[0].fields[0].input_type = "checkbox"),
    expected: [],
    warns: [
      [
        "auth_patterns[0].fields[0].input_type",
        /is "checkbox", which is not known to this version of the library \(known: text, password, select, textarea\); sent as-is/,
      ],
    ],
  },
  {
    name: 'unknown top-level key (typo "proxyurl")',
    base: "bearer",
    breakIt: (d) => {
      d.proxyurl = d.proxy_url;
      delete d.proxy_url;
    },
    expected: [
      ["proxy_url", /is required: the https:\/\/ base URL/],
      ["proxyurl", /is not a known property: did you mean proxy_url\?/],
    ],
  },
  {
    name: "unknown extra top-level key",
    base: "bearer",
    breakIt: (d) => (d.icon = "https://x.example/i.png"),
    expected: [["icon", /is not a known property: Scalekit would silently drop it/]],
  },
  {
    name: "unknown key inside a field",
    base: "bearer",
    breakIt: (d) => (d.auth_patterns[0].fields[0].is_pathparam = true),
    expected: [["auth_patterns[0].fields[0].is_pathparam", /is not a known property: did you mean is_path_param\?/]],
  },
  {
    name: "unknown key inside oauth_config",
    base: "oauth",
    breakIt: (d) => (d.auth_patterns[0].oauth_config.scopes = ["profile"]),
    expected: [],
    warns: [["auth_patterns[0].oauth_config.scopes", /is not known to this version of the library; sent as-is/]],
  },
  {
    name: "auth_header_key_override with a space",
    base: "apiKey",
    breakIt: (d) => (d.auth_patterns[0].auth_header_key_override = "x api key"),
    expected: [],
    warns: [["auth_patterns[0].auth_header_key_override", /is not an HTTP header name such as x-api-key/]],
  },
  {
    name: "auth_field_mutations naming a non-credential field",
    base: "bearer",
    breakIt: (d) => (d.auth_patterns[0].auth_field_mutations = { client_secret: { prefix: "x" } }),
    expected: [],
    warns: [
      [
        "auth_patterns[0].auth_field_mutations.client_secret",
        /names no credential field \(known: api_key, token, username, password/,
      ],
    ],
  },
  // placeholders
  {
    name: "{{tenant}} without a path-param field",
    base: "bearer",
    breakIt: (d) => (d.proxy_url = "https://{{tenant}}.api.example.com"),
    expected: [
      [
        "proxy_url",
        /uses \{\{tenant\}\}, which is neither \{\{domain\}\}, \{\{version\}\} nor a field with is_path_param: true named "tenant"/,
      ],
    ],
  },
  {
    name: "{{tenant}} with a field that is not a path parameter",
    base: "bearer",
    breakIt: (d) => {
      d.proxy_url = "https://{{tenant}}.api.example.com";
      d.auth_patterns[0].fields.push({ field_name: "tenant", input_type: "text" });
    },
    expected: [["proxy_url", /is_path_param: true named "tenant"/]],
  },
  {
    name: "{{domain}} without a domain field",
    base: "basic",
    breakIt: (d) => d.auth_patterns[0].fields.shift(),
    expected: [["proxy_url", /uses \{\{domain\}\} but no field is named "domain": add a field \{field_name: "domain"\}/]],
  },
  {
    name: "{{version}} without a version field",
    base: "bearer",
    breakIt: (d) => (d.proxy_url = "https://api.tavily.com/{{version}}"),
    expected: [["proxy_url", /add a field \{field_name: "version"\}/]],
  },
  {
    name: "a path-param field missing from the URL",
    base: "jira",
    breakIt: (d) => (d.proxy_url = "https://api.atlassian.com/ex/jira/rest/api/3"),
    expected: [],
    warns: [
      [
        "auth_patterns[0].account_fields[0].is_path_param",
        /is true but proxy_url has no \{\{cloud_id\}\}: the value is never used/,
      ],
    ],
  },
  {
    name: "an auth pattern without display_name (every official client sends one)",
    base: "basic",
    breakIt: (d) => delete (d.auth_patterns as Def[])[0].display_name,
    expected: [],
    warns: [["auth_patterns[0].display_name", /is missing: every official Scalekit client sends a label/]],
  },
  {
    name: "an auth pattern with a blank display_name",
    base: "basic",
    breakIt: (d) => ((d.auth_patterns as Def[])[0].display_name = "  "),
    expected: [],
    warns: [["auth_patterns[0].display_name", /is missing/]],
  },
  {
    name: 'malformed placeholder "{{ domain }}"',
    base: "basic",
    breakIt: (d) => (d.proxy_url = "https://{{ domain }}/api"),
    expected: [
      ["proxy_url", /malformed placeholder "\{\{ domain \}\}": write \{\{name\}\} with letters, digits or _ and no spaces/],
    ],
  },
];

describe("validateApiDefinition: one broken thing at a time", () => {
  it("starts from valid bases", () => {
    for (const base of Object.values(BASES)) expect(validateApiDefinition(base).problems).toEqual([]);
  });

  it("has at least 35 distinct cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(35);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    const broken = CASES.map((c) => {
      const d = copy(BASES[c.base]);
      c.breakIt(d);
      return JSON.stringify(d);
    });
    expect(new Set(broken).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const def = copy(BASES[c.base]) as Def;
    c.breakIt(def);
    const { problems, warnings } = validateApiDefinition(def);
    expect(sorted(paths(problems))).toEqual(sorted(c.expected.map(([p]) => p)));
    for (const [p, message] of c.expected) {
      const problem = problems.find((x) => formatPath(x.path) === p)!;
      expect(problem.message).toMatch(message);
      expect(describeProblem(problem)).toBe(`${p} ${problem.message}`);
    }
    const warns = c.warns ?? [];
    expect(warnings).toHaveLength(warns.length);
    for (const [p, message] of warns) {
      expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${p.replace(/[.[\]]/g, "\\$&")} `))]));
      expect(warnings.find((w) => w.startsWith(`${p} `))).toMatch(message);
    }
  });
});

describe("several problems at once", () => {
  it("reports every problem of a definition in one pass", () => {
    const def = {
      display_name: "my-app",
      auth_patterns: [
        {
          type: "BEARER",
          fields: [],
          oauth_config: { pkce_enabled: true },
          auth_header_key_override: "x api key",
        },
      ],
      proxy_url: "http://{{tenant}}.example.com",
      icon_src: "http://example.com/i.png",
      metadata: { ab: "v", owner: "" },
      proxyurl: "https://example.com",
    };
    const { problems } = validateApiDefinition(def);
    expect(sorted(paths(problems))).toEqual(
      sorted([
        "display_name",
        "proxy_url", // http://
        "proxy_url", // {{tenant}} has no path-param field
        "icon_src",
        "metadata.ab",
        "metadata.owner",
        "proxyurl",
      ]),
    );
    expect(problems).toHaveLength(7);
    // What Scalekit itself accepts is advice, not refusal.
    expect(
      validateApiDefinition(def)
        .warnings.map((w) => w.split(" ")[0])
        .sort(),
    ).toEqual(
      [
        "auth_patterns[0].auth_header_key_override",
        "auth_patterns[0].display_name",
        "auth_patterns[0].fields",
        "auth_patterns[0].oauth_config",
      ].sort(),
    );
    const urlMessages = problems.filter((p) => formatPath(p.path) === "proxy_url").map((p) => p.message);
    expect(urlMessages).toEqual(
      expect.arrayContaining([expect.stringMatching(/https:\/\//), expect.stringMatching(/\{\{tenant\}\}/)]),
    );
  });

  it("reports nothing twice", () => {
    const def = copy(BASES.bearer) as Def;
    def.metadata = { ab: "" };
    const described = validateApiDefinition(def).problems.map(describeProblem);
    expect(new Set(described).size).toBe(described.length);
    expect(described).toHaveLength(2); // the key's length and the value's length
  });

  it("reports the same problem only once (a malformed placeholder written twice)", () => {
    const def = copy(BASES.basic) as Def;
    def.proxy_url = "https://{{ domain }}/api/{{ domain }}";
    const { problems } = validateApiDefinition(def);
    expect(problems).toHaveLength(1);
    expect(describeProblem(problems[0])).toMatch(/^proxy_url has a malformed placeholder "\{\{ domain \}\}"/);
  });

  it("rejects a definition that is not an object with a problem, never a throw", () => {
    for (const def of [null, "x", 3, []]) {
      const { problems } = validateApiDefinition(def);
      expect(problems.length).toBeGreaterThan(0);
    }
  });
});

describe("validateCamelDefinition: camelCase paths", () => {
  const camelInput = {
    displayName: "My_App",
    authPatterns: [
      {
        type: "OAUTH",
        fields: [],
        accountFields: [{ fieldName: "cloud_id", inputType: "checkbox", isPathParam: true }],
        authFieldMutations: { client_secret: { prefix: "x" } },
      },
    ],
    proxyUrl: "https://api.example.com/{{cloud_id}}",
    iconSrc: "http://example.com/i.png",
    metadata: { ab: "v", team_name: "", TeamName: "v".repeat(257) },
  };

  it("reports each problem at the path the user wrote, metadata keys unchanged", () => {
    const { problems } = validateCamelDefinition(toSnakeCase(camelInput));
    expect(sorted(paths(problems))).toEqual(
      sorted(["displayName", "iconSrc", "authPatterns[0].oauthConfig", "metadata.ab", "metadata.team_name", "metadata.TeamName"]),
    );
    const at = (p: string) => problems.find((x) => formatPath(x.path) === p)!;
    expect(at("authPatterns[0].oauthConfig").path).toEqual(["authPatterns", 0, "oauthConfig"]);
    expect(at("metadata.ab").path).toEqual(["metadata", "ab"]);
    expect(at("metadata.ab").message).toMatch(META_KEY);
    expect(at("metadata.team_name").path).toEqual(["metadata", "team_name"]);
    expect(at("metadata.TeamName").message).toMatch(META_VALUE);
    expect(at("displayName").message).toMatch(NAME_RULE);
  });

  it("gives warnings at the path the user wrote", () => {
    const { warnings } = validateCamelDefinition(toSnakeCase(camelInput));
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^authPatterns\[0\]\.accountFields\[0\]\.inputType is "checkbox"/),
        expect.stringMatching(/^authPatterns\[0\]\.authFieldMutations\.client_secret names no credential field/),
      ]),
    );
  });

  it("names a misspelt camelCase key as the user spelt it", () => {
    const { problems } = validateCamelDefinition(
      toSnakeCase({ displayName: "My App", authPatterns: [{ type: "NO_AUTH", isMcp: true }], proxyURL: "https://x.example.com" }),
    );
    expect(sorted(paths(problems))).toEqual(["proxyURL", "proxyUrl"]);
    expect(problems.find((p) => p.path[0] === "proxyURL")!.message).toMatch(/did you mean proxyUrl\?/);
  });

  it("says proxyEnabled in its warning", () => {
    const camel = {
      displayName: "My App",
      authPatterns: [{ type: "NO_AUTH", isMcp: true, displayName: "None" }],
      proxyUrl: "https://x.example.com",
      proxyEnabled: false,
    };
    const result = validateCamelDefinition(toSnakeCase(camel));
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([expect.stringMatching(/^proxyEnabled is false/)]);
  });
});

describe("valid definitions", () => {
  it("finds the example definition files", () => {
    expect(Object.keys(fileDefinitions).length).toBeGreaterThanOrEqual(6);
  });

  it.each(Object.entries(fileDefinitions))("definitions/%s has no problem and no warning", (_file, def) => {
    expect(validateApiDefinition(def)).toEqual({ problems: [], warnings: [] });
  });

  it("covers the six contract examples", () => {
    expect(Object.keys(CONTRACT_EXAMPLES).sort()).toEqual(
      ["Github MCP", "My Asana", "My Freshdesk", "My Klaviyo", "My Tavily", "Public Docs MCP"].sort(),
    );
    expect(CONTRACT_EXAMPLES["Github MCP"].auth_patterns[0].oauth_config).toEqual({ pkce_enabled: true });
  });

  it.each(Object.entries(CONTRACT_EXAMPLES))("contract example %s has no problem and no warning", (_name, def) => {
    expect(validateApiDefinition(def)).toEqual({ problems: [], warnings: [] });
  });

  it("accepts limits at their edges", () => {
    const def = copy(BASES.bearer) as Def;
    def.display_name = "a".repeat(200);
    def.proxy_url = "https://" + "a".repeat(2040);
    def.icon_src = "";
    def.metadata = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${String(i).padStart(2, "0")}`, "v".repeat(256)]));
    def.metadata["k".repeat(25)] = "v";
    delete def.metadata.k00;
    expect(validateApiDefinition(def).problems).toEqual([]);
  });
});

describe("unknown preview values", () => {
  interface UnknownCase {
    name: string;
    base: keyof typeof BASES;
    place: (d: Def) => void;
  }
  const PLACEMENTS: UnknownCase[] = [
    { name: "display_name", base: "bearer", place: (d) => (d.display_name = UNKNOWN) },
    { name: "proxy_url", base: "bearer", place: (d) => (d.proxy_url = UNKNOWN) },
    { name: "proxy_url with a {{domain}} field", base: "basic", place: (d) => (d.proxy_url = UNKNOWN) },
    { name: "the whole auth pattern", base: "bearer", place: (d) => (d.auth_patterns[0] = UNKNOWN) },
    { name: "the whole auth pattern ({{domain}} in the URL)", base: "basic", place: (d) => (d.auth_patterns[0] = UNKNOWN) },
    { name: "auth_patterns", base: "bearer", place: (d) => (d.auth_patterns = UNKNOWN) },
    { name: "type", base: "bearer", place: (d) => (d.auth_patterns[0].type = UNKNOWN) },
    { name: "fields of BEARER", base: "bearer", place: (d) => (d.auth_patterns[0].fields = UNKNOWN) },
    { name: "fields of BASIC ({{domain}} in the URL)", base: "basic", place: (d) => (d.auth_patterns[0].fields = UNKNOWN) },
    {
      name: "account_fields of OAUTH ({{cloud_id}} in the URL)",
      base: "jira",
      place: (d) => (d.auth_patterns[0].account_fields = UNKNOWN),
    },
    { name: "is_mcp of NO_AUTH", base: "noAuth", place: (d) => (d.auth_patterns[0].is_mcp = UNKNOWN) },
    { name: "is_mcp of an MCP OAUTH pattern", base: "mcp", place: (d) => (d.auth_patterns[0].is_mcp = UNKNOWN) },
    { name: "oauth_config", base: "oauth", place: (d) => (d.auth_patterns[0].oauth_config = UNKNOWN) },
    { name: "oauth_config.token_uri", base: "oauth", place: (d) => (d.auth_patterns[0].oauth_config.token_uri = UNKNOWN) },
    { name: "metadata", base: "apiKey", place: (d) => (d.metadata = UNKNOWN) },
    { name: "a metadata value", base: "apiKey", place: (d) => (d.metadata = { owner: UNKNOWN, team: "growth" }) },
    { name: "icon_src", base: "apiKey", place: (d) => (d.icon_src = UNKNOWN) },
    { name: "auth_header_key_override", base: "apiKey", place: (d) => (d.auth_patterns[0].auth_header_key_override = UNKNOWN) },
    { name: "proxy_enabled", base: "bearer", place: (d) => (d.proxy_enabled = UNKNOWN) },
    { name: "one field of BASIC ({{domain}} in the URL)", base: "basic", place: (d) => (d.auth_patterns[0].fields[0] = UNKNOWN) },
    {
      name: "a field_name ({{domain}} in the URL)",
      base: "basic",
      place: (d) => (d.auth_patterns[0].fields[0].field_name = UNKNOWN),
    },
    {
      name: "fields, with a mutation naming a custom field",
      base: "basic",
      place: (d) => {
        d.auth_patterns[0].auth_field_mutations = { domain: { suffix: ".freshdesk.com" } };
        d.auth_patterns[0].fields = UNKNOWN;
      },
    },
    {
      name: "a field_name, with a mutation naming a custom field",
      base: "basic",
      place: (d) => {
        d.auth_patterns[0].auth_field_mutations = { domain: { suffix: ".freshdesk.com" } };
        d.auth_patterns[0].fields[0].field_name = UNKNOWN;
      },
    },
    {
      name: "is_path_param ({{cloud_id}} in the URL)",
      base: "jira",
      place: (d) => (d.auth_patterns[0].account_fields[0].is_path_param = UNKNOWN),
    },
  ];

  it("is the documented literal", () => {
    expect(UNKNOWN).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  it.each(PLACEMENTS.map((c) => [c.name, c] as const))("at %s produces no problem", (_name, c) => {
    const def = copy(BASES[c.base]) as Def;
    c.place(def);
    expect(validateApiDefinition(def).problems).toEqual([]);
  });

  it.each(PLACEMENTS.map((c) => [c.name, c] as const))("at %s still lets an unrelated problem through", (_name, c) => {
    const def = copy(BASES[c.base]) as Def;
    c.place(def);
    const unrelated = c.name === "display_name" ? "icon_src" : "display_name";
    def[unrelated] = unrelated === "icon_src" ? "http://example.com/i.png" : "My-Provider";
    expect(paths(validateApiDefinition(def).problems)).toEqual([unrelated]);
  });

  it("filters only problems at or under the unknown value, not its siblings", () => {
    const def = copy(BASES.bearer) as Def;
    def.auth_patterns[0].fields[0].label = UNKNOWN;
    def.auth_patterns[0].fields[0].input_type = "pasword";
    expect(paths(validateApiDefinition(def).problems)).toEqual(["auth_patterns[0].fields[0].input_type"]);
  });
});

describe("warnings", () => {
  it("proxy_enabled: false gives a warning and no problem", () => {
    const def = { ...copy(BASES.bearer), proxy_enabled: false };
    const result = validateApiDefinition(def);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^proxy_enabled is false: .*only through the proxy/);
  });

  it("proxy_enabled true or absent gives no warning", () => {
    const absent = copy(BASES.bearer) as Def;
    delete absent.proxy_enabled;
    expect(validateApiDefinition(absent).warnings).toEqual([]);
    expect(validateApiDefinition(BASES.bearer).warnings).toEqual([]);
  });
});
