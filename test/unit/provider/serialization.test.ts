import * as pulumi from "@pulumi/pulumi";
import { CustomProvider } from "../../../src/dynamic/resource";

/**
 * What Pulumi stores in state for every CustomProvider: the serialized provider. It must hold no
 * credential, whatever the process knows, and be the same small shim for every resource.
 */
const SECRET = "sk-serialization-secret-4242";
const ENV_URL = "https://serialization-check.scalekit.dev";

describe("the provider serialized into state", () => {
  const captured: Record<string, unknown>[] = [];
  /** The state identity's inputs (one per program, see src/state-identity.ts). */
  const identities: Record<string, unknown>[] = [];

  beforeAll(async () => {
    process.env.SCALEKIT_CLIENT_SECRET = SECRET;
    process.env.SCALEKIT_ENVIRONMENT_URL = ENV_URL;
    pulumi.runtime.setAllConfig({ "scalekit:clientSecret": SECRET, "scalekit:environmentUrl": ENV_URL }, [
      "scalekit:clientSecret",
    ]);
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          if (args.type.endsWith(":StateIdentity")) identities.push(args.inputs);
          else captured.push(args.inputs);
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "project",
      "dev",
      false,
    );
    const a = new CustomProvider("a", {
      displayName: "My Tavily",
      authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token" }] }],
      proxyUrl: "https://api.tavily.com",
    });
    const b = new CustomProvider("b", {
      definition: {
        display_name: "Docs MCP",
        auth_patterns: [{ type: "NO_AUTH", is_mcp: true }],
        proxy_url: "https://d.example.com/mcp",
      },
    });
    await new Promise<void>((resolve) => pulumi.all([a.urn, b.urn]).apply(() => resolve()));
  });

  afterAll(() => {
    delete process.env.SCALEKIT_CLIENT_SECRET;
    delete process.env.SCALEKIT_ENVIRONMENT_URL;
  });

  it("serializes without capturing any credential or environment setting", () => {
    expect(captured).toHaveLength(2);
    expect(identities).toHaveLength(1);
    expect(String(identities[0].__provider)).toContain("randomBytes");
    expect(JSON.stringify(identities)).not.toContain(SECRET);
    expect(JSON.stringify(identities)).not.toContain(ENV_URL);
    for (const inputs of captured) {
      const text = String(inputs.__provider);
      expect(text.length).toBeGreaterThan(100);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(ENV_URL);
      expect(JSON.stringify(inputs)).not.toContain(SECRET);
    }
  });

  it("is one identical shim, by value here (outside node_modules), that loads the implementation at call time", () => {
    const [a, b] = captured.map((i) => String(i.__provider));
    expect(a).toBe(b);
    expect(a).toContain("pulumi-scalekit-providers/provider-implementation");
    expect(a.length).toBeLessThan(4000);
    // Nothing heavy is captured: no zod schema, no axios instance, no validation code.
    expect(a).not.toMatch(/zod|axios|definitionSchema|ScalekitClient/);
  });

  it("evaluates to a provider whose methods reach the installed implementation", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the loader Pulumi's provider host uses; it has no types
    const requireFromString = require("require-from-string");
    const shim = requireFromString(String(captured[0].__provider)).handler();
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
      expect(typeof shim[method]).toBe("function");
    }
    // check runs locally, so it proves the shim resolved the package (dist/ must be built).
    const res = await shim.check(
      {},
      { displayName: "bad-name", authPatterns: [{ type: "NO_AUTH", isMcp: true }], proxyUrl: "https://x.example.com" },
    );
    expect(res.failures.map((f: { reason: string }) => f.reason).join()).toMatch(/^displayName may contain only letters/);
  });
});
