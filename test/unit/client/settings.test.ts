import { DEFAULT_CLIENT_SETTINGS, resolveClientSettings, ScalekitConfigError } from "../../../src/client";
import { useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("client settings", () => {
  it("default to a 20 s request budget, 5 retries, a 120 s operation deadline, a ceiling of 32 requests in flight and ownership read from a listing at most 5 s old", () => {
    const defaults = {
      requestTimeoutMs: 20_000,
      maxRetries: 5,
      operationTimeoutMs: 120_000,
      maxConcurrentRequests: 32,
      ownershipReadMaxAgeMs: 5_000,
    };
    expect(resolveClientSettings(undefined, "scalekit", {})).toEqual(defaults);
    expect(DEFAULT_CLIENT_SETTINGS).toEqual(defaults);
  });

  it("read <namespace>:requestTimeout, :maxRetries and :operationTimeout (seconds) from the stack config", () => {
    const c = config({
      "prod:requestTimeout": "5",
      "prod:maxRetries": "0",
      "prod:operationTimeout": "30.5",
      "prod:maxConcurrentRequests": "2",
      "prod:ownershipReadMaxAge": "0",
    });
    expect(resolveClientSettings(c, "prod", {})).toEqual({
      requestTimeoutMs: 5000,
      maxRetries: 0,
      operationTimeoutMs: 30_500,
      maxConcurrentRequests: 2,
      ownershipReadMaxAgeMs: 0,
    });
  });

  it("fall back to SCALEKIT_* variables, for every namespace; config wins", () => {
    const env = {
      SCALEKIT_REQUEST_TIMEOUT: "2.5",
      SCALEKIT_MAX_RETRIES: "5",
      SCALEKIT_OPERATION_TIMEOUT: "60",
      SCALEKIT_MAX_CONCURRENT_REQUESTS: "8",
      SCALEKIT_OWNERSHIP_READ_MAX_AGE: "1.5",
    };
    expect(resolveClientSettings(undefined, "dev", env)).toEqual({
      requestTimeoutMs: 2500,
      maxRetries: 5,
      operationTimeoutMs: 60_000,
      maxConcurrentRequests: 8,
      ownershipReadMaxAgeMs: 1500,
    });
    expect(resolveClientSettings(config({ "dev:maxRetries": "1" }), "dev", env).maxRetries).toBe(1);
  });

  it.each([
    [{ "scalekit:requestTimeout": "fast" }, /scalekit:requestTimeout is "fast": expected a number of seconds from 0.1 to 600/],
    [{ "scalekit:requestTimeout": "0" }, /requestTimeout/],
    [{ "scalekit:requestTimeout": "-1" }, /requestTimeout/],
    [{ "scalekit:maxRetries": "2.5" }, /scalekit:maxRetries is "2.5": expected a whole number from 0 to 10/],
    [{ "scalekit:maxRetries": "99" }, /maxRetries/],
    [{ "scalekit:operationTimeout": "1e3" }, /operationTimeout/],
    [
      { "scalekit:ownershipReadMaxAge": "601" },
      /scalekit:ownershipReadMaxAge is "601": expected a number of seconds from 0 to 600/,
    ],
    [
      { "scalekit:requestTimeout": "60", "scalekit:operationTimeout": "30" },
      /operationTimeout \(30 s\) is shorter than scalekit:requestTimeout \(60 s\)/,
    ],
  ])("refuse %j with a clear error", (values, message) => {
    expect(() => resolveClientSettings(config(values), "scalekit", {})).toThrow(ScalekitConfigError);
    expect(() => resolveClientSettings(config(values), "scalekit", {})).toThrow(message);
  });

  it("name the environment variable when it holds the bad value", () => {
    expect(() => resolveClientSettings(undefined, "scalekit", { SCALEKIT_MAX_RETRIES: "many" })).toThrow(
      /SCALEKIT_MAX_RETRIES is "many"/,
    );
  });
});

describe("the provider reads them from the stack config", () => {
  const emulator = useEmulator();

  it("scalekit:maxRetries 0 makes a refresh fail on the first 503", async () => {
    const { impl } = implementationFor(emulator(), { "scalekit:maxRetries": "0" });
    emulator().injectFault({ status: 503, method: "GET", count: 5 });
    await expect(impl.read("X:1", { configNamespace: "scalekit" } as never)).rejects.toMatchObject({ status: 503 });
    expect(
      emulator()
        .requests()
        .filter((r) => r.method === "GET"),
    ).toHaveLength(1);
  });

  it("an invalid setting is a clear error", async () => {
    const { impl } = implementationFor(emulator(), { "scalekit:requestTimeout": "soon" });
    await expect(impl.read("X:1", {} as never)).rejects.toThrow(/scalekit:requestTimeout is "soon"/);
  });
});
