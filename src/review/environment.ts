/**
 * Which kind of Scalekit environment a stack name and a URL suggest. Scalekit's development
 * environments live under .scalekit.dev and production ones under .scalekit.com; any other host
 * (a custom domain, the local emulator) says nothing.
 */
export type Tier = "production" | "development";

export const NAME_WORDS: Record<Tier, string[]> = {
  production: ["prod", "production", "prd", "live"],
  development: ["dev", "develop", "development"],
};

/** The tier a stack name says, from its words (`prod`, `acme-prod`, `org/project/production`). */
export function tierOfStackName(stack: string): Tier | undefined {
  const words = stack.toLowerCase().split(/[^a-z0-9]+/);
  return (Object.keys(NAME_WORDS) as Tier[]).find((tier) => NAME_WORDS[tier].some((w) => words.includes(w)));
}

export function tierOfUrl(url: string): Tier | undefined {
  let host: string;
  try {
    // A fully qualified name's trailing dot is the same host.
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return undefined;
  }
  if (host.endsWith(".scalekit.dev")) return "development";
  if (host.endsWith(".scalekit.com")) return "production";
  return undefined;
}
