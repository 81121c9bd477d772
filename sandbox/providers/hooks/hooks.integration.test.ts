import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../test-support";
import { createHooksEmulator } from "./index";

let h: Harness;
beforeAll(async () => {
  h = await startHarness([createHooksEmulator()]);
});
afterAll(async () => h?.close());

describe("catch hooks", () => {
  it("records POST/PUT/GET with headers and body and lists them via the control API", async () => {
    const post = await fetch(`${h.origin}/hooks/zap-1`, { method: "POST", headers: { "content-type": "application/json", "x-trace": "abc" }, body: JSON.stringify({ invoice: "INV-1" }) });
    expect(post.status).toBe(200);
    expect(await post.json()).toMatchObject({ status: "success" });
    await fetch(`${h.origin}/hooks/zap-1?since=1`, { method: "GET" });
    await fetch(`${h.origin}/hooks/zap-1`, { method: "PUT", body: "plain" });
    const listed = (await (await fetch(`${h.origin}/_control/hooks/zap-1`)).json()) as { requests: { method: string; headers: Record<string, string>; json?: unknown; body: string; query: Record<string, string> }[] };
    expect(listed.requests.map((r) => r.method)).toEqual(["POST", "GET", "PUT"]);
    expect(listed.requests[0]).toMatchObject({ json: { invoice: "INV-1" }, headers: { "x-trace": "abc" } });
    expect(listed.requests[1].query).toEqual({ since: "1" });
    expect(listed.requests[2].body).toBe("plain");
    await fetch(`${h.origin}/_control/hooks/zap-1`, { method: "DELETE" });
    expect(((await (await fetch(`${h.origin}/_control/hooks/zap-1`)).json()) as { requests: unknown[] }).requests).toEqual([]);
  });

  it("answers like a Teams incoming webhook ('1') and with a configured failure status", async () => {
    const teams = await fetch(`${h.origin}/hooks/teams-finance`, { method: "POST", body: JSON.stringify({ text: "Paid" }) });
    expect(await teams.text()).toBe("1");
    await fetch(`${h.origin}/_control/hooks/make-1`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: 503 }) });
    const failed = await fetch(`${h.origin}/hooks/make-1`, { method: "POST", body: "{}" });
    expect(failed.status).toBe(503);
  });
});
