// Property-based fuzzing (fast-check) of every webhook receiver: random bodies (text, binary,
// JSON, forms, up to past the 1 MiB cap), random signature headers and content types, on the
// provider URL and on token URLs. No answer is a 5xx, and nothing unverified is ever stored.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundEvents } from "@/drizzle/schema";
import { POST as receive } from "@/app/api/webhooks/[provider]/route";
import { POST as receiveOnToken } from "@/app/api/webhooks/[provider]/[token]/route";
import { jobContext } from "@/lib/auth/access";
import type { Db } from "@/lib/db/client";
import { insertConnections } from "@/lib/db/queries/connections";
import { routeContext, useTestApiRuntime } from "@/lib/testing/api";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { XERO_TENANTS } from "@/sandbox/providers/xero/seed";
import { QBO_REALMS } from "@/sandbox/providers/quickbooks/seed";
import { TEAM } from "@/sandbox/providers/slack/data";
import { webhookSettings } from "./queries";

const SEED = 20261130;
const RUNS = 300;
const PROVIDERS = ["stripe", "xero", "quickbooks", "slack", "paypal", "hubspot", "zapier", "make", "n8n"];
const SIGNATURE_HEADERS = [
  "stripe-signature", "x-xero-signature", "intuit-signature", "x-slack-signature", "x-slack-request-timestamp",
  "x-hubspot-signature-v3", "x-hubspot-request-timestamp", "webhook-id", "webhook-timestamp", "webhook-signature",
  "paypal-transmission-id", "paypal-transmission-time", "paypal-transmission-sig", "paypal-cert-url", "paypal-auth-algo",
];

let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let sandbox: RunningSandbox;
let zapierToken: string;

beforeAll(async () => {
  delete process.env.HUB_PROVIDERS;
  sandbox = await startSandbox({ port: 0, stripePort: 0, smtpPort: 0 });
  process.env.SANDBOX_URL = sandbox.origin;
  process.env.SANDBOX_STRIPE_URL = sandbox.stripeOrigin;
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  const org = (await createTenant(db, "Fuzzed Ltd")).organisationId;
  const ctx = jobContext(org, "test");
  const rows = await insertConnections(db, ctx, [
    { provider: "stripe", authMode: "api_key", status: "connected", externalAccountId: "acct_fuzz" },
    { provider: "xero", authMode: "oauth2", status: "connected", externalAccountId: XERO_TENANTS[0].tenantId },
    { provider: "quickbooks", authMode: "oauth2", status: "connected", externalAccountId: QBO_REALMS[0].realmId },
    { provider: "slack", authMode: "oauth2", status: "connected", externalAccountId: TEAM.id },
    { provider: "paypal", authMode: "api_key", status: "connected", externalAccountId: "fuzz-app" },
    { provider: "hubspot", authMode: "oauth2", status: "connected", externalAccountId: "123" },
    { provider: "zapier", authMode: "webhook_url", status: "connected", externalAccountId: null },
  ]);
  const zapier = rows.find((r) => r.provider === "zapier")!;
  zapierToken = (await webhookSettings(db, ctx, zapier.id, "http://hub.test")).tokenUrl.split("/").pop()!;
}, 60_000);

afterAll(async () => {
  restore();
  await close();
  await sandbox?.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    "", "{}", "[]", "null", "\u0000", "{\"type\":\"url_verification\",\"challenge\":\"x\"}", "{\"events\":[]}",
    `{"events":[{"tenantId":"${XERO_TENANTS[0].tenantId}","resourceId":"r","eventCategory":"INVOICE","eventType":"UPDATE"}]}`,
    `{"eventNotifications":[{"realmId":"${QBO_REALMS[0].realmId}"}]}`, `[{"portalId":123,"eventId":1}]`,
    `{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{}}}`, `team_id=${TEAM.id}&command=%2Fhub`, "payload=%7B%7D",
  ),
);
const body = fc.oneof(
  { weight: 8, arbitrary: text },
  { weight: 1, arbitrary: fc.integer({ min: 1024 * 1024 - 10, max: 1024 * 1024 + 1000 }).map((n) => "x".repeat(n)) },
);
const headers = fc.record({
  signatures: fc.dictionary(fc.constantFrom(...SIGNATURE_HEADERS), fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom("t=1,v1=00", "v0=abc", String(Math.floor(Date.now() / 1000)), String(Date.now()), "SHA256withRSA", "v1,AAAA"))),
  contentType: fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain", "application/json; charset=utf-8", undefined),
});
const target = fc.record({
  provider: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PROVIDERS) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }),
  token: fc.option(fc.oneof(fc.constant("__zapier__"), fc.string({ maxLength: 60 })), { nil: undefined }),
});

describe("fuzzing the webhook receivers", () => {
  it("never answers 5xx and never stores an unverified delivery", async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(target, body, headers, async ({ provider, token }, raw, { signatures, contentType }) => {
        const h = new Headers();
        for (const [k, v] of Object.entries(signatures)) {
          try {
            h.set(k, v);
          } catch {
            // A value Headers itself refuses cannot reach the server either.
          }
        }
        if (contentType) h.set("content-type", contentType);
        const t = token === "__zapier__" ? zapierToken : token;
        const url = `http://hub.test/api/webhooks/${encodeURIComponent(provider)}${t === undefined ? "" : `/${encodeURIComponent(t)}`}`;
        const req = new Request(url, { method: "POST", headers: h, body: raw });
        const res = t === undefined
          ? await receive(req, routeContext({ provider }))
          : await receiveOnToken(req, routeContext({ provider, token: t }));
        statuses.add(res.status);
        expect(res.status, `${url} ${raw.slice(0, 100)}`).toBeLessThan(500);
        if (res.status >= 400 && provider !== "xero") expect(res.headers.get("content-type")).toBe("application/problem+json");
      }),
      { seed: SEED, numRuns: RUNS },
    );
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(inboundEvents)) as [{ n: number }];
    expect(n).toBe(0);
    // The runs reached the refusals that matter, not only one of them.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([401, 404, 413]));
  }, 300_000);
});
