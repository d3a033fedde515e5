import { parsePreviewDocuments, splitJsonDocuments } from "../../../src/review/preview-json";
import { PreviewInputError } from "../../../src/review/preview-input-error";
import { parseUrn, changedResources } from "../../../src/review/steps";
import { fixture, previewDoc } from "../../support/review";

describe("reading pulumi preview --json", () => {
  it("splits documents written back to back, whatever their strings hold", () => {
    const a = JSON.stringify({ steps: [], s: 'braces } { and "quotes" \\ inside' }, null, 4);
    const b = JSON.stringify({ steps: [] });
    expect(splitJsonDocuments(`${a}\n${b}${b}\n`)).toEqual([a, b, b]);
  });

  it("reads a real capture as one document with its config, steps and no diagnostics", () => {
    const [doc] = parsePreviewDocuments(fixture("dev-changes"), "dev.json");
    expect(doc.source).toBe("dev.json");
    expect(doc.steps.map((s) => s.op)).toEqual(["same", "create", "replace", "update", "delete"]);
    expect(doc.config["scalekit:clientSecret"]).toBe("[secret]");
  });

  it("labels each of several concatenated documents", () => {
    const text = JSON.stringify(previewDoc("dev", [])) + JSON.stringify(previewDoc("prod", []));
    expect(parsePreviewDocuments(text, "stdin").map((d) => d.source)).toEqual(["stdin (document 1)", "stdin (document 2)"]);
  });

  it.each([
    ["", /is empty/],
    ["not json", /where a JSON object should start/],
    ['{"steps": [', /ends in the middle/],
    ['{"version": 3, "deployment": {}}', /expected "steps" \(found version, deployment\)/],
    ['{"steps": [{"op": "create"}]}', /steps\[0\] has no "op" and "urn"/],
    ["[1, 2]", /expected a JSON object/],
    ['{"steps": []} {"steps": [,]}', /document 2/],
  ])("refuses %j with a clear message", (text, message) => {
    let error: unknown;
    try {
      parsePreviewDocuments(text, "plan.json");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PreviewInputError);
    expect((error as Error).message).toMatch(/plan\.json.* is not the output of `pulumi preview --json`/);
    expect((error as Error).message).toMatch(message);
  });
});

describe("steps", () => {
  it("takes stack, project, type and name from a URN, including a parent type and :: in the name", () => {
    expect(parseUrn("urn:pulumi:acme-prod::proj::my:mod:Parent$pulumi-nodejs:dynamic/scalekit:CustomProvider::a::b")).toEqual({
      stack: "acme-prod",
      project: "proj",
      type: "pulumi-nodejs:dynamic/scalekit:CustomProvider",
      name: "a::b",
    });
    expect(parseUrn("not a urn")).toBeUndefined();
  });

  it("merges a create-replacement / delete-replaced pair into one replacement with both states", () => {
    const doc = previewDoc("dev", [
      { op: "create-replacement", name: "x", new: { definition: { display_name: "New" } }, replaceReasons: ["definition"] },
      { op: "delete-replaced", name: "x", old: { definition: { display_name: "Old" } }, id: "X:1" },
      { op: "same", name: "y", old: {}, new: {} },
    ]);
    const changes = changedResources((doc as { steps: never[] }).steps);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ name: "x", action: "replace", replaceReasons: ["definition"], oldState: { id: "X:1" } });
    expect(changes[0].newState?.inputs).toEqual({ definition: { display_name: "New" } });
  });
});
