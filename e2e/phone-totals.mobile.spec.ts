import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { signUpWithOrganisation } from "./helpers/auth";
import { createSentInvoice } from "./helpers/invoices";

/** Visible and wholly inside the 390 px viewport once scrolled to: not cut off, not off screen. */
async function expectOnScreen(locator: Locator, text?: string | RegExp) {
  await locator.scrollIntoViewIfNeeded();
  await expect(locator).toBeVisible();
  await expect(locator).toBeInViewport({ ratio: 1 });
  if (text) await expect(locator).toHaveText(text);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  // From the top, so the sticky header is not painted into the middle of a full-page capture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test.slow();

test("at 390 px the invoice page, the invoice list and the dashboard show every amount (JPY and BHD)", async ({ page }, testInfo) => {
  expect(page.viewportSize()?.width).toBe(390);
  await signUpWithOrganisation(page, `Phone Books ${Date.now().toString(36)}`);
  const bhdId = await createSentInvoice(page, { customer: "Manama Trading WLL", currency: "BHD", unitPrice: 1005, quantity: 2 });
  const jpyId = await createSentInvoice(page, { customer: "Tanaka Shoji KK", currency: "JPY", unitPrice: 12000 });

  // Invoice page: Subtotal, Tax, Total and Balance, in the invoice's own currency.
  await page.goto(`/invoices/${jpyId}`);
  await expectOnScreen(page.getByTestId("invoice-subtotal"), "¥12,000");
  await expectOnScreen(page.getByTestId("invoice-tax"), "¥0");
  await expectOnScreen(page.getByTestId("invoice-total"), "¥12,000");
  await expectOnScreen(page.getByTestId("balance-due"), "¥12,000");
  await screenshot(page, testInfo, "invoice-page-390");

  await page.goto(`/invoices/${bhdId}`);
  await expectOnScreen(page.getByTestId("invoice-total"), "BHD\u00a02.010");

  // Invoice list: each card shows Total and Balance.
  await page.goto("/invoices");
  const jpyCard = page.getByTestId("invoice-card").filter({ hasText: "Tanaka Shoji KK" });
  await expectOnScreen(jpyCard.getByTestId("card-total"), "¥12,000");
  await expectOnScreen(jpyCard.getByTestId("card-balance"), "¥12,000");
  const bhdCard = page.getByTestId("invoice-card").filter({ hasText: "Manama Trading WLL" });
  await expectOnScreen(bhdCard.getByTestId("card-total"), "BHD\u00a02.010");
  await screenshot(page, testInfo, "invoice-list-390");

  // Dashboard: the recent invoices show Total and Balance; the outstanding card the yen amount.
  await page.goto("/dashboard");
  const recent = page.getByTestId("invoice-card").filter({ hasText: "Tanaka Shoji KK" });
  await expectOnScreen(recent.getByTestId("card-total"), "¥12,000");
  await expectOnScreen(recent.getByTestId("card-balance"), "¥12,000");
  await expect(page.getByText("¥12,000").first()).toBeVisible();
  await screenshot(page, testInfo, "dashboard-390");
});
