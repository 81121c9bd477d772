import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** The demo admin seeded into "Demo Accounting" in embedded mode (lib/seed/embedded.ts). */
export const DEMO_ADMIN = { email: "admin@example.com", password: "admin123", organisation: "Demo Accounting" } as const;

/** A user created during a test. */
export interface TestUser {
  name: string;
  email: string;
  password: string;
}

/** A fresh, unique user (emails are unique per run so specs can re-run against the same database). */
export function newUser(prefix = "user"): TestUser {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  return { name: `${prefix} ${id}`, email: `${prefix}-${id}@example.com`, password: `Pw-${id}-secret` };
}

/** Signs in through the sign-in form and waits for the app shell (lands on /dashboard by default). */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

export async function signInAsDemoAdmin(page: Page): Promise<void> {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await expect(page).toHaveURL(/\/dashboard/);
}

/** Creates an account through the sign-up form; the app then asks for an organisation (/onboarding). */
export async function signUp(page: Page, user: TestUser): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/onboarding/);
}

/** Creates an organisation on the onboarding page (the user becomes its owner) and waits for the dashboard. */
export async function createOrganisation(page: Page, name: string): Promise<void> {
  await page.getByLabel("Organisation name").fill(name);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await page.waitForURL(/\/dashboard/);
}

/** Signs up a fresh user who owns a fresh organisation; returns the user. */
export async function signUpWithOrganisation(page: Page, organisation: string, prefix = "owner"): Promise<TestUser> {
  const user = newUser(prefix);
  await signUp(page, user);
  await createOrganisation(page, organisation);
  return user;
}

/**
 * Invites `email` to the signed-in admin's active organisation through the Settings page and
 * returns the invitation link shown there. The role select defaults to "member".
 */
export async function inviteViaSettings(page: Page, email: string, role: "member" | "admin" = "member"): Promise<string> {
  await page.goto("/settings");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Send invitation" }) });
  await form.getByLabel("Email").fill(email);
  if (role !== "member") {
    await form.getByLabel("Role").click();
    await page.getByRole("option", { name: role === "admin" ? "Admin" : "Member" }).click();
  }
  await form.getByRole("button", { name: "Send invitation" }).click();
  const link = page.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

/** The invited person, signed in with the invited email, opens the link and accepts; lands on the dashboard. */
export async function acceptInvitation(page: Page, link: string): Promise<void> {
  await page.goto(new URL(link).pathname);
  await page.getByRole("button", { name: "Accept" }).click();
  await page.waitForURL(/\/dashboard/);
}

/** Invites an existing user and has them accept: what "add a member" is now. */
export async function addMemberViaInvitation(admin: Page, member: Page, email: string, role: "member" | "admin" = "member"): Promise<void> {
  await acceptInvitation(member, await inviteViaSettings(admin, email, role));
}

/** A separate browser context (own cookies) so several people can be signed in at once. */
export async function newSession(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}
