import { tavily, useEmulator } from "../../support/emulator";
import { runCli } from "../../support/cli";

/** `stack:NAME` reads that stack's config only; two sources naming one environment are refused. */
const dev = useEmulator();

const cli = (args: string[], env: NodeJS.ProcessEnv, stacks: Record<string, Record<string, string>> = {}) =>
  runCli(args, { cwd: process.cwd(), env, stackConfig: (stack: string) => stacks[stack] ?? {} });

const devConfig = () => ({
  "scalekit:environmentUrl": dev().url,
  "scalekit:clientId": dev().clientId,
  "scalekit:clientSecret": dev().clientSecret,
});
const devVariables = () => ({
  SCALEKIT_ENVIRONMENT_URL: dev().url,
  SCALEKIT_CLIENT_ID: dev().clientId,
  SCALEKIT_CLIENT_SECRET: dev().clientSecret,
});

describe("sources", () => {
  it("stack:prod with an empty config fails, naming what is missing, even with dev's variables exported", async () => {
    dev().seedProvider(tavily);
    const res = await cli(["compare", "stack:dev", "stack:prod"], devVariables(), { dev: devConfig(), prod: {} });
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/scalekit:environmentUrl/);
    expect(res.err).toMatch(/stack prod/);
    expect(res.err).not.toContain(dev().clientSecret);
  });

  it("compare refuses two sources that resolve to the same environment", async () => {
    const env = { ...devVariables(), OTHER_ENVIRONMENT_URL: `${dev().url}/`, OTHER_CLIENT_ID: "x", OTHER_CLIENT_SECRET: "y" };
    const res = await cli(["compare", "env", "env:other"], env);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/same environment/);
    expect(dev().requests()).toEqual([]);
    const stacks = await cli(["compare", "stack:dev", "stack:prod"], {}, { dev: devConfig(), prod: devConfig() });
    expect(stacks.code).toBe(2);
  });

  it("a trailing dot does not make another environment of the same host", async () => {
    const local = dev().url.replace("127.0.0.1", "localhost");
    const env = {
      SCALEKIT_ENVIRONMENT_URL: local,
      SCALEKIT_CLIENT_ID: dev().clientId,
      SCALEKIT_CLIENT_SECRET: dev().clientSecret,
      OTHER_ENVIRONMENT_URL: local.replace("localhost", "localhost."),
      OTHER_CLIENT_ID: dev().clientId,
      OTHER_CLIENT_SECRET: dev().clientSecret,
    };
    const res = await cli(["compare", "env", "env:other"], env);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/env and env other resolve to the same environment \(http:\/\/localhost:\d+\)/);
    expect(dev().requests()).toEqual([]);
  });
});
