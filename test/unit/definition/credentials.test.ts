import { compareDefinitions, describeChange, shownChange } from "../../../src/definition/compare";
import {
  credentialChange,
  credentialPathsIn,
  isCredentialPath,
  maskCredentials,
  maskedCredential,
} from "../../../src/definition/credentials";
import type { ApiDefinition } from "../../../src/definition/types";
import { terminalLine, terminalText, visibleJson, visibleText } from "../../../src/definition/visible-text";

const def = (pattern: Record<string, unknown>): ApiDefinition =>
  ({
    display_name: "Key Api",
    auth_patterns: [{ type: "API_KEY", ...pattern }],
    proxy_url: "https://api.example.com",
  }) as ApiDefinition;

describe("which values are credentials (the one rule)", () => {
  const withPassword = def({
    fields: [
      { field_name: "api_key", label: "Key", input_type: "password", default: "k", example: "e" },
      { field_name: "domain", input_type: "text", default: "acme.example.com" },
    ],
    account_fields: [{ field_name: "pin", input_type: "password", value: "1234" }],
    auth_field_mutations: { api_key: { prefix: "Key ", default: "secret" } },
  });

  it("an auth field mutation's default, whatever the field", () => {
    expect(isCredentialPath(["auth_patterns", 0, "auth_field_mutations", "api_key", "default"])).toBe(true);
    expect(isCredentialPath(["auth_patterns", 0, "auth_field_mutations", "anything", "default"])).toBe(true);
    expect(isCredentialPath(["auth_patterns", 0, "auth_field_mutations", "api_key", "prefix"])).toBe(false);
    expect(isCredentialPath(["auth_patterns", 0, "auth_field_mutations", "api_key"])).toBe(false);
  });

  it("any value of a password field beyond what describes it, in fields and account_fields", () => {
    for (const key of ["default", "example"])
      expect(isCredentialPath(["auth_patterns", 0, "fields", 0, key], withPassword)).toBe(true);
    for (const key of ["field_name", "label", "input_type", "hint", "required"])
      expect(isCredentialPath(["auth_patterns", 0, "fields", 0, key], withPassword)).toBe(false);
    expect(isCredentialPath(["auth_patterns", 0, "fields", 1, "default"], withPassword)).toBe(false);
    expect(isCredentialPath(["auth_patterns", 0, "account_fields", 0, "value"], withPassword)).toBe(true);
    // A field that is a password field on either side of a comparison.
    const plain = def({ fields: [{ field_name: "api_key", input_type: "text", default: "k" }] });
    expect(isCredentialPath(["auth_patterns", 0, "fields", 0, "default"], plain)).toBe(false);
    expect(isCredentialPath(["auth_patterns", 0, "fields", 0, "default"], plain, withPassword)).toBe(true);
  });

  it("found inside whole objects, and masked there by size only", () => {
    const paths = credentialPathsIn(withPassword.auth_patterns, ["auth_patterns"], [withPassword]);
    expect(paths).toEqual([
      [0, "fields", 0, "default"],
      [0, "fields", 0, "example"],
      [0, "account_fields", 0, "value"],
      [0, "auth_field_mutations", "api_key", "default"],
    ]);
    const masked = JSON.stringify(maskCredentials(withPassword.auth_patterns, paths));
    expect(masked).not.toMatch(/"(k|e|1234|secret)"/);
    expect(masked).toContain('"default":"[secret: 6 characters]"');
    expect(masked).toContain('"domain","input_type":"text","default":"acme.example.com"');
    expect(maskedCredential("🔑🔑")).toBe("[secret: 2 characters]");
    expect(credentialChange("ab", "abc")).toBe("3 characters changed (secret, not shown)");
    expect(credentialChange(undefined, "a")).toBe("set, 1 character (secret, not shown)");
    expect(credentialChange("ab", undefined)).toBe("removed, 2 characters (secret, not shown)");
  });

  it("a comparison compares credentials but shows only their size", () => {
    const before = def({ auth_field_mutations: { api_key: { default: "old-secret" } } });
    const after = def({ auth_field_mutations: { api_key: { default: "new-secret-value" } } });
    const [change] = compareDefinitions(before, after).changes;
    expect(change.credentials).toEqual([[]]);
    expect(describeChange(change)).toBe(
      "auth_patterns[0].auth_field_mutations.api_key.default: 16 characters changed (secret, not shown)",
    );
    expect(JSON.stringify(shownChange(change))).not.toMatch(/old-secret|new-secret/);
    const whole = compareDefinitions(def({}), after).changes;
    expect(whole.map(describeChange)).toEqual([
      'auth_patterns[0].auth_field_mutations: (none) => {"api_key":{"default":"[secret: 16 characters]"}}',
    ]);
  });
});

describe("text shown to a person", () => {
  it("reveals controls, zero-width, bidi and tag characters, keeps line ends unless one line is asked for", () => {
    expect(visibleText("a\u001b[2Jb\u061cc\u200bd\u202ee\u{e0041}f\n")).toBe("a\\u001b[2Jb\\u061cc\\u200bd\\u202ee\\u{e0041}f\n");
    expect(terminalLine("a\r\nb\rc")).toBe("a\\r\\nb\\rc");
    expect(terminalText("a\nb\rc")).toBe("a\nb\\rc");
    expect(visibleText("plain ASCII, émoji 🎉 and 中文")).toBe("plain ASCII, émoji 🎉 and 中文");
  });

  it("JSON keeps its values: each hidden character becomes its JSON escape", () => {
    const value = { name: "a\u202eb\u200bc\u{e0041}\u0085" };
    const text = visibleJson(JSON.stringify(value));
    expect(text).not.toMatch(/[\u202e\u200b\u0085]|\u{e0041}/u);
    expect(JSON.parse(text)).toEqual(value);
  });
});
