import { resolveEnvironment, resolveEnvironmentUrl } from "../../../src/config";

/** The three settings come from one place: the stack config, or the environment, never a mix. */
const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const fullConfig = {
  "scalekit:environmentUrl": "https://config.scalekit.dev",
  "scalekit:clientId": "skc_config",
  "scalekit:clientSecret": "config-secret",
};
const fullEnv = {
  SCALEKIT_ENVIRONMENT_URL: "https://env.scalekit.dev",
  SCALEKIT_CLIENT_ID: "skc_env",
  SCALEKIT_CLIENT_SECRET: "env-secret",
};

describe("credentials resolve as a unit", () => {
  it("takes all three from the stack config when it sets them, ignoring the environment", () => {
    expect(resolveEnvironment(config(fullConfig), "scalekit", fullEnv)).toEqual({
      environmentUrl: "https://config.scalekit.dev",
      clientId: "skc_config",
      clientSecret: "config-secret",
    });
  });

  it("takes all three from the environment when the stack config sets none", () => {
    expect(resolveEnvironment(config({}), "scalekit", fullEnv).environmentUrl).toBe("https://env.scalekit.dev");
  });

  it("never fills a setting missing from the config with an environment variable, and names what is missing", () => {
    const partial = { "scalekit:environmentUrl": "https://config.scalekit.dev", "scalekit:clientId": "skc_config" };
    const err = (() => {
      try {
        resolveEnvironment(config(partial), "scalekit", fullEnv);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toMatch(/scalekit:clientSecret/);
    expect(err?.message).toMatch(/never mixed/);
    expect(err?.message).not.toMatch(/scalekit:clientId \(/);
    expect(err?.message).not.toContain("env-secret");
  });

  it("names the missing variables of a partial environment", () => {
    expect(() => resolveEnvironment(config({}), "scalekit", { SCALEKIT_ENVIRONMENT_URL: "https://env.scalekit.dev" })).toThrow(
      /SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET/,
    );
  });

  it("reads no environment variable for another namespace", () => {
    expect(() => resolveEnvironment(config({}), "scalekitProd", fullEnv)).toThrow(/scalekitProd:environmentUrl/);
  });

  it("resolves the environment URL alone, without a client secret, for preview", () => {
    const noSecret = { "scalekit:environmentUrl": "https://config.scalekit.dev/", "scalekit:clientId": "skc_config" };
    expect(resolveEnvironmentUrl(config(noSecret), "scalekit", fullEnv)).toBe("https://config.scalekit.dev");
    expect(resolveEnvironmentUrl(config({}), "scalekit", { SCALEKIT_ENVIRONMENT_URL: "https://env.scalekit.dev" })).toBe(
      "https://env.scalekit.dev",
    );
    expect(resolveEnvironmentUrl(config({}), "unknownNamespace", fullEnv)).toBeUndefined();
  });
});
