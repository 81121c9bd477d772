import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { endpointHeadersSchema, headerNameRefusal } from "./headers";
import { DEFAULT_RETRY_SCHEDULE_SECONDS, MAX_RETRY_AFTER_SECONDS, nextDelaySeconds, parseRetryAfter, retrySchedule } from "./retry-policy";
import { endpointSecretSchema, generateSecret } from "./secrets";
import { signMessage } from "./sign";

describe("retry schedule", () => {
  it("is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h by default, and the setting replaces it", () => {
    expect(retrySchedule({})).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(retrySchedule({ HUB_OUTBOUND_RETRY_SCHEDULE: "0, 0.5,2" })).toEqual([0, 0.5, 2]);
    expect(() => retrySchedule({ HUB_OUTBOUND_RETRY_SCHEDULE: "0,-1" })).toThrow(/non-negative/);
  });

  it("spreads each delay by ±10 % and stops when the schedule is spent", () => {
    const schedule = [...DEFAULT_RETRY_SCHEDULE_SECONDS];
    expect(nextDelaySeconds(1, { schedule, random: 0 })).toBeCloseTo(4.5);
    expect(nextDelaySeconds(1, { schedule, random: 0.999999 })).toBeCloseTo(5.5);
    expect(nextDelaySeconds(4, { schedule, random: 0.5 })).toBeCloseTo(7200);
    expect(nextDelaySeconds(8, { schedule, random: 0.5 })).toBeNull();
  });

  it("honours a longer Retry-After up to its bound, never a shorter one", () => {
    const schedule = [...DEFAULT_RETRY_SCHEDULE_SECONDS];
    expect(nextDelaySeconds(1, { schedule, random: 0.5, retryAfterSeconds: 120 })).toBe(120);
    expect(nextDelaySeconds(2, { schedule, random: 0.5, retryAfterSeconds: 1 })).toBeCloseTo(300);
    expect(nextDelaySeconds(1, { schedule, random: 0.5, retryAfterSeconds: 10 ** 9 })).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(parseRetryAfter("30")).toBe(30);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 1)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(60);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("secrets and signing", () => {
  it("generates whsec_ secrets of 32 bytes and accepts supplied ones of 24–64 bytes only", () => {
    const s = generateSecret();
    expect(s).toMatch(/^whsec_/);
    expect(Buffer.from(s.slice(6), "base64")).toHaveLength(32);
    expect(endpointSecretSchema.safeParse(s).success).toBe(true);
    expect(endpointSecretSchema.safeParse(`whsec_${Buffer.alloc(24, 1).toString("base64")}`).success).toBe(true);
    expect(endpointSecretSchema.safeParse(`whsec_${Buffer.alloc(64, 1).toString("base64")}`).success).toBe(true);
    expect(endpointSecretSchema.safeParse(`whsec_${Buffer.alloc(23, 1).toString("base64")}`).success).toBe(false);
    expect(endpointSecretSchema.safeParse(`whsec_${Buffer.alloc(65, 1).toString("base64")}`).success).toBe(false);
    expect(endpointSecretSchema.safeParse(Buffer.alloc(32, 1).toString("base64")).success).toBe(false);
    expect(endpointSecretSchema.safeParse("whsec_not*base64").success).toBe(false);
  });

  it("signs once per secret; the standardwebhooks verifier accepts the body with either secret and refuses a changed body", () => {
    const [a, b] = [generateSecret(), generateSecret()];
    const body = JSON.stringify({ type: "customer.created", timestamp: new Date().toISOString(), data: { customerId: "c1", name: "Ünïcode" } });
    const headers = signMessage("msg_1", body, [a, b]);
    expect(headers["webhook-signature"].split(" ").map((s) => s.slice(0, 3))).toEqual(["v1,", "v1,"]);
    expect(new Webhook(a).verify(body, { ...headers })).toMatchObject({ type: "customer.created" });
    expect(new Webhook(b).verify(body, { ...headers })).toMatchObject({ type: "customer.created" });
    expect(() => new Webhook(a).verify(body.replace("c1", "c2"), { ...headers })).toThrow();
    expect(() => signMessage("msg_1", body, [])).toThrow();
  });
});

describe("custom headers", () => {
  it("refuses hop-by-hop, signature and credential-naming names", () => {
    for (const name of ["Host", "content-length", "Transfer-Encoding", "Connection", "webhook-signature", "Webhook-Id", "Authorization", "X-Api-Key", "X-Auth-Token", "Cookie", "X Bad"]) {
      expect(headerNameRefusal(name), name).not.toBeNull();
    }
    expect(headerNameRefusal("X-Tenant")).toBeNull();
    const parsed = endpointHeadersSchema.safeParse({ "X-Tenant": "acme", Authorization: "Bearer x" });
    expect(parsed.success).toBe(false);
    // A refused record key carries its reason one level down (the API's error map reads it there).
    expect((parsed.error!.issues[0] as unknown as { issues: { message: string }[] }).issues[0]!.message).toMatch(/Authorization/);
    expect(endpointHeadersSchema.safeParse({ "X-A": "a", "x-a": "b" }).success).toBe(false);
    expect(endpointHeadersSchema.safeParse({ "X-A": "line\nbreak" }).success).toBe(false);
  });
});
