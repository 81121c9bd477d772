// Secrets in plaintext columns (issue 8.8): connection `settings` refuse secret-looking keys and
// values; `last_error` is redacted at the write boundary, whatever message a caller passes.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connections } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { incrementRefreshFailures, insertConnections, updateConnection } from "@/lib/db/queries/connections";
import { createTestDb } from "@/lib/testing/db";
import { jobContext, type AccessContext } from "@/lib/auth/access";
import { createTenant } from "@/lib/testing/tenants";
import { connectionSettingsSchema, safeLastError } from "./plaintext-columns";

let db: Db;
let close: () => Promise<void>;
let id: string;
let ctx: AccessContext;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  const t = await createTenant(db);
  ctx = jobContext(t.organisationId, "test");
  id = (await insertConnections(db, ctx, [{ provider: "slack", authMode: "oauth2", status: "connected" }]))[0]!.id;
});
afterAll(async () => close());

const LEAKY = 'token endpoint said {"access_token":"AT-abc","refresh_token":"RT-def"} for https://p.test/cb?code=C0DE&client_secret=CS1 sk_live_51Abcdefghijkl';

describe("plaintext connection columns", () => {
  it("redacts whatever a caller writes as last_error (update and refresh-failure paths)", async () => {
    await updateConnection(db, ctx, id, { lastError: LEAKY });
    let [row] = await db.select().from(connections).where(eq(connections.id, id));
    expect(row!.lastError).not.toMatch(/AT-abc|RT-def|C0DE|CS1|sk_live_51/);
    expect(row!.lastError).toContain("token endpoint said");

    await incrementRefreshFailures(db, ctx, id, LEAKY);
    [row] = await db.select().from(connections).where(eq(connections.id, id));
    expect(row!.lastError).not.toMatch(/AT-abc|RT-def|C0DE|CS1|sk_live_51/);
  });

  it.each([{ apiKey: "abc" }, { password: "x" }, { nested: { client_secret: "x" } }, { webhookSecret: "x" }, { channel: "xoxb-1234-5678-abcdefgh" }, { note: "hub_sk_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90" }])(
    "refuses settings %j",
    async (settings) => {
      await expect(updateConnection(db, ctx, id, { settings })).rejects.toThrow();
      expect(connectionSettingsSchema.safeParse(settings).success).toBe(false);
    },
  );

  it("stores ordinary preferences", async () => {
    const row = await updateConnection(db, ctx, id, { settings: { channel: "#billing", notify: true, accounts: ["200", "400"] } });
    expect(row.settings).toEqual({ channel: "#billing", notify: true, accounts: ["200", "400"] });
  });

  it("keeps null as null", () => {
    expect(safeLastError(null)).toBeNull();
  });
});
