import { describe, expect, it } from "vitest";
import type { PullPage, PullRequest } from "@/integrations/hook-types";
import { readAhead } from "./read-ahead";

const page = (n: number): PullPage => ({ records: [], next: { n } });

describe("reading the next page ahead", () => {
  it("hands the page read ahead to the step that asks for the same request, and reads afresh otherwise", async () => {
    const asked: PullRequest[] = [];
    const fetch = async (req: PullRequest) => (asked.push(req), page(asked.length));
    const ahead = readAhead(true);
    ahead.start({ since: 5, cursor: { page: 2 } }, fetch);
    expect(asked).toHaveLength(1);
    expect(await ahead.read({ since: 5, cursor: { page: 2 } }, fetch)).toEqual(page(1));
    expect(asked).toHaveLength(1);
    // Taken once: the same request again is a fresh read; a page read ahead for another cursor is not used.
    ahead.start({ since: 5, cursor: { page: 3 } }, fetch);
    expect(await ahead.read({ since: 5, cursor: { page: 4 } }, fetch)).toEqual(page(3));
    expect(asked.map((r) => r.cursor)).toEqual([{ page: 2 }, { page: 3 }, { page: 4 }]);
  });

  it("knows the request whatever the order of its cursor's keys (the cursor comes back from a jsonb column)", async () => {
    let calls = 0;
    const fetch = async () => (calls++, page(calls));
    const ahead = readAhead(true);
    ahead.start({ since: null, cursor: { since: 7, inclusive: true, skip: ["a"], page: 1 } }, fetch);
    expect(await ahead.read({ since: null, cursor: { page: 1, skip: ["a"], since: 7, inclusive: true } }, fetch)).toEqual(page(1));
    expect(calls).toBe(1);
  });

  it("reads nothing ahead when disabled (steps that run elsewhere, under Inngest)", async () => {
    let calls = 0;
    const fetch = async () => (calls++, page(calls));
    const ahead = readAhead(false);
    ahead.start({ since: null, cursor: null }, fetch);
    expect(calls).toBe(0);
    await ahead.read({ since: null, cursor: null }, fetch);
    expect(calls).toBe(1);
  });

  it("a failed read ahead is the taking step's error, and an untaken one is no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      const fail = async (): Promise<PullPage> => { throw new Error("provider down"); };
      const ahead = readAhead(true);
      ahead.start({ since: null, cursor: { page: 2 } }, fail);
      await expect(ahead.read({ since: null, cursor: { page: 2 } }, fail)).rejects.toThrow("provider down");
      ahead.start({ since: null, cursor: { page: 3 } }, fail);
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
