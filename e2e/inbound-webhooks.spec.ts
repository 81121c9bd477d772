import fs from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import Stripe from "stripe";
import { addMemberViaInvitation, newSession, newUser, signUp, signUpWithOrganisation } from "./helpers/auth";
import { createSentInvoice } from "./helpers/invoices";
import { SANDBOX_ORIGIN, SANDBOX_STRIPE_KEY, SANDBOX_STRIPE_PORT } from "./helpers/sandbox";

// Issue 11's browser acceptance: a Stripe Checkout Session made with the stripe SDK for an app
// invoice, paid on the sandbox's hosted page → the sandbox delivers Stripe's signed webhooks to
// the hub → the invoice shows paid within 5 s and the event is in the Inbound log as processed.
// Then the log's replay (admins) and the member's read-only view. One fresh organisation, so the
// steps run in order and never depend on another spec.

const SHOTS = "test-results/screens";
fs.mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

const stripe = new Stripe(SANDBOX_STRIPE_KEY, { host: "localhost", port: SANDBOX_STRIPE_PORT, protocol: "http", maxNetworkRetries: 0 });

test.describe.serial("inbound webhooks", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let invoiceId = "";
  let connectionPath = "";

  test.beforeAll(async ({ browser, baseURL }) => {
    ({ context: adminContext, page: admin } = await newSession(browser));
    await signUpWithOrganisation(admin, `Inbound ${Date.now().toString(36)}`, "inbound-owner");
    // The sandbox sends Stripe's events to the hub's receiver, signed with the sandbox's webhook secret
    // (the hub's embedded STRIPE_WEBHOOK_SECRET default).
    const target = await admin.request.post(`${SANDBOX_ORIGIN}/_control/webhooks`, { data: { provider: "stripe", url: `${baseURL}/api/webhooks/stripe` } });
    expect(target.status(), await target.text()).toBe(200);
  });

  test.afterAll(async () => {
    await adminContext?.close();
  });

  test("before anything arrives, the Inbound log says how to point a provider at the hub", async () => {
    await admin.goto("/webhooks/inbound");
    await expect(admin.getByRole("heading", { name: "No webhooks received yet" })).toBeVisible();
    await expect(admin.getByText("Here is how to point a provider at this hub")).toBeVisible();
  });

  test("connecting Stripe shows its webhook URL and where its signing secret comes from", async () => {
    await admin.goto("/integrations/stripe");
    await admin.getByLabel("Secret key").fill(SANDBOX_STRIPE_KEY);
    await admin.getByRole("button", { name: "Connect Stripe" }).click();
    await admin.waitForURL(/\/integrations\/stripe\/[0-9a-f-]{36}/);
    connectionPath = new URL(admin.url()).pathname;
    await admin.getByRole("tab", { name: "Webhooks" }).click();
    await expect(admin.getByRole("textbox", { name: "Webhook URL" })).toHaveValue(/\/api\/webhooks\/stripe/);
    await expect(admin.getByTestId("secret-status")).toContainText("environment");
    await expect(admin.getByTestId("rejected-count")).toHaveText("0");
    await shot(admin, "inbound-connection-tab");
  });

  test("an admin sets, replaces and clears the connection's signing secret, which is never shown again", async () => {
    await admin.goto(`${connectionPath}?tab=webhooks`);
    const field = admin.getByLabel("Signing secret", { exact: true });
    await field.fill("x".repeat(501));
    await admin.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByText("Signing secret must be at most 500 characters")).toBeVisible();
    const secret = `whsec_e2e_${Date.now().toString(36)}_not_shown`;
    await field.fill(secret);
    await admin.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByText("The signing secret is saved.")).toBeVisible();
    await expect(admin.getByTestId("secret-status")).toContainText("A signing secret is set for this connection");
    await admin.reload();
    await expect(admin.getByTestId("secret-status")).toContainText("A signing secret is set for this connection");
    await expect(admin.getByLabel("New signing secret")).toHaveValue("");
    expect(await admin.content()).not.toContain(secret);
    const replacement = `${secret}_2`;
    await admin.getByLabel("New signing secret").fill(replacement);
    await admin.getByRole("button", { name: "Replace" }).click();
    await expect(admin.getByText("The signing secret is saved.").first()).toBeVisible();
    await expect(admin.getByLabel("New signing secret")).toHaveValue("");
    expect(await admin.content()).not.toContain(replacement);
    // Clearing asks first, then falls back to the environment's secret (the sandbox's, so the payment below verifies).
    await admin.getByRole("button", { name: "Clear", exact: true }).click();
    await admin.getByRole("alertdialog").getByRole("button", { name: "Clear secret" }).click();
    await expect(admin.getByText("The signing secret is cleared.")).toBeVisible();
    await expect(admin.getByTestId("secret-status")).toContainText("environment");
  });

  test("a Checkout Session paid on Stripe's hosted page marks the app invoice paid within 5 s and logs the event as processed", async () => {
    invoiceId = await createSentInvoice(admin, { customer: `Checkout customer ${Date.now().toString(36)}`, currency: "USD", unitPrice: 12_500 });
    const invoiceUrl = `/invoices/${invoiceId}`;
    await admin.goto(invoiceUrl);
    const badge = admin.locator("[data-slot=badge]", { hasText: /^Paid$/ });
    await expect(badge).toHaveCount(0);

    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price_data: { currency: "usd", unit_amount: 12_500, product_data: { name: "Consulting" } }, quantity: 1 }],
      metadata: { invoice_id: invoiceId },
      success_url: new URL(invoiceUrl, admin.url()).href,
    });
    expect(session.url).toBeTruthy();

    await admin.goto(session.url!);
    await expect(admin.getByRole("heading", { name: /Pay/ })).toBeVisible();
    await admin.getByRole("button", { name: "Pay" }).click();
    const paidAt = Date.now();
    // The success URL is the invoice; the webhook is processed as a job, so look again until it shows.
    await expect(async () => {
      if (!admin.url().endsWith(invoiceUrl)) await admin.goto(invoiceUrl);
      else await admin.reload();
      await expect(badge).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 5_000, intervals: [250] });
    expect(Date.now() - paidAt).toBeLessThan(5_000);
    await expect(admin.getByTestId("balance-due")).toHaveText("$0.00");
    await shot(admin, "inbound-invoice-paid");

    await admin.goto("/webhooks/inbound?type=checkout.session.completed");
    const row = admin.getByRole("row").filter({ hasText: "checkout.session.completed" });
    await expect(row).toHaveCount(1);
    await expect(row.getByText("Processed", { exact: true })).toBeVisible();
    await expect(row).toContainText("Stripe");
    await shot(admin, "inbound-log");

    // The detail panel shows the payload pretty-printed, with the session and the invoice id.
    await row.getByRole("button", { name: "checkout.session.completed" }).click();
    const payload = admin.getByTestId("event-payload");
    await expect(payload).toContainText(`"id": "${session.id}"`);
    await expect(payload).toContainText(`"invoice_id": "${invoiceId}"`);
    await expect(admin.getByRole("dialog").getByText("stripe-signature")).toBeVisible();
    await shot(admin, "inbound-event-detail");
    await admin.keyboard.press("Escape");

    // The connection's Webhooks tab lists the same event (its log is the same table, filtered by connection).
    await admin.goto(`${connectionPath}?tab=webhooks`);
    await expect(admin.getByRole("row").filter({ hasText: "checkout.session.completed" })).toHaveCount(1);
  });

  test("filters stay in the URL: a status that matches nothing says so", async () => {
    await admin.goto("/webhooks/inbound");
    await admin.getByLabel("Status").selectOption("failed");
    await admin.getByRole("button", { name: "Apply" }).click();
    await admin.waitForURL(/status=failed/);
    await expect(admin.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
    await admin.reload();
    await expect(admin.getByLabel("Status")).toHaveValue("failed");
  });

  test("an admin replays a selected event after confirming; the payment is not recorded twice", async () => {
    const event = async () => {
      const res = await admin.request.get("/api/webhooks/events?type=checkout.session.completed");
      const { data } = (await res.json()) as { data: { id: string; status: string; processedAt: string | null }[] };
      expect(data).toHaveLength(1);
      return data[0]!;
    };
    const before = await event();
    await admin.goto("/webhooks/inbound?type=checkout.session.completed");
    const row = admin.getByRole("row").filter({ hasText: "checkout.session.completed" });
    await row.getByRole("checkbox").check();
    await admin.getByRole("button", { name: "Replay 1 selected" }).click();
    await expect(admin.getByRole("alertdialog")).toContainText("Replay this event?");
    await admin.getByRole("alertdialog").getByRole("button", { name: "Replay" }).click();
    await expect(admin.getByText("1 event queued for processing again.")).toBeVisible();
    // Replayed events wait for their processing job; the log looks again every 2 s while one waits.
    await expect(row.getByText("Processed", { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(admin.getByRole("checkbox", { checked: true })).toHaveCount(0); // the selection is cleared
    // The replay ran (processed again, later than before), and processing is idempotent: one payment, not two.
    await expect.poll(async () => {
      const e = await event();
      return e.status === "processed" && e.processedAt !== before.processedAt;
    }, { timeout: 20_000 }).toBe(true);
    const res = await admin.request.get(`/api/invoices/${invoiceId}`);
    const { data: invoice } = (await res.json()) as { data: { amountPaid: number; total: number } };
    expect([invoice.amountPaid, invoice.total]).toEqual([12_500, 12_500]);
  });

  test("a member sees the log read-only: no Replay button, no selection, and the API refuses a replay", async ({ browser }) => {
    const { context, page: member } = await newSession(browser);
    try {
      const user = newUser("inbound-member");
      await signUp(member, user);
      await addMemberViaInvitation(admin, member, user.email, "member");
      await member.goto("/webhooks/inbound");
      const row = member.getByRole("row").filter({ hasText: "checkout.session.completed" });
      await expect(row).toHaveCount(1);
      await expect(member.getByRole("checkbox")).toHaveCount(0);
      await row.getByRole("button", { name: "checkout.session.completed" }).click();
      await expect(member.getByTestId("event-payload")).toBeVisible();
      await expect(member.getByRole("button", { name: /Replay/ })).toHaveCount(0);
      const listed = await member.request.get("/api/webhooks/events?type=checkout.session.completed");
      const { data } = (await listed.json()) as { data: { id: string }[] };
      const refused = await member.request.post("/api/webhooks/events/replay", { data: { ids: [data[0]!.id] } });
      expect(refused.status()).toBe(403);
      await member.goto(`${connectionPath}?tab=webhooks`);
      await expect(member.getByText("Only owners and admins can change the signing secret.")).toBeVisible();
      await expect(member.getByRole("button", { name: /Replay/ })).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});
