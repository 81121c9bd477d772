import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESPONSE_BODY_LIMIT, sendMessage } from "./send";
import { startReceiver, type Answer } from "./testing/receiver";

// The HTTP leg of a delivery against real local receivers: the outbound guard at connect time,
// no redirects, a capped response body, a bounded wait.
describe("sending one message", () => {
  let hook: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    hook = await startReceiver((n): Answer => {
      if (n === 1) return { status: 302, headers: { location: "http://127.0.0.1:1/elsewhere" } };
      if (n === 2) return { status: 200, body: "x".repeat(RESPONSE_BODY_LIMIT * 3) };
      if (n === 3) return { status: 503, headers: { "retry-after": "120" } };
      return "hang";
    });
  });
  afterAll(() => hook.close());

  it("refuses loopback (by address and by a name resolving to it) without the setting: nothing is sent", async () => {
    const port = new URL(hook.url).port;
    for (const url of [hook.url, `http://localhost:${port}/hook`]) {
      const r = await sendMessage(url, "{}", {}, { policy: { allowPrivate: false } });
      expect(r.statusCode).toBeNull();
      expect(r.error).toMatch(/loopback/);
    }
    expect(hook.received).toHaveLength(0);
  });

  it("does not follow a redirect, keeps 20 KB of an answer, reads Retry-After, and gives up on a hanging receiver", async () => {
    const policy = { allowPrivate: true };
    const redirected = await sendMessage(hook.url, "{}", {}, { policy });
    expect(redirected).toMatchObject({ statusCode: 302, error: "HTTP 302" });
    const big = await sendMessage(hook.url, "{}", {}, { policy });
    expect(big.statusCode).toBe(200);
    expect(big.responseBody).toHaveLength(RESPONSE_BODY_LIMIT);
    expect(big.error).toBeNull();
    const busy = await sendMessage(hook.url, "{}", {}, { policy });
    expect(busy).toMatchObject({ statusCode: 503, retryAfterSeconds: 120 });
    const hung = await sendMessage(hook.url, "{}", {}, { policy, timeoutMs: 300 });
    expect(hung.statusCode).toBeNull();
    expect(hung.error).toMatch(/No answer within/);
    expect(hook.received).toHaveLength(4);
  });
});
