import { expect, test } from "@playwright/test";
import { signUpWithOrganisation } from "./helpers/auth";
import { SANDBOX_ORIGIN } from "./helpers/sandbox";

test.slow();

test("desktop details: favicon served, Tax number aligned with Currency, toasts clear of the avatar", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUpWithOrganisation(page, `Layout Co ${Date.now().toString(36)}`);

  // Favicon: declared in the head and served, so no page logs a 404 for it.
  const icon = await page.locator('head link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  expect((await page.request.get(icon!)).status()).toBe(200);

  // Customer form: the Tax number input sits on the same line as Currency (Currency has a hint below).
  await page.goto("/customers/new");
  const tax = await page.getByLabel("Tax number").boundingBox();
  const currency = await page.getByLabel("Currency").boundingBox();
  expect(tax && currency).toBeTruthy();
  expect(Math.abs(tax!.y - currency!.y)).toBeLessThanOrEqual(1);

  // A toast after saving does not cover the account menu (avatar) in the header.
  await page.getByLabel("Name").fill("Toast Test Ltd");
  await page.getByRole("button", { name: "Create customer" }).click();
  const toast = page.locator("[data-sonner-toast]").first();
  await expect(toast).toBeVisible();
  const toastBox = (await toast.boundingBox())!;
  const avatar = (await page.getByRole("button", { name: "Account menu" }).boundingBox())!;
  const overlaps = toastBox.x < avatar.x + avatar.width && avatar.x < toastBox.x + toastBox.width
    && toastBox.y < avatar.y + avatar.height && avatar.y < toastBox.y + toastBox.height;
  expect(overlaps).toBe(false);
});

test("Activity at 1280 px shows a long Details value whole, not cut off", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUpWithOrganisation(page, `Activity Co ${Date.now().toString(36)}`);
  // An audit entry with long details: connect a catch hook, then give it a long display name.
  const connected = await page.request.post("/api/integrations/zapier/connect", { data: { webhookUrl: `${SANDBOX_ORIGIN}/hooks/zap-activity` } });
  expect(connected.status()).toBe(201);
  const { data } = (await connected.json()) as { data: { id: string } };
  const longName = "Receivables automation for the northern region subsidiaries and their quarterly reports";
  expect((await page.request.patch(`/api/connections/${data.id}`, { data: { displayName: longName } })).status()).toBe(200);

  await page.goto("/activity");
  const cell = page.getByRole("cell", { name: new RegExp(longName) }).first();
  await expect(cell).toBeVisible();
  // Not truncated: the cell shows all of its text, and it ends inside the window.
  const clipped = await cell.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  expect(clipped).toBe(false);
  const box = (await cell.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
});
