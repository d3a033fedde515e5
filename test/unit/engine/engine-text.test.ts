import { toCamelCase } from "../../../src/definition/case";
import { OWNER_KEY } from "../../../src/definition/ownership";
import { engineText, errorForEngine } from "../../../src/engine/engine-text";
import { registerSecret } from "../../../src/errors/redact";
import { ScalekitApiError } from "../../../src/errors";
import { tavily, useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";

/** Text a plugin process hands to the engine, which prints it to a terminal: redacted, every character visible. */
const ESC_CLEAR = "\u001b[2J\u001b[H";
const RLO = "\u202e";

describe("engineText", () => {
  it("writes terminal controls, bidi and zero-width characters as escapes; keeps line ends; redacts", () => {
    registerSecret("engine-text-secret-value");
    const shown = engineText(`owner ${ESC_CLEAR}evil${RLO}txt.exe\u200b\nline two\rover engine-text-secret-value`);
    expect(shown).toBe("owner \\u001b[2J\\u001b[Hevil\\u202etxt.exe\\u200b\nline two\\rover [REDACTED]");
  });
});

describe("errorForEngine", () => {
  it("rewrites the message in place: the error keeps its class and fields", () => {
    const body = { message: `provider "${ESC_CLEAR}x" refused`, details: [{ error_code: "INVALID" }] };
    const err = new ScalekitApiError({ status: 400, method: "POST", path: "/api/v1/custom-providers", body });
    const shown = errorForEngine(err);
    expect(shown).toBe(err);
    expect(err).toBeInstanceOf(ScalekitApiError);
    expect(err.errorCode).toBe("INVALID");
    expect(err.message).toContain('provider "\\u001b[2J\\u001b[Hx" refused');
    expect(err.message).not.toContain("\u001b");
  });

  it("rewrites a stack already read, whose first line holds the message as it was", () => {
    const err = new Error(`owner ${ESC_CLEAR}x`);
    expect(err.stack).toContain("\u001b");
    errorForEngine(err);
    expect(err.stack).not.toContain("\u001b");
    expect(err.stack!.split("\n")[0]).toBe("Error: owner \\u001b[2J\\u001b[Hx");
  });

  it("leaves a clean error untouched, and makes a thrown string an Error", () => {
    const clean = new Error("nothing odd");
    expect(errorForEngine(clean)).toBe(clean);
    expect(clean.message).toBe("nothing odd");
    const fromString = errorForEngine(`raw ${RLO}`) as Error;
    expect(fromString).toBeInstanceOf(Error);
    expect(fromString.message).toBe("raw \\u202e");
  });

  it("replaces a frozen error rather than failing on it", () => {
    const frozen = Object.freeze(new Error(`a ${ESC_CLEAR}`));
    const shown = errorForEngine(frozen) as Error;
    expect(shown).not.toBe(frozen);
    expect(shown.message).toBe("a \\u001b[2J\\u001b[H");
  });
});

describe("the dynamic provider's errors and check failures", () => {
  const emulator = useEmulator();

  it("an owner's marker set in Scalekit with terminal controls reaches the engine escaped", async () => {
    const marker = `acme/prod/${ESC_CLEAR}tavily${RLO}@bbbbbbbbbbbbbbbb`;
    emulator().seedProvider({ ...tavily, metadata: { [OWNER_KEY]: marker } });
    const inputs = {
      ...toCamelCase<Record<string, unknown>>(tavily),
      managedBy: "acme/dev/my-tavily",
      stateId: "aaaaaaaaaaaaaaaa",
    };
    const err: Error = await implementationFor(emulator())
      .impl.create(inputs)
      .then(() => new Error("the create was expected to be refused"))
      .catch((e) => e);
    expect(err.message).toContain("acme/prod/\\u001b[2J\\u001b[Htavily\\u202e@bbbbbbbbbbbbbbbb");
    expect(err.message).not.toContain("\u001b");
    expect(err.message).not.toContain(RLO);
    expect(err.constructor.name).toBe("AdoptionRequiredError");
  });

  it("a declaration's odd characters in a check failure are escaped", async () => {
    const { impl } = implementationFor(emulator());
    const declared = { ...toCamelCase<Record<string, unknown>>(tavily), metadata: { [`team${ESC_CLEAR}`]: 5 } };
    const checked = await impl.check({}, declared);
    const reasons = checked.failures.map((f) => f.reason).join("\n");
    expect(reasons).toContain("\\u001b[2J");
    expect(reasons).not.toContain("\u001b");
  });
});
