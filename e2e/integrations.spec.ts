import fs from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { addMemberViaInvitation, newSession, newUser, signInAsDemoAdmin, signUp, signUpWithOrganisation } from "./helpers/auth";
import { SANDBOX_ORIGIN, SANDBOX_STRIPE_KEY, revokeAllSandboxTokens, sandboxTokens } from "./helpers/sandbox";

// Issue 4's acceptance, in a real browser against the sandbox. The steps share one database and
// one sandbox (playwright.config.ts starts both), so they run in order: deny, connect Xero,
// connect Stripe, disconnect Xero, then the member's and the other organisation's views.

// Screens for a person to look at after a run, beside Playwright's own results (gitignored).
const SHOTS = "test-results/screens";
fs.mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

test.describe.serial("integrations hub", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let xeroAccountName = "";

  test.beforeAll(async ({ browser }) => {
    ({ context: adminContext, page: admin } = await newSession(browser));
    await signInAsDemoAdmin(admin);
    // A re-run against the same database starts from "nothing connected" (404 when already so).
    for (const provider of ["xero", "stripe"]) await admin.request.delete(`/api/integrations/${provider}`);
  });

  test.afterAll(async () => {
    await adminContext?.close();
  });

  const status = (page: Page) => page.locator("h1 + [data-status]");

  /** Clicks Allow on the sandbox consent page; when Xero returns several organisations, picks the first. */
  async function allowAndChooseTenant(screenshot?: string) {
    await admin.getByRole("button", { name: "Allow" }).click();
    await admin.waitForURL(/\/integrations\/xero(\/choose-tenant)?(\?|$)/);

    if (admin.url().includes("/choose-tenant")) {
      // The demo Xero user has several organisations: pick the first one.
      if (screenshot) await shot(admin, screenshot);
      const first = admin.locator("label").filter({ has: admin.getByRole("radio") }).first();
      await first.getByRole("radio").check();
      xeroAccountName = (await first.innerText()).trim();
      await admin.getByRole("button", { name: "Use this organisation" }).click();
      await admin.waitForURL(/\/integrations\/xero(\?|$)/);
    }
  }

  test("the marketplace lists providers by category with search and a category filter", async () => {
    await admin.goto("/integrations");
    await expect(admin.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
    await expect(admin.getByRole("heading", { name: /^Accounting/, level: 2 })).toBeVisible();
    await expect(admin.getByRole("heading", { name: /^Payments/, level: 2 })).toBeVisible();
    await shot(admin, "marketplace");
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.screenshot({ path: `${SHOTS}/marketplace-mobile.png` });
    await admin.setViewportSize({ width: 1280, height: 720 });
    // A coming-soon provider shows its badge.
    const sage = admin.getByRole("listitem").filter({ has: admin.getByRole("link", { name: "Sage Accounting", exact: true }) });
    await expect(sage.getByText("Coming soon")).toBeVisible();

    await admin.getByLabel("Search integrations").fill("xero");
    await expect(admin.getByRole("link", { name: "Xero", exact: true })).toBeVisible();
    await expect(admin.getByRole("link", { name: "Stripe", exact: true })).toHaveCount(0);
    await expect(admin).toHaveURL(/\?q=xero/);

    await admin.getByLabel("Search integrations").fill("");
    await admin.getByLabel("Category").selectOption("payments");
    await expect(admin.getByRole("link", { name: "Stripe", exact: true })).toBeVisible();
    await expect(admin.getByRole("link", { name: "Xero", exact: true })).toHaveCount(0);
    await expect(admin).toHaveURL(/category=payments/);
    // An unknown provider is a real 404, not a 200 with an error page.
    const missing = await admin.request.get("/integrations/not-a-provider");
    expect(missing.status()).toBe(404);

    // The filter survives a reload because it lives in the URL.
    await admin.reload();
    await expect(admin.getByLabel("Category")).toHaveValue("payments");
    await expect(admin.getByRole("link", { name: "Xero", exact: true })).toHaveCount(0);
  });

  test("denying consent at Xero shows a clear message and connects nothing", async () => {
    await admin.goto("/integrations");
    await admin.getByRole("link", { name: "Xero", exact: true }).click();
    await expect(admin).toHaveURL(/\/integrations\/xero$/);
    await admin.getByRole("button", { name: "Connect Xero" }).click();
    await admin.waitForURL((url) => url.origin === SANDBOX_ORIGIN);
    await admin.getByRole("button", { name: "Deny" }).click();
    await admin.waitForURL(/\/integrations\/xero/);
    await expect(admin.getByRole("alert").filter({ hasText: "You declined access at Xero. Nothing was connected." }).first()).toBeVisible();
    await expect(status(admin)).toHaveText("Not connected");
    await expect(admin.getByRole("button", { name: "Connect Xero" })).toBeVisible();
  });

  test("connects Xero through the sandbox consent page and shows the organisation name", async () => {
    await admin.goto("/integrations/xero");
    await admin.getByRole("button", { name: "Connect Xero" }).click();
    await admin.waitForURL((url) => url.origin === SANDBOX_ORIGIN);
    await allowAndChooseTenant("choose-tenant");
    await expect(status(admin)).toHaveText("Connected");
    const account = admin.getByTestId("connected-account");
    await expect(account).not.toBeEmpty();
    if (xeroAccountName) await expect(account).toHaveText(xeroAccountName);
    xeroAccountName = (await account.innerText()).trim();
    await expect(admin.getByRole("button", { name: "Disconnect" })).toBeVisible();
    await expect(admin.getByRole("button", { name: "Test connection" })).toBeVisible();
    await shot(admin, "detail-xero");
    await admin.setViewportSize({ width: 390, height: 844 });
    await shot(admin, "detail-xero-mobile");
    await admin.setViewportSize({ width: 1280, height: 720 });

    // The marketplace now lists Xero under Connected, first.
    await admin.goto("/integrations");
    const connected = admin.getByRole("region", { name: /^Connected/ });
    await expect(connected.getByRole("link", { name: "Xero", exact: true })).toBeVisible();
    await expect(admin.locator("main section h2").first()).toHaveText(/^Connected/);
  });

  test("Test connection runs a live health check", async () => {
    await admin.goto("/integrations/xero");
    await admin.getByRole("button", { name: "Test connection" }).click();
    await expect(admin.getByText("Xero answered. The connection works.")).toBeVisible();
    await expect(admin.getByText("Working", { exact: true })).toBeVisible();
  });

  test("a revoked grant turns into Needs reconnect with a Reconnect call to action", async ({ request }) => {
    await revokeAllSandboxTokens(request, "xero");
    await admin.goto("/integrations/xero");
    await admin.getByRole("button", { name: "Test connection" }).click();
    await expect(status(admin)).toHaveText("Needs reconnect");
    await expect(admin.getByText("Xero needs reconnecting")).toBeVisible();
    await shot(admin, "detail-xero-needs-reauth");
    await admin.getByRole("button", { name: "Reconnect Xero" }).click();
    await admin.waitForURL((url) => url.origin === SANDBOX_ORIGIN);
    await allowAndChooseTenant();
    await expect(status(admin)).toHaveText("Connected");
    await expect(admin.getByTestId("connected-account")).toHaveText(xeroAccountName);
  });

  test("Stripe refuses a wrong API key with Stripe's reason, then connects with the right one", async () => {
    await admin.goto("/integrations/stripe");
    await expect(admin.getByLabel("Secret key")).toHaveAttribute("type", "password");
    await shot(admin, "setup-stripe");

    // The manifest's pattern is checked before anything is sent.
    await admin.getByLabel("Secret key").fill("not-a-key");
    await admin.getByRole("button", { name: "Connect Stripe" }).click();
    await expect(admin.getByText("Secret key is not in the expected format")).toBeVisible();

    await admin.getByLabel("Secret key").fill("sk_test_thisKeyIsWrong000000001234");
    await admin.getByRole("button", { name: "Connect Stripe" }).click();
    await expect(admin.getByRole("alert").filter({ hasText: "Invalid API Key provided" })).toBeVisible();
    await expect(status(admin)).toHaveText("Not connected");
    await shot(admin, "setup-stripe-refused");

    await admin.getByLabel("Secret key").fill(SANDBOX_STRIPE_KEY);
    await admin.getByRole("button", { name: "Connect Stripe" }).click();
    await expect(status(admin)).toHaveText("Connected");
    await expect(admin.getByTestId("connected-account")).not.toBeEmpty();
    // The secret never comes back to the browser.
    expect(await admin.content()).not.toContain(SANDBOX_STRIPE_KEY);
  });

  test("disconnecting Xero asks first, then revokes the token in the sandbox", async ({ request }) => {
    const before = await sandboxTokens(request, "xero");
    expect(before.some((t) => !t.revoked)).toBe(true);

    await admin.goto("/integrations/xero");
    await admin.getByRole("button", { name: "Disconnect" }).click();
    const dialog = admin.getByRole("alertdialog");
    await expect(dialog).toContainText("revoked at Xero");
    // Cancelling changes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(status(admin)).toHaveText("Connected");

    await admin.getByRole("button", { name: "Disconnect" }).click();
    await admin.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
    await expect(status(admin)).toHaveText("Not connected");
    await expect(admin.getByRole("button", { name: "Connect Xero" })).toBeVisible();

    // Every token the sandbox issued for this connection is now revoked.
    const after = await sandboxTokens(request, "xero");
    const issued = after.filter((t) => before.some((b) => b.token === t.token));
    expect(issued.length).toBeGreaterThan(0);
    expect(issued.filter((t) => !t.revoked)).toEqual([]);

    // The Logs tab and the Activity page record it.
    await admin.getByRole("tab", { name: "Logs" }).click();
    await expect(admin.getByRole("cell", { name: "Disconnected" }).first()).toBeVisible();
    await admin.goto("/activity?provider=xero&action=connection.disconnected");
    await expect(admin.getByRole("cell", { name: "Disconnected" }).first()).toBeVisible();
    await expect(admin.getByRole("cell", { name: "Connected", exact: true })).toHaveCount(0);
    await shot(admin, "activity");
  });

  test("a member sees read-only screens and the API refuses them", async ({ browser }) => {
    const { context, page: member } = await newSession(browser);
    try {
      const user = newUser("member");
      await signUp(member, user);
      await addMemberViaInvitation(admin, member, user.email, "member");

      await member.goto("/integrations");
      await expect(member.getByText("You have read-only access")).toBeVisible();
      await member.goto("/integrations/stripe");
      await expect(status(member)).toHaveText("Connected");
      await expect(member.getByRole("button", { name: "Disconnect" })).toHaveCount(0);
      await expect(member.getByRole("button", { name: "Test connection" })).toHaveCount(0);
      await member.goto("/integrations/slack");
      await expect(member.getByText("Only owners and admins of this organisation can connect integrations.")).toBeVisible();
      await expect(member.getByRole("button", { name: /Connect/ })).toHaveCount(0);
      await shot(member, "member-read-only");

      const connect = await member.request.post("/api/integrations/stripe/connect", { data: { secretKey: SANDBOX_STRIPE_KEY } });
      expect(connect.status()).toBe(403);
      const disconnect = await member.request.delete("/api/integrations/stripe");
      expect(disconnect.status()).toBe(403);
      // Still connected for the organisation.
      await admin.goto("/integrations/stripe");
      await expect(status(admin)).toHaveText("Connected");
    } finally {
      await context.close();
    }
  });

  test("another organisation cannot see Demo Accounting's connection by URL or API", async ({ browser }) => {
    const { context, page: other } = await newSession(browser);
    try {
      await signUpWithOrganisation(other, "Other Books Ltd", "other");
      await other.goto("/integrations/stripe");
      await expect(status(other)).toHaveText("Not connected");
      await expect(other.getByTestId("connected-account")).toHaveCount(0);
      await other.goto("/integrations");
      await expect(other.getByRole("region", { name: /^Connected/ })).toHaveCount(0);

      const res = await other.request.get("/api/integrations/stripe/status");
      expect([200, 404]).toContain(res.status());
      const text = await res.text();
      expect(text).not.toContain('"status":"connected"');
      expect(text).not.toContain("acct_");
      if (res.status() === 200) expect(text).toContain("not_connected");

      const list = await other.request.get("/api/integrations");
      expect(list.status()).toBe(200);
      expect(await list.text()).not.toContain('"status":"connected"');

      // Owners of the other organisation may act on their own organisation only: disconnecting
      // "stripe" there finds nothing and leaves Demo Accounting's connection alone.
      const del = await other.request.delete("/api/integrations/stripe");
      expect(del.status()).toBe(404);
      await admin.goto("/integrations/stripe");
      await expect(status(admin)).toHaveText("Connected");
    } finally {
      await context.close();
    }
  });
});
