// @ts-check
/**
 * One house style for src/, test/ and the examples: ESLint's and typescript-eslint's recommended
 * rules, plus the import boundaries between the layers. Formatting is Prettier's job
 * (.prettierrc.json); `npm run lint` runs both.
 */
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

/**
 * The top-level rooms of src/ and which other rooms each may import (an allow-list: anything else is
 * refused, so a layer cannot reach a forbidden one through a third, e.g. cli -> review -> provider).
 * Relative specifiers are matched as written: "leaving a room" is a specifier made of "../" steps
 * followed by another room's name.
 */
const ROOMS = {
  // Pure rules, shapes and comparisons of the definition: no I/O, no client, no Pulumi.
  definition: [],
  // The error model and redaction, which every layer uses.
  errors: [],
  // The resource's contract (type, inputs, outputs, control keys, namespace): pure.
  "custom-provider": ["definition", "errors"],
  // Stack config and SCALEKIT_* variables: one reader, the credentials and the client's settings.
  config: ["custom-provider", "errors"],
  // The HTTP client of Scalekit's API and what a process knows of each environment.
  client: ["config", "definition", "errors"],
  // Reviewing `pulumi preview --json`: pure rendering of what the preview says.
  review: ["custom-provider", "definition", "errors"],
  // The Pulumi engine's gRPC client, for a plugin process: log with the step, exit once the engine is gone.
  engine: ["client", "definition", "errors"],
  // What each engine operation does (check, diff, create, read, update, delete), for either front door.
  operations: ["client", "config", "custom-provider", "definition", "errors"],
  // Front door 1, engine side: the dynamic provider, a shell over the operations.
  provider: ["operations", "engine", "client", "config", "custom-provider", "definition", "errors"],
  // Front door 1, program side: the dynamic CustomProvider resource and what it registers with it.
  dynamic: ["provider", "engine", "custom-provider", "definition", "errors"],
  // Front door 2, program side for TypeScript: the CustomProvider and Provider served by the native plugin.
  native: ["plugin", "dynamic", "lookups", "custom-provider", "definition", "errors"],
  // Front door 2: the native `scalekit` provider plugin, an adapter and a gRPC server over the operations.
  plugin: ["operations", "engine", "client", "config", "custom-provider", "definition", "errors", "meta"],
  // Reading an environment from a program (getCustomProvider, listCustomProviders): the client, in the program process;
  // what it prints goes through engine/engine-text.ts, as a provider process's does.
  lookups: ["operations", "engine", "client", "config", "custom-provider", "definition", "errors"],
  // Definition files on disk (one API JSON per provider), for this repository's program and the commands.
  "definition-files": ["definition", "errors"],
  // This package's own package.json (name, version, repository), for the commands and the plugin.
  meta: ["errors"],
  // The commands: talk to Scalekit through the client, never through the engine-side provider.
  cli: ["client", "config", "custom-provider", "definition", "errors", "review", "definition-files", "meta"],
};
/** Rooms that are single files at the top of src/ (the package's entry). */
const TOP_FILES = ["index"];
const ALL_ROOMS = [...Object.keys(ROOMS), "emulator", ...TOP_FILES];
/** The rooms that load the Pulumi SDK: the engine's provider, and the lookups run by the program. */
const PULUMI_ROOMS = ["engine", "provider", "dynamic", "native", "plugin", "lookups"];

/** A no-restricted-imports pattern: import specifiers matching `regex` are refused with `message`. */
const refuse = (regex, message) => ({ regex, message });

const boundaries = [
  {
    // The emulator stands in for Scalekit: it knows the API contract, never the library's code, so a
    // library bug cannot hide behind a shared helper.
    files: ["src/emulator/**/*.ts"],
    patterns: [
      refuse("^\\.\\.(/|$)", "src/emulator/ imports nothing from the library (nothing outside src/emulator/)."),
      refuse("^pulumi-scalekit-providers(/|$)", "src/emulator/ imports nothing from the library."),
    ],
  },
  ...Object.entries(ROOMS).map(([room, allowed]) => {
    const forbidden = ALL_ROOMS.filter((r) => r !== room && !allowed.includes(r));
    const may = allowed.length ? `itself and ${allowed.map((r) => `src/${r}/`).join(", ")}` : "itself";
    const notProvider = forbidden.includes("provider") ? `; src/${room}/ does not import src/provider/` : "";
    const pure = ["definition", "errors", "custom-provider", "config", "review"].includes(room);
    const patterns = [
      refuse(
        `^(\\.\\./)+(${forbidden.join("|")})(/|$)`,
        `src/${room}/ imports only ${may}${notProvider} (eslint.config.js ROOMS).`,
      ),
      refuse("^pulumi-scalekit-providers(/|$)", `src/${room}/ imports the library by relative path, never by its package name.`),
    ];
    if (pure) {
      patterns.push(
        refuse(
          "^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|dns|child_process|worker_threads)$",
          `src/${room}/ is pure: no I/O.`,
        ),
        refuse("^(axios|https-proxy-agent|@pulumi/.*)$", `src/${room}/ is pure: no HTTP client, no Pulumi.`),
      );
    } else if (!PULUMI_ROOMS.includes(room)) {
      patterns.push(
        refuse(
          "^@pulumi/.*$",
          `src/${room}/ does not load the Pulumi SDK: only src/engine/, src/provider/, src/dynamic/, src/plugin/ and src/lookups/ do.`,
        ),
      );
    }
    return { files: [`src/${room}/**/*.ts`], patterns };
  }),
];

module.exports = [
  { ignores: ["dist/", "coverage/", ".pulumi-local/", "**/node_modules/", "sdk/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // An eslint-disable comment that disables nothing is an error, so each one stays meaningful.
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter kept for the signature's sake).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // The shim and the state identity's provider are serialized into state by Pulumi and must load
    // everything at call time; the engine's client and the plugin load gRPC only inside a plugin
    // process, from beside @pulumi/pulumi (or from the bundle's registry): require() on purpose.
    files: [
      "src/provider/shim.ts",
      "src/engine/*.ts",
      "src/plugin/*.ts",
      "src/dynamic/state-identity.ts",
      "scripts/plugin/bundle-entry.ts",
    ],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Tests feed malformed and partial values on purpose (that is what a validation test is).
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // A dynamic provider in an example is serialized into state by Pulumi, which advises loading
    // modules inside its methods.
    files: ["examples/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  ...boundaries.map(({ files, patterns }) => ({ files, rules: { "no-restricted-imports": ["error", { patterns }] } })),
];
