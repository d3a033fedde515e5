import fc from "fast-check";
import { runs } from "../../support/property-runs";
import { toCamelCase, toSnakeCase } from "../../../src/definition/case";
import type * as Camel from "../../../src/definition/camel-types";
import { compareDefinitions } from "../../../src/definition/compare";
import { canonicalDefinition, sameDefinition, stableJson } from "../../../src/definition/normalize";
import { AUTH_TYPES, ApiDefinition, AuthType } from "../../../src/definition/types";
import { validateCamelDefinition } from "../../../src/definition/validate";

type Def = any;

const RUNS = runs(200);

// ---------- arbitraries: camelCase definitions as a Pulumi program would declare them ----------

const text = fc.string({ maxLength: 12 });
const displayName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,15}$/);
const url = fc.constantFrom("https://api.example.com", "https://{{domain}}/api", "https://x.example.com/{{tenant_id}}/v1", "");

/** User-chosen map keys: snake, Pascal, camel, spaced; they must never be renamed. */
const userKey = fc.oneof(
  fc.constantFrom("team_name", "TeamName", "teamName", "owner", "cost center", "x-owner", "API_KEY", "a_b_c"),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_ -]{2,20}$/),
);

/** Select options (sdk 2.21), sometimes with a key no version knows yet. */
const option: fc.Arbitrary<Camel.FieldOption> = fc.record(
  {
    value: fc.constantFrom("eu", "us", "offline"),
    displayName: text,
    description: text,
    default: fc.boolean(),
    regionCode: fc.constantFrom("x1", "y2"),
  },
  { requiredKeys: ["value"] },
);
const options = fc.array(option, { maxLength: 3 });

const field: fc.Arbitrary<Camel.Field> = fc.record(
  {
    fieldName: fc.constantFrom("token", "api_key", "username", "password", "domain", "version", "tenant_id"),
    label: text,
    inputType: fc.constantFrom("text", "password", "select", "textarea", "") as fc.Arbitrary<Camel.Field["inputType"]>,
    hint: text,
    required: fc.boolean(),
    isPathParam: fc.boolean(),
    options,
    headerName: fc.constantFrom("X-Api-Key", "X-Account-Id", ""),
  },
  { requiredKeys: ["fieldName"] },
);

const scopeName = fc.constantFrom("profile", "email", "read:jira-work", "write:jira-work", "offline_access", "tasks");

const scope: fc.Arbitrary<Camel.Scope> = fc.record(
  { scope: scopeName, displayName: text, description: text, required: fc.boolean() },
  { requiredKeys: ["scope"] },
);

const oauthConfig: fc.Arbitrary<Camel.OAuthConfig> = fc.record(
  {
    authorizeUri: url,
    tokenUri: url,
    userInfoUri: url,
    availableScopes: fc.array(scope, { maxLength: 3 }),
    pkceEnabled: fc.boolean(),
    allowUseScalekitCredentials: fc.boolean(),
    customScopeName: text,
  },
  { requiredKeys: [] },
);

const mutation: fc.Arbitrary<Camel.FieldMutation> = fc.record(
  { prefix: text, suffix: text, default: text },
  { requiredKeys: [] },
);

const authType = fc.constantFrom(...AUTH_TYPES);

const pattern: fc.Arbitrary<Camel.AuthPattern> = fc.record(
  {
    type: authType,
    displayName: text,
    description: text,
    fields: fc.array(field, { maxLength: 3 }),
    accountFields: fc.array(field, { maxLength: 2 }),
    oauthConfig,
    isMcp: fc.boolean(),
    authHeaderKeyOverride: fc.constantFrom("x-api-key", "Authorization", ""),
    authFieldMutations: fc.dictionary(fc.oneof(fc.constantFrom("api_key", "token", "username", "password"), userKey), mutation, {
      maxKeys: 3,
    }),
    allowedProxyDomains: fc.array(fc.constantFrom("api.example.com", "eu.example.com"), { maxLength: 2 }),
    // A key no version of the library knows: kept, renamed by rule, compared.
    rotationDays: fc.integer({ min: 1, max: 90 }),
  },
  { requiredKeys: ["type"] },
);

const camelDefinition: fc.Arbitrary<Camel.Definition> = fc.record(
  {
    displayName,
    description: text,
    authPatterns: fc.array(pattern, { minLength: 1, maxLength: 1 }),
    proxyUrl: url.filter((u) => u !== ""),
    proxyEnabled: fc.boolean(),
    iconSrc: fc.constantFrom("", "https://example.com/icon.png"),
    metadata: fc.dictionary(userKey, fc.string({ minLength: 1, maxLength: 10 }), { maxKeys: 4 }),
  },
  { requiredKeys: ["displayName", "authPatterns", "proxyUrl"] },
);

const apiDefinition: fc.Arbitrary<ApiDefinition> = camelDefinition.map((c) => toSnakeCase<ApiDefinition>(c));

// ---------- helpers ----------

/** The same value with every object's keys in reverse order (arrays keep their order). */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, reorder(v)]),
    );
  }
  return value;
}

/** The same definition with the empty defaults spelt out wherever they are absent. */
function withEmptyDefaults(def: ApiDefinition): ApiDefinition {
  const d = structuredClone(def) as Def;
  d.description ??= "";
  d.metadata ??= {};
  d.icon_src ??= "";
  for (const p of d.auth_patterns) {
    p.account_fields ??= [];
    p.fields ??= [];
    p.is_mcp ??= false;
    p.auth_header_key_override ??= "";
    p.auth_field_mutations ??= {};
  }
  return d;
}

/** Every key of an object tree, with the key of its parent. */
function keysWithParents(value: unknown, parent = ""): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v) => keysWithParents(v, parent));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [
    [k, parent] as [string, string],
    ...keysWithParents(v, k),
  ]);
}

const USER_KEYED_SNAKE = new Set(["metadata", "auth_field_mutations"]);
const USER_KEYED_CAMEL = new Set(["metadata", "authFieldMutations"]);

// ---------- properties ----------

describe("camelCase <-> snake_case", () => {
  it("toCamelCase(toSnakeCase(x)) gives x back", () => {
    fc.assert(
      fc.property(camelDefinition, (camel) => {
        expect(toCamelCase(toSnakeCase(camel))).toEqual(camel);
      }),
      RUNS,
    );
  });

  it("keeps metadata keys and mutation keys exactly as written, and renames unknown keys by rule", () => {
    fc.assert(
      fc.property(camelDefinition, (camel) => {
        const snake = toSnakeCase<ApiDefinition>(camel);
        expect(snake.metadata).toEqual(camel.metadata);
        expect(snake.auth_patterns[0].auth_field_mutations).toEqual(camel.authPatterns[0].authFieldMutations);
        const p = camel.authPatterns[0];
        if (p.rotationDays !== undefined) expect(snake.auth_patterns[0].rotation_days).toBe(p.rotationDays);
        if (p.allowedProxyDomains !== undefined)
          expect(snake.auth_patterns[0].allowed_proxy_domains).toEqual(p.allowedProxyDomains);
        (p.fields ?? []).forEach((f, i) =>
          (f.options ?? []).forEach((o, j) => {
            const sent = snake.auth_patterns[0].fields![i].options![j];
            expect(sent.display_name).toBe(o.displayName);
            expect(sent.region_code).toBe(o.regionCode);
          }),
        );
      }),
      RUNS,
    );
  });

  it("renames every schema key to snake_case and back", () => {
    fc.assert(
      fc.property(camelDefinition, (camel) => {
        const snake = toSnakeCase(camel);
        for (const [key, parent] of keysWithParents(snake)) {
          if (!USER_KEYED_SNAKE.has(parent)) expect(key).toMatch(/^[a-z]+(_[a-z]+)*$/);
        }
        for (const [key, parent] of keysWithParents(toCamelCase(snake))) {
          if (!USER_KEYED_CAMEL.has(parent)) expect(key).toMatch(/^[a-z]+([A-Z][a-z]+)*$/);
        }
      }),
      RUNS,
    );
  });

  it("preserves the metadata keys team_name and TeamName side by side", () => {
    const camel: Camel.Definition = {
      displayName: "My App",
      authPatterns: [
        { type: "NO_AUTH", isMcp: true, authFieldMutations: { team_name: { prefix: "a" }, TeamName: { suffix: "b" } } },
      ],
      proxyUrl: "https://x.example.com",
      metadata: { team_name: "a", TeamName: "b", teamName: "c" },
    };
    const snake = toSnakeCase<Def>(camel);
    expect(Object.keys(snake.metadata)).toEqual(["team_name", "TeamName", "teamName"]);
    expect(Object.keys(snake.auth_patterns[0].auth_field_mutations)).toEqual(["team_name", "TeamName"]);
    expect(toCamelCase(snake)).toEqual(camel);
  });

  it("reports validation problems with camelCase paths, user keys unchanged", () => {
    fc.assert(
      fc.property(camelDefinition, (camel) => {
        for (const p of validateCamelDefinition(toSnakeCase(camel)).problems) {
          p.path.forEach((seg, i) => {
            const parent = i > 0 ? p.path[i - 1] : undefined;
            if (typeof seg !== "string") return;
            if (typeof parent === "string" && USER_KEYED_CAMEL.has(parent)) {
              // A user key: it must be one the user actually wrote.
              const owner = parent === "metadata" ? camel.metadata : camel.authPatterns[0].authFieldMutations;
              expect(Object.keys(owner ?? {})).toContain(seg);
            } else {
              expect(seg).not.toContain("_");
            }
          });
        }
      }),
      RUNS,
    );
  });
});

describe("canonicalDefinition and sameDefinition", () => {
  it("canonicalDefinition is idempotent", () => {
    fc.assert(
      fc.property(apiDefinition, (def) => {
        const once = canonicalDefinition(def);
        expect(canonicalDefinition(once)).toEqual(once);
        expect(stableJson(canonicalDefinition(once))).toBe(stableJson(once));
      }),
      RUNS,
    );
  });

  it("sameDefinition ignores key order", () => {
    fc.assert(
      fc.property(apiDefinition, (def) => {
        const shuffled = reorder(def) as ApiDefinition;
        expect(JSON.stringify(shuffled)).toHaveLength(JSON.stringify(def).length);
        expect(sameDefinition(def, shuffled)).toBe(true);
        expect(compareDefinitions(def, shuffled).changes).toEqual([]);
      }),
      RUNS,
    );
  });

  it("sameDefinition ignores empty defaults spelt out", () => {
    fc.assert(
      fc.property(apiDefinition, (def) => {
        const filled = withEmptyDefaults(def);
        expect(sameDefinition(def, filled)).toBe(true);
        expect(sameDefinition(filled, reorder(def) as ApiDefinition)).toBe(true);
        expect(compareDefinitions(filled, def).changes).toEqual([]);
      }),
      RUNS,
    );
  });

  it("sameDefinition notices a real difference", () => {
    fc.assert(
      fc.property(apiDefinition, displayName, (def, name) => {
        fc.pre(name !== def.display_name);
        expect(sameDefinition(def, { ...def, display_name: name })).toBe(false);
      }),
      RUNS,
    );
  });
});

describe("compareDefinitions", () => {
  it("compareDefinitions(a, a) has no changes", () => {
    fc.assert(
      fc.property(apiDefinition, (def) => {
        expect(compareDefinitions(def, def)).toEqual({
          changes: [],
          replaceReasons: [],
          authChanged: false,
          scopesAdded: [],
          scopesRemoved: [],
        });
      }),
      RUNS,
    );
  });

  /** Pairs that are sometimes the same definition in disguise, sometimes slightly different, sometimes unrelated. */
  const pairs = fc.oneof(
    fc.tuple(apiDefinition, apiDefinition),
    apiDefinition.map((a) => [a, reorder(withEmptyDefaults(a)) as ApiDefinition] as const),
    fc.tuple(apiDefinition, text).map(([a, d]) => [a, { ...a, description: d }] as const),
    fc.tuple(apiDefinition, fc.boolean()).map(([a, mcp]) => {
      const b = structuredClone(a) as Def;
      b.auth_patterns[0].is_mcp = mcp;
      return [a, b as ApiDefinition] as const;
    }),
  );

  it("changes is empty exactly when sameDefinition holds", () => {
    let same = 0;
    let different = 0;
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const isSame = sameDefinition(a, b);
        if (isSame) same++;
        else different++;
        expect(compareDefinitions(a, b).changes.length === 0).toBe(isSame);
        expect(sameDefinition(b, a)).toBe(isSame);
      }),
      RUNS,
    );
    // Both sides of the equivalence were exercised.
    expect(same).toBeGreaterThan(0);
    expect(different).toBeGreaterThan(0);
  });

  it("every change's before and after are the canonical values at its path", () => {
    const at = (v: unknown, path: (string | number)[]) => path.reduce<any>((o, k) => (o == null ? undefined : o[k]), v);
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const ca = canonicalDefinition(a);
        const cb = canonicalDefinition(b);
        for (const c of compareDefinitions(a, b).changes) {
          expect(at(ca, c.path)).toEqual(c.before);
          expect(at(cb, c.path)).toEqual(c.after);
          expect(stableJson(c.before)).not.toBe(stableJson(c.after));
        }
      }),
      RUNS,
    );
  });

  it("a changed auth type always yields a replace reason", () => {
    fc.assert(
      fc.property(apiDefinition, authType, (a, newType) => {
        const oldType = a.auth_patterns[0].type;
        fc.pre(newType !== oldType);
        const b = structuredClone(a) as Def;
        b.auth_patterns[0].type = newType as AuthType;
        const cmp = compareDefinitions(a, b);
        expect(cmp.replaceReasons).toContain(`auth type changes from ${oldType} to ${newType}`);
        expect(cmp.authChanged).toBe(true);
      }),
      RUNS,
    );
  });

  it("a changed is_mcp always yields a replace reason", () => {
    fc.assert(
      fc.property(apiDefinition, (a) => {
        const was = a.auth_patterns[0].is_mcp === true;
        const b = structuredClone(a) as Def;
        b.auth_patterns[0].is_mcp = !was;
        expect(compareDefinitions(a, b).replaceReasons).toContain(`is_mcp changes from ${was} to ${!was}`);
      }),
      RUNS,
    );
  });

  it("reports added and removed scopes exactly", () => {
    const scopeSet = fc.uniqueArray(scopeName, { maxLength: 6 });
    const oauthDef = (scopes: string[], extra: Partial<Camel.Scope>): ApiDefinition => ({
      display_name: "My App",
      auth_patterns: [
        {
          type: "OAUTH",
          oauth_config: {
            authorize_uri: "https://a.example.com/auth",
            token_uri: "https://a.example.com/token",
            available_scopes: scopes.map((s) => ({ scope: s, ...extra })),
          },
        },
      ],
      proxy_url: "https://a.example.com",
    });
    fc.assert(
      fc.property(scopeSet, scopeSet, fc.boolean(), (before, after, required) => {
        const cmp = compareDefinitions(oauthDef(before, {}), oauthDef(after, { required }));
        expect(cmp.scopesAdded).toEqual(after.filter((s) => !before.includes(s)));
        expect(cmp.scopesRemoved).toEqual(before.filter((s) => !after.includes(s)));
        const sameScopes = before.length === after.length && before.every((s, i) => after[i] === s);
        expect(cmp.authChanged).toBe(!sameScopes || (required && before.length > 0));
        expect(cmp.replaceReasons).toEqual([]);
      }),
      RUNS,
    );
  });
});
