/**
 * Two projects: `unit` (pure functions, the client, the provider and the emulator, in-process, fast)
 * and `e2e` (the real Pulumi CLI against emulators; needs scripts/pulumi-cli/install.sh first).
 * @type {import('jest').Config}
 */
// Tests are type-checked once, by the lint step (tsc -p tsconfig.test.json); jest only transpiles
// each file (isolatedModules in tsconfig.json makes ts-jest do so), which halves its time.
const tsJest = { "^.+\\.ts$": ["ts-jest", {}] };

module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform: tsJest,
      testMatch: ["<rootDir>/test/unit/**/*.test.ts", "<rootDir>/test/emulator/**/*.test.ts"],
    },
    {
      displayName: "e2e",
      testEnvironment: "node",
      transform: tsJest,
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
    },
  ],
};
