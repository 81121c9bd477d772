import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { acceptInvitation, inviteViaSettings, newSession, newUser, signInAsDemoAdmin, signUp, signUpWithOrganisation } from "./helpers/auth";

// Issue 8 in a real browser: every page loads under the CSP with no violation, every response
// carries the security headers, a member joins only by accepting an invitation, and a session
// cookie is worthless after sign-out or removal.

const SHOTS = "test-results/screens";
// Many pages and several people per test: more time than the default 60 s on a loaded machine.
test.describe.configure({ timeout: 300_000 });
fs.mkdirSync(SHOTS, { recursive: true });

/** Records CSP violations and console errors of every page the context opens. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  return {
    async violations() {
      const fromPage = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
      return [...fromPage, ...consoleErrors.filter((t) => /Content Security Policy|Refused to/i.test(t))];
    },
  };
}

test("security headers on pages and API answers; no X-Powered-By", async ({ request }) => {
  const page = await request.get("/sign-in");
  const h = page.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["x-powered-by"]).toBeUndefined();
  const second = await request.get("/sign-in");
  expect(second.headers()["content-security-policy"]).not.toBe(h["content-security-policy"]); // a fresh nonce

  const api = await request.get("/api/health");
  expect(api.headers()["cache-control"]).toBe("no-store");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  expect(api.headers()["x-powered-by"]).toBeUndefined();
});

test("every page loads under the CSP with no violation", async ({ page }) => {
  const csp = await watchCsp(page);
  for (const path of ["/sign-in", "/sign-up"]) {
    await page.goto(path);
    await page.waitForLoadState("load");
    expect(await csp.violations(), path).toEqual([]);
  }
  await signInAsDemoAdmin(page);
  const pages = ["/dashboard", "/customers", "/customers/new", "/invoices", "/invoices/new", "/integrations", "/integrations/stripe", "/integrations/xero", "/integrations/email", "/activity", "/webhooks", "/settings"];
  // One customer and one invoice of the demo data, whatever their ids.
  await page.goto("/customers");
  const customer = await page.locator('a[href^="/customers/"]:not([href="/customers/new"])').first().getAttribute("href");
  await page.goto("/invoices");
  const invoice = await page.locator('a[href^="/invoices/"]:not([href="/invoices/new"])').first().getAttribute("href");
  for (const path of [...pages, customer, invoice].filter((p): p is string => !!p)) {
    await page.goto(path);
    await page.waitForLoadState("load");
    expect(await csp.violations(), path).toEqual([]);
    // The theme script ran (it needs the nonce): <html> carries the theme class.
    expect(await page.evaluate(() => document.documentElement.className), path).toMatch(/light|dark/);
  }
  await page.goto("/settings");
  await page.screenshot({ path: `${SHOTS}/security-settings.png`, fullPage: true });
});

test("a member joins by accepting an invitation; removal signs them out", async ({ browser }) => {
  const { context: ownerCtx, page: owner } = await newSession(browser);
  const { context: memberCtx, page: member } = await newSession(browser);
  try {
    const user = newUser("invitee");
    await signUp(member, user);
    // A fresh owner (the demo user is an admin: admins invite, only owners remove).
    const orgName = `Consent ${Date.now().toString(36)}`;
    await signUpWithOrganisation(owner, orgName);

    const link = await inviteViaSettings(owner, user.email, "admin");
    // Listed under open invitations, withdrawable.
    await expect(owner.getByRole("button", { name: `Withdraw the invitation to ${user.email}` })).toBeVisible();
    await owner.screenshot({ path: `${SHOTS}/security-invitation-link.png`, fullPage: true });

    // Someone else with the link sees only the generic sentence.
    const { context: otherCtx, page: other } = await newSession(browser);
    await signUp(other, newUser("bystander"));
    await other.goto(new URL(link).pathname);
    await expect(other.getByText("This invitation is not available.")).toBeVisible();
    await expect(other.getByText(orgName)).toHaveCount(0);
    await otherCtx.close();

    await member.goto(new URL(link).pathname);
    await expect(member.getByText(`Join ${orgName}?`)).toBeVisible();
    await member.screenshot({ path: `${SHOTS}/security-invitation-accept.png`, fullPage: true });
    await acceptInvitation(member, link);
    await expect(member.getByText(orgName).first()).toBeVisible();

    // The link is spent.
    await member.goto(new URL(link).pathname);
    await expect(member.getByText("This invitation is not available.")).toBeVisible();

    // The owner removes them: their open session stops working at once.
    await owner.goto("/settings");
    await owner.getByRole("button", { name: `Remove ${user.email}` }).click();
    await owner.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
    await expect(owner.getByRole("cell", { name: user.email })).toHaveCount(0);
    const res = await member.request.get("/api/customers");
    expect(res.status()).toBe(401);
  } finally {
    await ownerCtx.close();
    await memberCtx.close();
  }
});

test("a session cookie replayed after sign-out is refused", async ({ browser }) => {
  const { context, page } = await newSession(browser);
  try {
    const user = newUser("replay");
    await signUp(page, user); // signed in from here on
    const cookies = await context.cookies();
    expect((await page.request.get("/api/organisations")).status()).toBe(200);

    // Sign out through Auth.js (what the user menu does), then put the old cookie back.
    const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await page.request.post("/api/auth/signout", { form: { csrfToken: csrf.csrfToken } });
    await context.clearCookies();
    await context.addCookies(cookies);
    const replay = await page.request.get("/api/organisations");
    expect(replay.status()).toBe(401);
  } finally {
    await context.close();
  }
});
