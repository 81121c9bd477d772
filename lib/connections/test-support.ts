// Shared setup of the connection manager's integration tests: a fresh database with two
// organisations, an in-process sandbox on free ports, and a scripted "browser" for consent pages.
import { organisations } from "@/drizzle/schema";
import { userContext, type AccessContext } from "@/lib/auth/access";
import type { Db } from "@/lib/db/client";
import { findProviderConnection, listConnectionRows } from "@/lib/db/queries/connections";
import { createTestDb } from "@/lib/testing/db";
import { addMember } from "@/lib/testing/tenants";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";

export type World = {
  db: Db;
  url?: string;
  sandbox: RunningSandbox;
  /** Owner of organisation A (a user access context). */
  owner: AccessContext & { userId: string };
  /** A member (not admin) of organisation A. */
  member: AccessContext & { userId: string };
  /** Owner of organisation B. */
  other: AccessContext & { userId: string };
  close(): Promise<void>;
};

const asUser = (t: Parameters<typeof userContext>[0]) => ({ ...userContext(t), userId: t.userId });

export async function createWorld(): Promise<World> {
  const sandbox = await startSandbox({ port: 0, stripePort: 0, smtpPort: 0 });
  // The hub resolves sandbox URLs at call time from these, so the in-process sandbox is used.
  process.env.SANDBOX_URL = sandbox.origin;
  process.env.SANDBOX_STRIPE_URL = sandbox.stripeOrigin;
  // The outbound guard admits the sandbox's SMTP port besides the standard SMTP ports.
  process.env.SANDBOX_SMTP_PORT = String(sandbox.ports.smtp);
  delete process.env.HUB_PROVIDERS;
  delete process.env.HUB_PROVIDER_URLS;
  const test = await createTestDb();
  const [a, b] = await test.db.insert(organisations).values([{ name: "Org A" }, { name: "Org B" }]).returning();
  const tag = crypto.randomUUID().slice(0, 8);
  return {
    db: test.db,
    url: test.url,
    sandbox,
    owner: asUser(await addMember(test.db, a!.id, "owner", `owner-${tag}@a.test`)),
    member: asUser(await addMember(test.db, a!.id, "member", `member-${tag}@a.test`)),
    other: asUser(await addMember(test.db, b!.id, "owner", `owner-${tag}@b.test`)),
    async close() {
      await test.close();
      await sandbox.close();
    },
  };
}

/**
 * What a person does on the sandbox's consent page: the form re-posts the authorize query with
 * their decision; the answer is the redirect back to the hub. Returns the callback's query.
 */
export async function consent(redirectUrl: string, decision: "allow" | "deny", account?: string): Promise<Record<string, string>> {
  const url = new URL(redirectUrl);
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${await page.text()}`);
  await page.text();
  const form = new URLSearchParams(url.searchParams);
  form.set("decision", decision);
  if (account) form.set("account", account);
  const res = await fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
    redirect: "manual",
  });
  const location = res.headers.get("location");
  if (res.status !== 302 || !location) throw new Error(`consent answered ${res.status}: ${await res.text()}`);
  return Object.fromEntries(new URL(location).searchParams);
}

/** Tokens the sandbox issued for a provider (its control API). */
export async function sandboxTokens(sandbox: RunningSandbox, provider: string) {
  const res = await fetch(`${sandbox.origin}/_control/tokens?provider=${provider}`);
  const body = (await res.json()) as { tokens: { token: string; kind: "access" | "refresh"; revoked: boolean; expired: boolean }[] };
  return body.tokens;
}

export async function sandboxFaults(sandbox: RunningSandbox, body: Record<string, unknown>) {
  const res = await fetch(`${sandbox.origin}/_control/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`faults answered ${res.status}: ${await res.text()}`);
}

export const REDIRECT_URI = "http://localhost:3000/api/integrations/PROVIDER/oauth/callback";
export const redirectUri = (provider: string) => REDIRECT_URI.replace("PROVIDER", provider);

/** The ids of an organisation's live connections to a provider, default first. */
export async function connectionIds(db: Db, ctx: AccessContext, provider: string): Promise<string[]> {
  return (await listConnectionRows(db, ctx, { provider })).filter((r) => r.status !== "pending").map((r) => r.id);
}

/** The provider's default connection row (what provider-level routes act on). */
export async function defaultRow(db: Db, ctx: AccessContext, provider: string) {
  return findProviderConnection(db, ctx, provider);
}
