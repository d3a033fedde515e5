import { placement } from "../../../src/operations/placement";

describe("placement: the recorded environment URL against the configured one", () => {
  const URL_ = "https://acme.scalekit.dev";

  it("a trailing dot or slash, on either side, is the same environment, not a move", () => {
    expect(placement(`${URL_}.`, URL_, undefined)).toEqual({ kind: "same", url: URL_ });
    expect(placement(`${URL_}/`, URL_, undefined)).toEqual({ kind: "same", url: URL_ });
    expect(placement(URL_, `${URL_}.`, undefined)).toEqual({ kind: "same", url: `${URL_}.` });
  });

  it("another host is elsewhere, unless declared as the previous URL (with or without its dot)", () => {
    const custom = "https://auth.acme.com";
    expect(placement(`${URL_}.`, custom, undefined)).toEqual({ kind: "elsewhere", recorded: `${URL_}.`, configured: custom });
    expect(placement(`${URL_}.`, custom, URL_)).toEqual({ kind: "moved", from: `${URL_}.`, to: custom });
    expect(placement(URL_, custom, `${URL_}.`)).toEqual({ kind: "moved", from: URL_, to: custom });
  });

  it("nothing recorded or nothing configured", () => {
    expect(placement(undefined, URL_, undefined)).toEqual({ kind: "same", url: URL_ });
    expect(placement(URL_, undefined, undefined)).toEqual({ kind: "unknown" });
  });
});
