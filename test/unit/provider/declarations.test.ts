import * as pulumi from "@pulumi/pulumi";
import { CustomProvider } from "../../../src/dynamic/resource";

/** What the program side adds: the ownership marker as a hidden input, and a name-clash check at preview. */
const captured: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        captured[args.name] = args.inputs;
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "shop",
    "dev",
    true,
  );
});

const bearer = { type: "BEARER" as const, fields: [{ fieldName: "token" }] };

it("passes project/stack/resource as the hidden managedBy input", async () => {
  const p = new CustomProvider("my-tavily", {
    displayName: "My Tavily",
    authPatterns: [bearer],
    proxyUrl: "https://api.tavily.com",
  });
  await new Promise<void>((resolve) => p.urn.apply(() => resolve()));
  expect(captured["my-tavily"].managedBy).toBe("shop/dev/my-tavily");
});

it("refuses two declarations whose names Scalekit reads as one, naming both resources", () => {
  new CustomProvider("first", {
    definition: { display_name: "Search API", auth_patterns: [], proxy_url: "https://a.example.com" },
  });
  expect(
    () => new CustomProvider("second", { displayName: "search api", authPatterns: [bearer], proxyUrl: "https://b.example.com" }),
  ).toThrow(/"first" and "second" declare the same provider name/);
  // The same name in another environment (config namespace) is no clash.
  expect(
    () =>
      new CustomProvider("third", {
        displayName: "Search API",
        authPatterns: [bearer],
        proxyUrl: "https://b.example.com",
        configNamespace: "scalekitProd",
      }),
  ).not.toThrow();
});
