/**
 * Two projects: `unit` (pure functions, the client, the provider and the emulator, in-process, fast)
 * and `e2e` (the real Pulumi CLI against emulators; needs scripts/pulumi-cli/install.sh first).
 * @type {import('jest').Config}
 */
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
