// Under Inngest a send cannot join a database transaction: enqueue must refuse `tx` there rather
// than send the event before the change commits (issue 7, item 4).
import { afterEach, describe, expect, it, vi } from "vitest";
import { enqueue } from "./enqueue";

afterEach(() => vi.unstubAllEnvs());

describe("enqueue inside a transaction", () => {
  it("is refused under Inngest, pointing at the outbox", async () => {
    vi.stubEnv("INNGEST_DEV", "1");
    // A stand-in transaction object: enqueue must refuse before touching it or the network.
    const tx = {} as never;
    await expect(enqueue("accounting.mark-overdue", {}, { tx })).rejects.toThrow(/emit a domain event in the transaction instead/);
  });

  it("names an unknown job before anything else", async () => {
    vi.stubEnv("INNGEST_DEV", "1");
    await expect(enqueue("no.such-job", {}, { tx: {} as never })).rejects.toThrow(/Unknown job/);
  });
});
