import * as fs from "fs";
import * as path from "path";

/**
 * The environment for running the `pulumi` CLI in isolation under `root`: its own PULUMI_HOME and
 * file backend (`root/state`), a passphrase, no update check, no plugin download, and nothing
 * inherited that would point it elsewhere (any PULUMI_* or SCALEKIT_* of the caller's shell).
 */
export function isolatedPulumiEnv(root: string, binDir: string, passphrase: string): NodeJS.ProcessEnv {
  const state = path.join(root, "state");
  fs.mkdirSync(state, { recursive: true });
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("SCALEKIT_") && !k.startsWith("PULUMI_")),
  );
  return {
    ...inherited,
    PATH: `${binDir}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
    PULUMI_HOME: path.join(root, "home"),
    PULUMI_BACKEND_URL: `file://${state}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    NO_COLOR: "1",
  };
}
