import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, actionBodyRefusal } from "./action-body-limit";

const headers = (h: Record<string, string>) => new Headers(h);

describe("actionBodyRefusal", () => {
  it("refuses a page POST over the limit with 413 and names the limit", () => {
    const r = actionBodyRefusal("POST", headers({ "content-length": String(2 * 1024 * 1024) }));
    expect(r?.status).toBe(413);
    expect(r?.message).toContain(String(ACTION_BODY_LIMIT_BYTES));
  });

  it("lets a body of exactly the limit, and GETs, through", () => {
    expect(actionBodyRefusal("POST", headers({ "content-length": String(ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
    expect(actionBodyRefusal("GET", headers({ "content-length": String(10 * ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
    expect(actionBodyRefusal("POST", headers({}))).toBeNull();
  });

  it("refuses a chunked POST (no length to check) and a malformed length with 411", () => {
    expect(actionBodyRefusal("POST", headers({ "transfer-encoding": "chunked" }))?.status).toBe(411);
    expect(actionBodyRefusal("POST", headers({ "content-length": "-1" }))?.status).toBe(411);
    expect(actionBodyRefusal("PUT", headers({ "content-length": "1e9" }))?.status).toBe(411);
  });
});
