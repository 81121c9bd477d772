import fs from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newSession, signInAsDemoAdmin } from "./helpers/auth";
import { SANDBOX_ORIGIN, revokeAllSandboxTokens } from "./helpers/sandbox";

// Issue 9 (items 3 and 6, integration side) in a real browser against the sandbox: health that
// reflects a revoked token on the connection page and the marketplace card, a single message
// after connecting or denying, and a real 404 page for an unknown provider. The steps share the
// demo organisation's QuickBooks connection, so they run in order.

const SHOTS = "test-results/screens";
fs.mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

test.describe.serial("integration health", () => {
  let context: BrowserContext;
  let admin: Page;
  let connectionUrl = "";

  const status = (page: Page) => page.locator("h1 + [data-status]");
  const healthCard = (page: Page) => page.getByTestId("health-card");
  const toasts = (page: Page) => page.locator("[data-sonner-toast]");

  async function clearConnections() {
    const listed = await admin.request.get("/api/connections?limit=100");
    const body = (await listed.json()) as { connections?: { id: string; provider: string }[]; data?: { id: string; provider: string }[] };
    for (const c of (body.connections ?? body.data ?? []).filter((c) => c.provider === "quickbooks" || c.provider === "hubspot")) {
      await admin.request.delete(`/api/connections/${c.id}`);
    }
  }

  test.beforeAll(async ({ browser }) => {
    ({ context, page: admin } = await newSession(browser));
    await signInAsDemoAdmin(admin);
    await clearConnections();
  });

  test.afterAll(async () => {
    // Leave the demo organisation as the other specs expect it.
    if (admin) await clearConnections();
    await context?.close();
  });

  async function connectQuickBooks(button: string) {
    await admin.getByRole("button", { name: button }).click();
    await admin.waitForURL((url) => url.origin === SANDBOX_ORIGIN);
    await admin.getByRole("button", { name: "Allow" }).click();
    await admin.waitForURL(/\/integrations\/quickbooks\/[0-9a-f-]{36}/);
  }

  test("right after connecting, the health card shows the check connecting did, and one toast", async () => {
    await admin.goto("/integrations/quickbooks");
    await connectQuickBooks("Connect QuickBooks Online");
    connectionUrl = new URL(admin.url()).pathname;
    await expect(status(admin)).toHaveText("Connected");
    await expect(healthCard(admin)).toContainText("Working");
    await expect(healthCard(admin)).not.toContainText("Never checked");
    await expect(toasts(admin).filter({ hasText: "QuickBooks Online is connected." })).toHaveCount(1);
    // Scopes read as what they allow, with the raw id beside.
    await expect(admin.getByRole("list", { name: "Scopes" })).toContainText("Read and write the company's accounting data");
    await shot(admin, "health-connected");
  });

  test("after the provider revoked the token, Test connection says reconnect and the badges follow", async () => {
    await revokeAllSandboxTokens(admin.request, "quickbooks");
    await admin.goto(connectionUrl);
    await admin.getByRole("button", { name: "Test connection" }).click();
    await expect(toasts(admin).filter({ hasText: /Reconnect it to continue/ })).toBeVisible();
    // The page refreshes with the result: the badge, the banner and the health card.
    await expect(status(admin)).toHaveText("Needs reconnect");
    await expect(admin.getByText("QuickBooks Online no longer accepts the hub's access")).toBeVisible();
    await expect(healthCard(admin)).toContainText("Failed");
    await expect(admin.getByRole("button", { name: "Reconnect QuickBooks Online" })).toBeVisible();
    await shot(admin, "health-needs-reconnect");

    await admin.goto("/integrations");
    const card = admin.getByRole("region", { name: /^Connected/ }).getByRole("listitem").filter({ has: admin.getByRole("link", { name: "QuickBooks Online", exact: true }) });
    await expect(card.locator("[data-status]")).toHaveText("Needs reconnect");
    await expect(card.getByText("Connected", { exact: true })).toHaveCount(0);
    await shot(admin, "health-marketplace-needs-reconnect");
  });

  test("reconnecting resets health to the new connection's check", async () => {
    await admin.goto(connectionUrl);
    await connectQuickBooks("Reconnect QuickBooks Online");
    expect(new URL(admin.url()).pathname).toBe(connectionUrl);
    await expect(status(admin)).toHaveText("Connected");
    await expect(healthCard(admin)).toContainText("Working");
    await expect(healthCard(admin)).toContainText("None");
    await shot(admin, "health-reconnected");
  });

  test("denying consent shows one message, not a banner and a toast", async () => {
    await admin.goto("/integrations/hubspot");
    await admin.getByRole("button", { name: "Connect HubSpot" }).click();
    await admin.waitForURL((url) => url.origin === SANDBOX_ORIGIN);
    await admin.getByRole("button", { name: "Deny" }).click();
    await admin.waitForURL(/\/integrations\/hubspot/);
    await expect(admin.getByText(/declined access at HubSpot/)).toHaveCount(1);
    await expect(toasts(admin)).toHaveCount(0);
  });

  test("an unknown provider gets a real 404 page with a way back to the marketplace", async () => {
    const res = await admin.goto("/integrations/no-such-provider");
    expect(res?.status()).toBe(404);
    await expect(admin.getByRole("heading", { name: "This integration was not found" })).toBeVisible();
    await shot(admin, "integration-not-found");
    await admin.getByRole("link", { name: "Back to the marketplace" }).click();
    await expect(admin).toHaveURL(/\/integrations$/);
    await expect(admin.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
  });
});
