import { expect, test } from "@playwright/test";
import { signUpWithOrganisation } from "./helpers/auth";

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
