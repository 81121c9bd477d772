// Every offline signature scheme: a delivery signed the provider's way (with the provider's own
// tool where one exists: Stripe's generateTestHeaderString, the standardwebhooks package's sign)
// is accepted; a flipped byte, a wrong secret and a stale timestamp are refused.
import { createHmac } from "node:crypto";
import Stripe from "stripe";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { verifiers, type VerifyInput } from ".";
import { safeEqual } from "./compare";

// The real clock: standardwebhooks reads it itself when it checks the timestamp.
const NOW = Date.now();
const BODY = JSON.stringify({ id: "evt_1", type: "payment_intent.succeeded", data: { object: { amount: 1000 } } });
const URL_ = "https://hub.example/api/webhooks/hubspot?x=1";
const flip = (s: string) => s.slice(0, 10) + String.fromCharCode(s.charCodeAt(10) ^ 1) + s.slice(11);
const b64 = (key: string, data: string) => createHmac("sha256", key).update(data).digest("base64");
const hex = (key: string, data: string) => createHmac("sha256", key).update(data).digest("hex");

type Case = {
  scheme: keyof typeof verifiers;
  secret: string;
  /** Headers for a delivery of `body` signed with `secret` at `at` (epoch ms). */
  sign(body: string, secret: string, at: number): Record<string, string>;
  timestamped: boolean;
};

const stripe = new Stripe("sk_test_unused");
const standardSecret = `whsec_${Buffer.from("a standard webhooks secret 32byt").toString("base64")}`;

const cases: Case[] = [
  {
    scheme: "stripe-signature", secret: "whsec_test_secret", timestamped: true,
    sign: (payload, secret, at) => ({ "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(at / 1000) }) }),
  },
  { scheme: "xero-signature", secret: "xero-key", timestamped: false, sign: (body, key) => ({ "x-xero-signature": b64(key, body) }) },
  { scheme: "intuit-signature", secret: "qbo-verifier", timestamped: false, sign: (body, key) => ({ "intuit-signature": b64(key, body) }) },
  {
    scheme: "slack-signature", secret: "slack-signing", timestamped: true,
    sign: (body, key, at) => {
      const ts = String(Math.floor(at / 1000));
      return { "x-slack-request-timestamp": ts, "x-slack-signature": `v0=${hex(key, `v0:${ts}:${body}`)}` };
    },
  },
  {
    scheme: "hubspot-v3", secret: "hubspot-client-secret", timestamped: true,
    sign: (body, key, at) => ({ "x-hubspot-request-timestamp": String(at), "x-hubspot-signature-v3": b64(key, `POST${URL_}${body}${at}`) }),
  },
  {
    scheme: "standard-webhooks", secret: standardSecret, timestamped: true,
    sign: (body, key, at) => {
      const sig = new Webhook(key).sign("msg_1", new Date(at), body);
      return { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(at / 1000)), "webhook-signature": sig };
    },
  },
];

const input = (c: Case, body: string, headers: Record<string, string>, secret = c.secret, now = NOW): VerifyInput =>
  ({ raw: body, headers: new Headers(headers), secret, url: URL_, method: "POST", now });

describe.each(cases)("$scheme", (c) => {
  const verify = verifiers[c.scheme]!;

  it("accepts a delivery signed the provider's way", () => {
    expect(verify(input(c, BODY, c.sign(BODY, c.secret, NOW)))).toEqual({ ok: true });
  });

  it("refuses a flipped byte in the body", () => {
    expect(verify(input(c, flip(BODY), c.sign(BODY, c.secret, NOW)))).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a delivery signed with another secret", () => {
    const other = c.scheme === "standard-webhooks" ? `whsec_${Buffer.from("another secret, also 32 bytes ok").toString("base64")}` : `${c.secret}-other`;
    expect(verify(input(c, BODY, c.sign(BODY, other, NOW)))).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a delivery without its signature headers", () => {
    expect(verify(input(c, BODY, {}))).toEqual({ ok: false, reason: "missing_signature" });
  });

});

describe.each(cases.filter((c) => c.timestamped))("$scheme timestamp window", (c) => {
  const verify = verifiers[c.scheme]!;

  it("refuses a timestamp more than 5 minutes old, and takes one 4 minutes old", () => {
    expect(verify(input(c, BODY, c.sign(BODY, c.secret, NOW - 6 * 60_000)))).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(verify(input(c, BODY, c.sign(BODY, c.secret, NOW - 4 * 60_000)))).toEqual({ ok: true });
  });
});

describe("stripe-signature with several v1 values (a secret being rolled)", () => {
  it("accepts when any v1 value matches", () => {
    const ts = Math.floor(NOW / 1000);
    const good = hex("whsec_new", `${ts}.${BODY}`);
    const header = `t=${ts},v1=${hex("whsec_old", `${ts}.${BODY}`)},v1=${good}`;
    expect(verifiers["stripe-signature"]!(input(cases[0]!, BODY, { "stripe-signature": header }, "whsec_new"))).toEqual({ ok: true });
  });
});

describe("safeEqual", () => {
  it("compares content and length", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });
});
