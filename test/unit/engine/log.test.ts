import { createEngineLogger, EngineLogClient } from "../../../src/engine/log";

/** Log lines go to the engine's Log RPC; a step waits for them, but never for ever. */
describe("the engine logger", () => {
  it("delivers each line, redacted, with a deadline, and flush waits for the answers", async () => {
    const sent: { message: string; severity: number; deadline: number }[] = [];
    const client: EngineLogClient = {
      log(req, options, cb) {
        const r = req as { getMessage(): string; getSeverity(): number };
        sent.push({ message: r.getMessage(), severity: r.getSeverity(), deadline: options.deadline });
        setImmediate(cb);
      },
    };
    const { logger, flush } = createEngineLogger(() => client, 1_000);
    const before = Date.now();
    logger.warn("sent Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.c2lnbmF0dXJl and was refused");
    logger.debug("listing page 1");
    await flush();
    expect(sent.map((s) => s.message)).toEqual(["sent Authorization: Bearer [REDACTED] and was refused", "listing page 1"]);
    expect(sent[0].severity).not.toBe(sent[1].severity);
    for (const s of sent) expect(s.deadline).toBeGreaterThanOrEqual(before + 1_000);
  });

  it("gives up waiting on an engine that never answers, instead of hanging the step", async () => {
    let calls = 0;
    const silent: EngineLogClient = {
      log() {
        calls++; // never calls back
      },
    };
    const { logger, flush } = createEngineLogger(() => silent, 20);
    logger.warn("a warning nobody acknowledges");
    await expect(flush()).resolves.toBeUndefined();
    expect(calls).toBe(1);
  });

  it("writes warnings to stderr outside a provider process", async () => {
    const write = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const { logger, flush } = createEngineLogger(() => null);
      logger.warn("careful");
      logger.debug("not shown");
      await flush();
      expect(write.mock.calls.map((c) => String(c[0]))).toEqual(["warning: careful\n"]);
    } finally {
      write.mockRestore();
    }
  });
});
