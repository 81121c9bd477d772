import fs from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { addMemberViaInvitation, newSession, newUser, signInAsDemoAdmin, signUp } from "./helpers/auth";
import { SANDBOX_ORIGIN } from "./helpers/sandbox";

// Issue 12 (outbound events) acceptance in a real browser: an endpoint pointing at a sandbox
// catch hook gets a signed test event, a failing hook shows failed attempts (the same message
// retried), and after the fault is cleared "Retry now" delivers it. Members read, never write.
// The steps share one endpoint, so they run in order.

const SHOTS = "test-results/screens";
fs.mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

const hookId = `outbound-e2e-${Date.now().toString(36)}`;
const hookUrl = `${SANDBOX_ORIGIN}/hooks/${hookId}`;
const hookControl = `${SANDBOX_ORIGIN}/_control/hooks/${hookId}`;

const hookRequests = z.object({
  requests: z.array(z.object({ method: z.string(), headers: z.record(z.string(), z.string()), body: z.string() })),
});

test.describe.serial("outbound webhooks", () => {
  let context: BrowserContext;
  let admin: Page;
  let endpointPath = "";

  const log = (page: Page) => page.getByTestId("delivery-log");
  const attempts = (page: Page, result: "succeeded" | "failed", deliveryId?: string) =>
    log(page).locator(`tr[data-attempt="${result}"]${deliveryId ? `[data-delivery-id="${deliveryId}"]` : ""}`);
  const received = async () => hookRequests.parse(await (await admin.request.get(hookControl)).json()).requests;

  test.beforeAll(async ({ browser }) => {
    ({ context, page: admin } = await newSession(browser));
    await signInAsDemoAdmin(admin);
    await admin.request.delete(hookControl);
  });

  test.afterAll(async () => {
    await admin?.request.delete(hookControl);
    await context?.close();
  });

  test("Add endpoint names the field the API refused, then creates the endpoint", async () => {
    await admin.goto("/webhooks");
    await expect(admin.getByRole("navigation", { name: "Webhooks" }).getByRole("link", { name: "Endpoints" })).toHaveAttribute("aria-current", "page");
    await admin.getByRole("button", { name: "Add endpoint" }).first().click();
    const dialog = admin.getByRole("dialog", { name: "Add endpoint" });
    await dialog.getByLabel("Endpoint URL").fill("not a url");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    // The API's problem+json names `url`; the dialog shows it under the field and stays open.
    await expect(dialog.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.locator("#field-url-error")).toBeVisible();

    await dialog.getByLabel("Endpoint URL").fill(hookUrl);
    await dialog.getByLabel("Description").fill("Sandbox catch hook (e2e)");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await admin.waitForURL(/\/webhooks\/endpoints\/[^/]+$/);
    endpointPath = new URL(admin.url()).pathname;
    await expect(admin.getByRole("heading", { name: hookUrl })).toBeVisible();
    await expect(admin.locator("[data-status]").first()).toHaveText("Active");

    await admin.goto("/webhooks");
    await expect(admin.getByRole("link", { name: hookUrl })).toBeVisible();
    await shot(admin, "outbound-endpoints-list");
  });

  test("a test event reaches the hook signed, its attempt shows as succeeded, and a rotation signs with old and new", async () => {
    await admin.goto(endpointPath);
    await admin.getByRole("button", { name: "Send test event" }).click();
    await expect(attempts(admin, "succeeded")).toHaveCount(1, { timeout: 20_000 });
    await expect(attempts(admin, "succeeded").first()).toContainText("HTTP 200");

    // The hook got one POST that a Standard Webhooks verifier we did not write accepts with the
    // secret the admin reveals on the page.
    await admin.getByRole("button", { name: "Reveal" }).click();
    await expect(admin.getByTestId("endpoint-secret")).toHaveText(/^whsec_/);
    const secret = (await admin.getByTestId("endpoint-secret").textContent())!.trim();
    const [req] = await received();
    expect(req?.method).toBe("POST");
    const payload = new Webhook(secret).verify(req!.body, req!.headers) as { type: string; data: unknown };
    expect(payload.type).toBe("invoice.paid");
    await shot(admin, "outbound-endpoint-succeeded");

    // Rotate (after confirming): for the next 24 hours a delivery verifies with the old secret
    // and with the new one.
    await admin.getByRole("button", { name: "Rotate" }).click();
    await expect(admin.getByRole("alertdialog")).toContainText("keeps signing beside it for 24 hours");
    await admin.getByRole("button", { name: "Rotate secret" }).click();
    await expect(admin.getByText(`The previous secret ${secret} also signs until`)).toBeVisible();
    const rotated = (await admin.getByTestId("endpoint-secret").textContent())!.trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await admin.getByRole("button", { name: "Send test event" }).click();
    await expect(attempts(admin, "succeeded")).toHaveCount(2, { timeout: 20_000 });
    const after = (await received())[1]!;
    for (const key of [secret, rotated]) expect(new Webhook(key).verify(after.body, after.headers)).toMatchObject({ type: "invoice.paid" });
  });

  test("a failing hook shows failed attempts of one message; after the fault clears, Retry now delivers it", async () => {
    // Forget the first test's request, then make the hook answer 503.
    await admin.request.delete(hookControl);
    await admin.request.post(hookControl, { data: { status: 503 } });
    await admin.goto(endpointPath);
    await admin.getByRole("button", { name: "Send test event" }).click();
    await expect(attempts(admin, "failed").first()).toBeVisible({ timeout: 20_000 });
    await expect(attempts(admin, "failed").first()).toContainText("HTTP 503");
    const deliveryId = (await attempts(admin, "failed").first().getAttribute("data-delivery-id"))!;
    // The schedule retries after 5 s; wait for that second failure so the next automatic try is
    // minutes away and the success below can only come from "Retry now".
    await expect(attempts(admin, "failed", deliveryId)).toHaveCount(2, { timeout: 30_000 });
    await shot(admin, "outbound-endpoint-failed");

    await admin.request.post(hookControl, { data: { status: 200 } });
    await attempts(admin, "failed", deliveryId).first().getByRole("button", { name: "Retry now" }).click();
    await expect(attempts(admin, "succeeded", deliveryId)).toHaveCount(1, { timeout: 20_000 });
    await expect(attempts(admin, "succeeded", deliveryId)).toContainText("HTTP 200");

    // Every try carried the same webhook-id (the message id is stable across retries).
    const ids = (await received()).map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    await shot(admin, "outbound-endpoint-recovered");
  });

  test("a real change reaches the endpoint, shows in the event log, and Resend sends it again", async () => {
    await admin.request.delete(hookControl);
    const name = `Outbound E2E ${Date.now().toString(36)}`;
    const created = await admin.request.post("/api/customers", { data: { name } });
    expect(created.status()).toBe(201);
    const customerEvents = async () =>
      (await received()).filter((r) => (JSON.parse(r.body) as { type: string; data: { name?: string } }).type === "customer.created" && r.body.includes(name));
    await expect.poll(async () => (await customerEvents()).length, { timeout: 20_000 }).toBe(1);

    await admin.goto("/webhooks/events");
    await expect(admin.getByRole("navigation", { name: "Webhooks" }).getByRole("link", { name: "Event log" })).toHaveAttribute("aria-current", "page");
    await admin.getByLabel("Event type").click();
    await admin.getByRole("option", { name: "customer.created" }).click();
    const newest = admin.getByRole("row").filter({ hasText: "customer.created" }).first();
    await expect(newest).toBeVisible();
    await expect(admin.getByRole("row").filter({ hasText: "invoice.paid" })).toHaveCount(0);
    await newest.getByRole("button", { name: "Resend" }).click();
    await expect(admin.locator("[data-sonner-toast]").filter({ hasText: /Resent to \d+ endpoints?/ })).toBeVisible();
    // A resend is a new message: a second delivery with its own webhook-id.
    await expect.poll(async () => (await customerEvents()).length, { timeout: 20_000 }).toBe(2);
    const ids = (await customerEvents()).map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(2);
    await shot(admin, "outbound-event-log");
  });

  test("the delivery log pages by cursor: Load older attempts adds the next page", async () => {
    const apiPath = `/api${endpointPath.replace("/webhooks/endpoints", "/webhook-endpoints")}`;
    await admin.request.delete(hookControl);
    for (let i = 0; i < 25; i++) {
      expect((await admin.request.post(`${apiPath}/test`, { data: { type: "customer.updated" } })).status()).toBe(202);
    }
    await expect.poll(async () => (await received()).length, { timeout: 30_000 }).toBe(25);
    await admin.goto(endpointPath);
    const rows = log(admin).locator("tbody tr");
    await expect(rows).toHaveCount(25);
    await admin.getByRole("button", { name: "Load older attempts" }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(25);
    // The pages join without a repeat: every attempt row appears once.
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-attempt-id")));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("a member sees the endpoint and its log read-only", async ({ browser }) => {
    const { context: memberContext, page: member } = await newSession(browser);
    const user = newUser("member");
    await signUp(member, user);
    await addMemberViaInvitation(admin, member, user.email);
    await member.goto("/webhooks");
    await expect(member.getByRole("link", { name: hookUrl })).toBeVisible();
    await expect(member.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
    await member.goto(endpointPath);
    await expect(attempts(member, "succeeded").first()).toBeVisible();
    await expect(member.getByText("Only owners and admins can see or rotate the secret.")).toBeVisible();
    for (const name of ["Reveal", "Rotate", "Edit", "Pause", "Delete", "Send test event", "Retry now"]) {
      await expect(member.getByRole("button", { name })).toHaveCount(0);
    }
    // The API refuses the secret to a member too, not only the screen.
    await shot(member, "outbound-endpoint-member");
    expect((await member.request.get(`/api${endpointPath.replace("/webhooks/endpoints", "/webhook-endpoints")}/secret`)).status()).toBe(403);
    await memberContext.close();
  });

  test("a 410 disables the endpoint, the list shows a notice, and Resume brings it back", async () => {
    await admin.request.post(hookControl, { data: { status: 410 } });
    await admin.goto(endpointPath);
    await admin.getByRole("button", { name: "Send test event" }).click();
    await expect(admin.locator("[data-status]").first()).toHaveText("Disabled", { timeout: 20_000 });
    await expect(attempts(admin, "failed").first()).toContainText("HTTP 410");
    const goneDelivery = (await attempts(admin, "failed").first().getAttribute("data-delivery-id"))!;

    await admin.goto("/webhooks");
    const notice = admin.getByRole("alert").filter({ hasText: "A webhook endpoint was disabled" }).filter({ hasText: hookUrl }).first();
    await expect(notice).toBeVisible();
    // The row's chart of the last 24 hours, with what it counted as its accessible name.
    await expect(admin.getByRole("row").filter({ hasText: hookUrl }).getByRole("img", { name: /Attempts per hour over 24 hours: [1-9]\d* in all/ })).toBeVisible();
    await shot(admin, "outbound-endpoint-disabled-notice");
    await notice.getByRole("link", { name: "Open endpoint" }).click();
    await admin.waitForURL((url) => url.pathname === endpointPath);

    await admin.request.post(hookControl, { data: { status: 200 } });
    await admin.getByRole("button", { name: "Resume" }).click();
    await expect(admin.locator("[data-status]").first()).toHaveText("Active");
    // "Recover failed since" (default: a day ago) queues the delivery the 410 failed again.
    await admin.getByRole("button", { name: "Recover" }).click();
    await expect(admin.locator("[data-sonner-toast]").filter({ hasText: "1 failed delivery queued again." })).toBeVisible();
    await expect(attempts(admin, "succeeded", goneDelivery)).toHaveCount(1, { timeout: 20_000 });
    await admin.goto("/webhooks");
    await admin.getByRole("alert").filter({ hasText: hookUrl }).first().getByRole("button", { name: "Dismiss" }).click();
    await expect(admin.getByRole("alert").filter({ hasText: hookUrl })).toHaveCount(0);
  });

  test("deleting the endpoint asks first, then removes it from the list", async () => {
    await admin.goto(endpointPath);
    await admin.getByRole("button", { name: "Delete" }).click();
    await expect(admin.getByRole("alertdialog")).toContainText("cannot be undone");
    await admin.getByRole("button", { name: "Delete endpoint" }).click();
    await admin.waitForURL(/\/webhooks$/);
    await expect(admin.getByRole("link", { name: hookUrl })).toHaveCount(0);
  });
});
