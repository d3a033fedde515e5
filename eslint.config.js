// @ts-check
/**
 * One house style for src/, test/ and the examples: ESLint's and typescript-eslint's recommended
 * rules, plus the import boundaries between the layers. Formatting is Prettier's job
 * (.prettierrc.json); `npm run lint` runs both.
 */
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

/** A no-restricted-imports pattern: import specifiers matching `regex` are refused with `message`. */
const refuse = (regex, message) => ({ regex, message });

/**
 * The layers and what each may not import. Relative specifiers are matched as written, so "leaving
 * a folder" is a specifier that starts with "../" from a file directly inside it.
 */
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
  {
    // The definition layer is pure: rules, shapes and comparisons, no I/O and no client, so it runs
    // at preview time and in tests without a network.
    files: ["src/definition/**/*.ts"],
    patterns: [
      refuse(
        "^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|dns|child_process|worker_threads)$",
        "src/definition/ is pure: no I/O.",
      ),
      refuse("^(axios|@pulumi/.*)$", "src/definition/ is pure: no HTTP client, no Pulumi."),
      refuse("^\\.\\./(client|provider|cli|emulator|resource|definitions-loader)(/|$)", "src/definition/ imports only itself."),
    ],
  },
  {
    // The compare/export command talks to Scalekit through the client, never through the dynamic
    // provider, whose code runs inside the Pulumi engine.
    files: ["src/cli/**/*.ts"],
    patterns: [refuse("^\\.\\./provider(/|$)", "src/cli/ does not import src/provider/: use src/client/ or src/definition/.")],
  },
];

module.exports = [
  { ignores: ["dist/", "coverage/", ".pulumi-local/", "**/node_modules/"] },
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
    // The shim is serialized into state by Pulumi and must load everything at call time, and the
    // engine's client (log, watch) loads gRPC only inside the provider process: require() on purpose.
    files: [
      "src/provider/shim.ts",
      "src/provider/engine-connection.ts",
      "src/provider/engine-log.ts",
      "src/provider/engine-watch.ts",
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
