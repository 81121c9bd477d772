import fs from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { addMemberViaInvitation, newSession, newUser, signInAsDemoAdmin, signUp, signUpWithOrganisation } from "./helpers/auth";
import { sandboxStripeAccounts } from "../sandbox/config";
import { SANDBOX_ORIGIN, SANDBOX_STRIPE_KEY, revokeAllSandboxTokens, sandboxTokens } from "./helpers/sandbox";

// Issues 4 and 7's acceptance, in a real browser against the sandbox. The steps share one database
// and one sandbox (playwright.config.ts starts both), so they run in order: deny, connect Xero,
// add the second Xero tenant, connect two Stripe accounts, disconnect one of each, then the
// member's and the other organisation's views.

/** The id in a connection page's URL (/integrations/{provider}/{id}). */
const idInUrl = (url: string) => /\/integrations\/[a-z0-9-]+\/([0-9a-f-]{36})/.exec(url)?.[1] ?? "";

// Screens for a person to look at after a run, beside Playwright's own results (gitignored).
const SHOTS = "test-results/screens";
fs.mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

test.describe.serial("integrations hub", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let xeroAccountName = "";
  let xeroUrl = "";
  let secondXeroUrl = "";
  let stripeUrls: string[] = [];

  test.beforeAll(async ({ browser }) => {
    ({ context: adminContext, page: admin } = await newSession(browser));
    await signInAsDemoAdmin(admin);
    // A re-run against the same database starts from "nothing connected".
    const listed = await admin.request.get("/api/connections?limit=100");
    const { data: connections } = (await listed.json()) as { data: { id: string; provider: string }[] };
    for (const c of connections.filter((c) => c.provider === "xero" || c.provider === "stripe")) await admin.request.delete(`/api/connections/${c.id}`);
  });

  test.afterAll(async () => {
    await adminContext?.close();
  });

  const status = (page: Page) => page.locator("h1 + [data-status]");

  /**
   * Clicks Allow on the sandbox consent page; the demo Xero user has several organisations, so
   * the hub asks which to connect: `pick` chooses the checkboxes (by position), then the browser
   * lands on the connection's page (one) or the provider page (several).
   */
  async function allowAndChooseTenants(pick: number[], screenshot?: string) {
    await admin.getByRole("button", { name: "Allow" }).click();
    await admin.waitForURL(/\/integrations\/xero\/choose-tenant/);
    if (screenshot) await shot(admin, screenshot);
    const boxes = admin.locator("label").filter({ has: admin.getByRole("checkbox") });
    for (const i of pick) await boxes.nth(i).getByRole("checkbox").check();
    if (pick.length === 1) xeroAccountName = (await boxes.nth(pick[0]!).locator("span.font-medium").innerText()).trim();
    await admin.getByRole("button", { name: pick.length > 1 ? `Connect ${pick.length} organisations` : "Connect organisation" }).click();
    await admin.waitForURL(pick.length === 1 ? /\/integrations\/xero\/[0-9a-f-]{36}\?connected=1/ : /\/integrations\/xero\?connected=/);
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
    await allowAndChooseTenants([0], "choose-tenant");
    xeroUrl = new URL(admin.url()).pathname;
    await expect(status(admin)).toHaveText("Connected");
    const account = admin.getByTestId("connected-account");
    await expect(account).toHaveText(xeroAccountName);
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
    await admin.goto(xeroUrl);
    await admin.getByRole("button", { name: "Test connection" }).click();
    await expect(admin.getByText("Xero answered. The connection works.")).toBeVisible();
    await expect(admin.getByText("Working", { exact: true })).toBeVisible();
  });

  test("a revoked grant turns into Needs reconnect with a Reconnect call to action", async ({ request }) => {
    await revokeAllSandboxTokens(request, "xero");
    await admin.goto(xeroUrl);
    await admin.getByRole("button", { name: "Test connection" }).click();
    await expect(status(admin)).toHaveText("Needs reconnect");
    await expect(admin.getByText(`${xeroAccountName} needs reconnecting`)).toBeVisible();
    await shot(admin, "detail-xero-needs-reauth");
    await admin.getByRole("button", { name: "Reconnect Xero" }).click();
    await admin.waitForURL((url) => url.origin === SANDBOX_ORIGIN);
    // The organisation already connected is marked; choosing it again reconnects the same connection.
    const name = xeroAccountName;
    await admin.getByRole("button", { name: "Allow" }).click();
    await admin.waitForURL(/\/choose-tenant/);
    const mine = admin.locator("label").filter({ hasText: name });
    await expect(mine).toContainText("Already connected");
    await mine.getByRole("checkbox").check();
    await admin.getByRole("button", { name: "Connect organisation" }).click();
    await admin.waitForURL(/\/integrations\/xero\/[0-9a-f-]{36}\?connected=1/);
    expect(new URL(admin.url()).pathname).toBe(xeroUrl);
    await expect(status(admin)).toHaveText("Connected");
    await expect(admin.getByTestId("connected-account")).toHaveText(name);
  });

  test("adds the second Xero tenant as its own connection; the provider page lists both, one default", async () => {
    await admin.goto("/integrations/xero");
    await admin.getByRole("link", { name: "Add another" }).click();
    await expect(admin.getByText("Add another Xero connection")).toBeVisible();
    await admin.getByRole("button", { name: "Connect Xero" }).click();
    await admin.waitForURL((url) => url.origin === SANDBOX_ORIGIN);
    // Both tenants in one choice: the first reconnects, the second is new; they share the sign-in.
    await allowAndChooseTenants([0, 1], "choose-tenants-both");
    const rows = admin.getByRole("table", { name: "Connections" }).getByRole("row").filter({ has: admin.getByRole("link") });
    await expect(rows).toHaveCount(2);
    await expect(rows.getByText("Default", { exact: true })).toHaveCount(1);
    await expect(rows.locator('[data-status="connected"]')).toHaveCount(2);
    await shot(admin, "provider-xero-two-connections");
    const other = rows.filter({ hasNotText: xeroAccountName }).getByRole("link").first();
    await other.click();
    await admin.waitForURL(/\/integrations\/xero\/[0-9a-f-]{36}$/);
    secondXeroUrl = new URL(admin.url()).pathname;
    expect(secondXeroUrl).not.toBe(xeroUrl);
    await admin.getByRole("button", { name: "Test connection" }).click();
    await expect(admin.getByText("Xero answered. The connection works.")).toBeVisible();
    // Its own logs: connected and tested, nothing of the first tenant's reconnect.
    await admin.getByRole("tab", { name: "Logs" }).click();
    await expect(admin.getByRole("cell", { name: "Connection tested" })).toHaveCount(1);
    await expect(admin.getByRole("cell", { name: "Needs reconnecting" })).toHaveCount(0);
    await shot(admin, "connection-xero-logs");
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
    await admin.waitForURL(/\/integrations\/stripe\/[0-9a-f-]{36}/);
    await expect(status(admin)).toHaveText("Connected");
    await expect(admin.getByTestId("connected-account")).toHaveText(sandboxStripeAccounts[0].name);
    // The secret never comes back to the browser.
    expect(await admin.content()).not.toContain(SANDBOX_STRIPE_KEY);
    stripeUrls = [new URL(admin.url()).pathname];
  });

  test("a second Stripe key is a second Stripe account: its own connection beside the first", async () => {
    await admin.goto("/integrations/stripe");
    await admin.getByRole("link", { name: "Add another" }).click();
    await admin.getByLabel("Secret key").fill(sandboxStripeAccounts[1].secretKey);
    await admin.getByRole("button", { name: "Connect Stripe" }).click();
    await admin.waitForURL((url) => /\/integrations\/stripe\/[0-9a-f-]{36}/.test(url.pathname) && url.pathname !== stripeUrls[0]);
    await expect(admin.getByTestId("connected-account")).toHaveText(sandboxStripeAccounts[1].name);
    stripeUrls.push(new URL(admin.url()).pathname);
    await admin.goto("/integrations/stripe");
    const rows = admin.getByRole("table", { name: "Connections" }).getByRole("row").filter({ has: admin.getByRole("link") });
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: sandboxStripeAccounts[0].name }).getByText("Default", { exact: true })).toBeVisible();

    // Making the second account the default moves the badge.
    await admin.goto(stripeUrls[1]!);
    await admin.getByRole("button", { name: "Make default" }).click();
    await expect(admin.getByText("Default", { exact: true })).toBeVisible();
    await expect(admin.getByRole("button", { name: "Make default" })).toHaveCount(0);

    // Disconnecting the first account leaves the second working.
    await admin.goto(stripeUrls[0]!);
    await admin.getByRole("button", { name: "Disconnect" }).click();
    await admin.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
    await admin.waitForURL(/\/integrations\/stripe$/);
    await expect(status(admin)).toHaveText("Connected");
    await expect(admin.getByRole("table", { name: "Connections" }).getByRole("row").filter({ has: admin.getByRole("link") })).toHaveCount(1);
    await admin.goto(stripeUrls[1]!);
    await admin.getByRole("button", { name: "Test connection" }).click();
    await expect(admin.getByText("Stripe answered. The connection works.")).toBeVisible();
  });

  test("disconnecting one Xero tenant keeps the other working; the last one revokes the token in the sandbox", async ({ request }) => {
    // The first tenant shares its sign-in with the second: the grant is kept for it.
    await admin.goto(xeroUrl);
    await admin.getByRole("button", { name: "Disconnect" }).click();
    const shared = admin.getByRole("alertdialog");
    await expect(shared).toContainText("not revoked");
    // Cancelling changes nothing.
    await shared.getByRole("button", { name: "Cancel" }).click();
    await expect(status(admin)).toHaveText("Connected");
    await admin.getByRole("button", { name: "Disconnect" }).click();
    await admin.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
    await admin.waitForURL(/\/integrations\/xero$/);
    await expect(status(admin)).toHaveText("Connected");
    await admin.goto(secondXeroUrl);
    await expect(admin.getByText("Default", { exact: true })).toBeVisible();
    await admin.getByRole("button", { name: "Test connection" }).click();
    await expect(admin.getByText("Xero answered. The connection works.")).toBeVisible();
    // The first one's page remains, disconnected, with its own logs.
    await admin.goto(xeroUrl);
    await expect(admin.getByText("This connection is disconnected")).toBeVisible();

    // The last Xero connection revokes the grant at Xero: the refresh token of the latest sign-in,
    // which both tenants shared (the sandbox lists tokens in the order it issued them).
    const held = (await sandboxTokens(request, "xero")).filter((t) => t.kind === "refresh" && !t.revoked).at(-1);
    expect(held).toBeTruthy();
    await admin.goto(secondXeroUrl);
    await admin.getByRole("button", { name: "Disconnect" }).click();
    await expect(admin.getByRole("alertdialog")).toContainText("revoked at Xero");
    await admin.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
    await admin.waitForURL(/\/integrations\/xero$/);
    await expect(status(admin)).toHaveText("Not connected");
    await expect(admin.getByRole("button", { name: "Connect Xero" })).toBeVisible();

    // The grant the hub held is now revoked at the sandbox.
    expect((await sandboxTokens(request, "xero")).find((t) => t.token === held!.token)?.revoked).toBe(true);

    // The provider's activity, the connection's Logs tab and the Activity page record it.
    await expect(admin.getByRole("cell", { name: "Disconnected" }).first()).toBeVisible();
    await admin.goto(secondXeroUrl);
    await admin.getByRole("tab", { name: "Logs" }).click();
    await expect(admin.getByRole("cell", { name: "Disconnected" })).toHaveCount(1);
    await admin.goto("/activity?provider=xero&action=connection.disconnected");
    await expect(admin.getByRole("cell", { name: "Disconnected" }).first()).toBeVisible();
    await expect(admin.getByRole("cell", { name: "Connected", exact: true })).toHaveCount(0);
    await shot(admin, "activity");
  });

  test("a member sees read-only screens and the API refuses them", async ({ browser }) => {
    test.slow(); // a sign-up, an invitation and several pages
    const { context, page: member } = await newSession(browser);
    try {
      const user = newUser("member");
      await signUp(member, user);
      await addMemberViaInvitation(admin, member, user.email, "member");

      await member.goto("/integrations");
      await expect(member.getByText("You have read-only access")).toBeVisible();
      await member.goto("/integrations/stripe");
      await expect(status(member)).toHaveText("Connected");
      await expect(member.getByRole("link", { name: "Add another" })).toHaveCount(0);
      await member.goto(stripeUrls[1]!);
      await expect(status(member)).toHaveText("Connected");
      await expect(member.getByRole("button", { name: "Disconnect" })).toHaveCount(0);
      await expect(member.getByRole("button", { name: "Test connection" })).toHaveCount(0);
      await expect(member.getByRole("button", { name: "Make default" })).toHaveCount(0);
      await member.goto("/integrations/slack");
      await expect(member.getByText("Only owners and admins of this organisation can connect integrations.")).toBeVisible();
      await expect(member.getByRole("button", { name: /Connect/ })).toHaveCount(0);
      await shot(member, "member-read-only");

      const connect = await member.request.post("/api/integrations/stripe/connect", { data: { secretKey: SANDBOX_STRIPE_KEY } });
      expect(connect.status()).toBe(403);
      const disconnect = await member.request.delete("/api/integrations/stripe");
      expect(disconnect.status()).toBe(403);
      expect((await member.request.delete(`/api/connections/${idInUrl(stripeUrls[1]!)}`)).status()).toBe(403);
      // Still connected for the organisation.
      await admin.goto("/integrations/stripe");
      await expect(status(admin)).toHaveText("Connected");
    } finally {
      await context.close();
    }
  });

  test("another organisation cannot see Demo Accounting's connection by URL or API", async ({ browser }) => {
    test.slow(); // a sign-up, several pages and API calls: on a loaded machine this passes the default 60 s
    const { context, page: other } = await newSession(browser);
    try {
      await signUpWithOrganisation(other, "Other Books Ltd", "other");
      await other.goto("/integrations/stripe");
      await expect(status(other)).toHaveText("Not connected");
      await expect(other.getByTestId("connected-account")).toHaveCount(0);
      await other.goto("/integrations");
      await expect(other.getByRole("region", { name: /^Connected/ })).toHaveCount(0);
      // Demo Accounting's connection page, by its URL, does not exist for them.
      // (The page streams behind the loading skeleton, so its answer is the integrations not-found page.)
      await other.goto(stripeUrls[1]!);
      await expect(other.getByText("This integration was not found")).toBeVisible();
      expect(await other.content()).not.toContain(sandboxStripeAccounts[1].name);
      const stolenId = idInUrl(stripeUrls[1]!);
      expect((await other.request.get(`/api/connections/${stolenId}`)).status()).toBe(404);
      expect((await other.request.get(`/api/connections/${stolenId}/logs`)).status()).toBe(404);
      expect((await other.request.delete(`/api/connections/${stolenId}`)).status()).toBe(404);
      expect(await (await other.request.get("/api/connections")).json()).toMatchObject({ data: [], page: { total: 0 } });

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
