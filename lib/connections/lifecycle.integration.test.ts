import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/auth/tenant";
import { listAuditEntries } from "@/lib/audit";
import { generateKey, keyVersionOf } from "@/lib/crypto";
import { sandboxApps } from "@/sandbox/config";
import { getIntegrationStatus, listCatalog } from "./catalog";
import { connectWithFields } from "./connect-fields";
import { disconnect } from "./disconnect";
import { IntegrationError } from "./errors";
import { testConnection, runHealthChecks } from "./health";
import { completeAuthorization, startAuthorization } from "./oauth-flow";
import { chooseAccounts, pendingAccounts } from "./pending";
import { getAccessToken, getCredentials } from "./refresh";
import { rotateKeys } from "./rotate-keys";
import { consent, createWorld, defaultRow, redirectUri, sandboxTokens, type World } from "./test-support";

let w: World;
const v1 = generateKey(1);
const v2 = generateKey(2);

beforeAll(async () => {
  // Start under a one-key ring, as a deployment before its first rotation.
  process.env.HUB_ENCRYPTION_KEYS = v1;
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

const smtpFields = (password: string) => ({
  host: "127.0.0.1", port: String(w.sandbox.ports.smtp), username: sandboxApps.smtp.username, password, fromAddress: "billing@a.test",
});

async function connectXero() {
  const { redirectUrl } = await startAuthorization(w.db, w.owner, "xero", { redirectUri: redirectUri("xero") });
  await completeAuthorization(w.db, w.owner, "xero", await consent(redirectUrl, "allow"));
  await chooseAccounts(w.db, w.owner, "xero", [(await pendingAccounts(w.db, w.owner, "xero"))[0].id]);
}

const findConnection = (_db: unknown, ctx: World["owner"], provider: string) => defaultRow(w.db, ctx, provider);
/** The id of organisation A's default connection to `provider`. */
const idOf = async (provider: string) => (await defaultRow(w.db, w.owner, provider))!.id;

describe("API key, basic and webhook URL connections", () => {
  it("refuses a wrong Stripe key with Stripe's own reason, and saves nothing", async () => {
    const err = await connectWithFields(w.db, w.owner, "stripe", { secretKey: "sk_test_wrongwrongwrong1234" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as IntegrationError).code).toBe("INVALID_CREDENTIALS");
    expect((err as IntegrationError).providerMessage).toMatch(/^Invalid API Key provided: sk_test_\*+1234$/);
    expect(await findConnection(w.db, w.owner, "stripe")).toBeUndefined();
  });

  it("refuses a key that does not match the manifest's pattern before calling Stripe", async () => {
    await expect(connectWithFields(w.db, w.owner, "stripe", { secretKey: "hello" })).rejects.toThrow(/expected format/);
    await expect(connectWithFields(w.db, w.owner, "stripe", { secretKey: sandboxApps.stripe.secretKey, extra: "x" })).rejects.toThrow();
  });

  it("connects Stripe with the right key and passes the health check", async () => {
    const view = await connectWithFields(w.db, w.owner, "stripe", { secretKey: sandboxApps.stripe.secretKey });
    expect(view.status).toBe("connected");
    expect(view.fields).toEqual({});
    expect(JSON.stringify(view)).not.toContain(sandboxApps.stripe.secretKey);
    expect((await testConnection(w.db, w.owner, await idOf("stripe"))).ok).toBe(true);
  });

  it("verifies SMTP logins live: a wrong password is refused with the server's answer", async () => {
    const err = (await connectWithFields(w.db, w.owner, "email", smtpFields("wrong")).catch((e: unknown) => e)) as IntegrationError;
    expect(err.code).toBe("INVALID_CREDENTIALS");
    expect(err.providerMessage).toMatch(/Invalid username or password/);
    const view = await connectWithFields(w.db, w.owner, "email", smtpFields(sandboxApps.smtp.password));
    expect(view.fields).toMatchObject({ host: "127.0.0.1", username: "hub", fromAddress: "billing@a.test" });
    expect(view.fields.password).toBeUndefined();
  });

  it("pings a catch hook before saving it; a failing hook is refused", async () => {
    const hook = `${w.sandbox.origin}/hooks/zap-${Date.now()}`;
    await connectWithFields(w.db, w.owner, "zapier", { webhookUrl: hook });
    const got = (await (await fetch(`${w.sandbox.origin}/_control/hooks/${hook.split("/").pop()}`)).json()) as { requests: { json: { type: string } }[] };
    expect(got.requests.map((r) => r.json.type)).toEqual(["hub.test"]);

    const bad = `${w.sandbox.origin}/hooks/teams-broken`;
    await fetch(`${w.sandbox.origin}/_control/hooks/teams-broken`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: 410 }) });
    const err = (await connectWithFields(w.db, w.owner, "microsoft-teams", { webhookUrl: bad }).catch((e: unknown) => e)) as IntegrationError;
    expect(err.code).toBe("INVALID_CREDENTIALS");
    await expect(connectWithFields(w.db, w.owner, "make", { webhookUrl: "https://evil.example.com/hook" })).rejects.toThrow(/webhook address/);
  });

  it("verifies PayPal REST app credentials with a client-credentials token", async () => {
    const err = (await connectWithFields(w.db, w.owner, "paypal", { clientId: sandboxApps.paypal.clientId, clientSecret: "wrong-secret-123" }).catch((e: unknown) => e)) as IntegrationError;
    expect(err.code).toBe("INVALID_CREDENTIALS");
    expect(err.providerMessage).toBe("Client Authentication failed");
    const view = await connectWithFields(w.db, w.owner, "paypal", { clientId: sandboxApps.paypal.clientId, clientSecret: sandboxApps.paypal.clientSecret });
    expect(view.fields).toEqual({ clientId: sandboxApps.paypal.clientId });
    expect((await testConnection(w.db, w.owner, await idOf("paypal"))).ok).toBe(true);
  });

  it("a member cannot connect, test or disconnect", async () => {
    await expect(connectWithFields(w.db, w.member, "stripe", { secretKey: sandboxApps.stripe.secretKey })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(testConnection(w.db, w.member, await idOf("stripe"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(disconnect(w.db, w.member, await idOf("stripe"))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await findConnection(w.db, w.owner, "stripe"))!.status).toBe("connected");
  });
});

describe("key rotation", () => {
  it("v1 → (v2,v1) → rotate → drop v1 leaves every connection and pending state usable", async () => {
    await connectXero();
    // A flow started under v1 and finished after the rotation.
    const { redirectUrl } = await startAuthorization(w.db, w.owner, "hubspot", { redirectUri: redirectUri("hubspot") });
    const hubspotQuery = await consent(redirectUrl, "allow");

    process.env.HUB_ENCRYPTION_KEYS = `${v2},${v1}`;
    const report = await rotateKeys(w.db, { batchSize: 2 });
    expect(report.toVersion).toBe(2);
    expect(report.connectionsRotated).toBe(5); // stripe, email, zapier, paypal, xero
    expect(report.statesRotated).toBeGreaterThanOrEqual(1);
    const again = await rotateKeys(w.db, { batchSize: 2 });
    expect(again.connectionsRotated).toBe(0);

    process.env.HUB_ENCRYPTION_KEYS = v2;
    const envelopes = (await w.db.execute(sql`select credentials as c from connections where credentials is not null`)) as unknown;
    const list = (Array.isArray(envelopes) ? envelopes : (envelopes as { rows: { c: string }[] }).rows) as { c: string }[];
    expect(list.map((r) => keyVersionOf(r.c))).toEqual(list.map(() => 2));

    expect(await getAccessToken(w.db, w.owner, await idOf("xero"))).toMatch(/^xero_at_/);
    expect((await getCredentials(w.db, w.owner, await idOf("email"))).credentials).toMatchObject({ kind: "fields" });
    expect((await testConnection(w.db, w.owner, await idOf("stripe"))).ok).toBe(true);
    expect((await testConnection(w.db, w.owner, await idOf("email"))).ok).toBe(true);
    expect((await completeAuthorization(w.db, w.owner, "hubspot", hubspotQuery)).outcome).toBe("connected");
    const rotated = (await listAuditEntries(w.db, { organisationId: w.owner.organisationId })).filter((e) => e.action === "keys.rotated");
    expect(rotated).toEqual([]); // system-wide entries are not shown to organisations
  });

  it("the scheduled health check tests every connected connection", async () => {
    const result = await runHealthChecks(w.db);
    expect(result.checked).toBeGreaterThanOrEqual(5);
    expect(result.failed).toBe(0);
    expect((await findConnection(w.db, w.owner, "xero"))!.lastHealthOk).toBe(1);
  });
});

describe("what the API answers", () => {
  it("no catalog, status or test answer carries a secret", async () => {
    const secrets = [
      sandboxApps.stripe.secretKey, sandboxApps.smtp.password,
      ...(await sandboxTokens(w.sandbox, "xero")).map((t) => t.token),
      ...(await sandboxTokens(w.sandbox, "hubspot")).map((t) => t.token),
    ];
    const zapier = (await getCredentials(w.db, w.owner, await idOf("zapier"))).credentials;
    if (zapier.kind === "fields") secrets.push(zapier.fields.webhookUrl);
    const answers = [
      await listCatalog(w.db, w.owner),
      ...(await Promise.all(["stripe", "email", "zapier", "xero", "hubspot"].map((p) => getIntegrationStatus(w.db, w.owner, p)))),
      ...(await Promise.all(["stripe", "email", "xero"].map(async (p) => testConnection(w.db, w.owner, await idOf(p))))),
      await listAuditEntries(w.db, w.owner, { limit: 200 }),
    ];
    const text = JSON.stringify(answers);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).not.toContain("v2."); // no envelope either
  });
});

describe("disconnect", () => {
  it("revokes the token at the provider and erases the stored credentials", async () => {
    const before = (await sandboxTokens(w.sandbox, "xero")).filter((t) => !t.revoked && t.kind === "refresh");
    expect(before.length).toBeGreaterThan(0);
    const result = await disconnect(w.db, w.owner, await idOf("xero"));
    expect(result.revoked).toBe(true);
    const after = await sandboxTokens(w.sandbox, "xero");
    for (const t of before) expect(after.find((a) => a.token === t.token)!.revoked).toBe(true);
    const row = await findConnection(w.db, w.owner, "xero");
    expect(row!.status).toBe("disconnected");
    expect(row!.credentials).toBeNull();
    await expect(getAccessToken(w.db, w.owner, await idOf("xero"))).rejects.toMatchObject({ code: "NOT_CONNECTED" });
    const entry = (await listAuditEntries(w.db, w.owner, { provider: "xero" })).find((e) => e.action === "connection.disconnected");
    expect(entry?.details).toMatchObject({ revoked: true });
  });

  it("revokes HubSpot through its DELETE endpoint", async () => {
    const live = (await sandboxTokens(w.sandbox, "hubspot")).filter((t) => !t.revoked && t.kind === "refresh");
    expect(live).toHaveLength(1);
    expect((await disconnect(w.db, w.owner, await idOf("hubspot"))).revoked).toBe(true);
    expect((await sandboxTokens(w.sandbox, "hubspot")).find((t) => t.token === live[0].token)!.revoked).toBe(true);
  });
});
