import { expect, type Page } from "@playwright/test";

/**
 * Creates a customer billed in `currency` and a sent invoice of one line through the JSON API
 * (amounts in minor units; answers in the `{ data }` envelope), as the signed-in user of `page`;
 * returns the invoice id.
 */
export async function createSentInvoice(
  page: Page, opts: { customer: string; currency: string; unitPrice: number; quantity?: number },
): Promise<string> {
  const customer = await page.request.post("/api/customers", { data: { name: opts.customer, currency: opts.currency } });
  expect(customer.status(), await customer.text()).toBe(201);
  const { data: { id: customerId } } = (await customer.json()) as { data: { id: string } };
  const invoice = await page.request.post("/api/invoices", {
    data: {
      customerId, issueDate: "2026-01-05", dueDate: "2099-02-05", send: true,
      lines: [{ description: "Consulting", quantity: opts.quantity ?? 1, unitPrice: opts.unitPrice }],
    },
  });
  expect(invoice.status(), await invoice.text()).toBe(201);
  return ((await invoice.json()) as { data: { id: string } }).data.id;
}
