import { expect, test } from "@playwright/test";
import { newSession, signUpWithOrganisation } from "./helpers/auth";

const unique = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

test("a new user signs up, creates an organisation, invoices a customer and records the payment", async ({ page }) => {
  // A dozen navigations and server actions: on a shared, busy machine this passes the default minute.
  test.slow();
  const org = `Ledger & Co ${unique()}`;
  await signUpWithOrganisation(page, org);
  await expect(page.getByText(org).first()).toBeVisible();

  // Customer: an empty name is refused with a field error, then the customer is created.
  await page.goto("/customers/new");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("Name is required")).toBeVisible();
  await page.getByLabel("Name").fill("Northwind Traders");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("Email must be a valid email address")).toBeVisible();
  await page.getByLabel("Email").fill("billing@northwind.example");
  await page.getByRole("button", { name: "Create customer" }).click();
  // Wait for the redirect to the new customer's page (not the /customers/new it started on).
  await page.waitForURL(/\/customers\/(?!new$)[^/]+$/);
  await expect(page.getByRole("heading", { name: "Northwind Traders" })).toBeVisible();

  // Invoice: without a line description nothing is saved; with one it is created and sent.
  await page.goto("/invoices/new");
  await page.getByLabel("Customer").click();
  await page.getByRole("option", { name: "Northwind Traders" }).click();
  await page.getByLabel("Quantity, line 1").fill("2");
  await page.getByLabel("Unit price, line 1").fill("50.00");
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(page.getByText("Description is required")).toBeVisible();
  await expect(page).toHaveURL(/\/invoices\/new$/);

  await page.getByLabel("Description, line 1").fill("Bookkeeping, October");
  await expect(page.getByTestId("invoice-total")).toHaveText("$100.00");
  await page.getByRole("button", { name: "Save and send" }).click();
  await page.waitForURL(/\/invoices\/(?!new$)[^/]+$/);
  await expect(page.getByRole("heading", { name: /Invoice INV-/ })).toBeVisible();
  await expect(page.getByText("Sent", { exact: true })).toBeVisible();
  await expect(page.getByTestId("balance-due")).toHaveText("$100.00");

  // Payment: the dialog offers the balance; recording it marks the invoice paid.
  await page.getByRole("button", { name: "Record payment" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel(/Amount/)).toHaveValue("100.00");
  await dialog.getByRole("button", { name: "Record payment" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Paid", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("balance-due")).toHaveText("$0.00");

  // Only one invoice exists: the refused attempt saved nothing.
  const list = await page.request.get("/api/invoices");
  expect(list.status()).toBe(200);
  const body = await list.json();
  expect(body.page.total).toBe(1);
  expect(body.data[0].status).toBe("paid");
});

test("a member of another organisation gets 404 for an organisation's invoice page and API", async ({ page, browser }) => {
  // Organisation A, with one invoice created through the API.
  await signUpWithOrganisation(page, `Org A ${unique()}`, "alice");
  const customer = await page.request.post("/api/customers", { data: { name: "Private Customer" } });
  expect(customer.status()).toBe(201);
  const { data: { id: customerId } } = await customer.json();
  const invoice = await page.request.post("/api/invoices", {
    data: {
      customerId, issueDate: "2026-11-01", dueDate: "2026-11-30",
      lines: [{ description: "Secret work", quantity: 1, unitPrice: 12_345 }],
    },
  });
  expect(invoice.status()).toBe(201);
  const { data: { id: invoiceId } } = await invoice.json();
  expect((await page.request.get(`/api/invoices/${invoiceId}`)).status()).toBe(200);

  // Organisation B's member: the same URL and API answer 404 and show nothing of A's invoice.
  const b = await newSession(browser);
  await signUpWithOrganisation(b.page, `Org B ${unique()}`, "bob");
  const pageResponse = await b.page.goto(`/invoices/${invoiceId}`);
  expect(pageResponse?.status()).toBe(404);
  await expect(b.page.getByText("Invoice not found")).toBeVisible();
  await expect(b.page.getByText("Secret work")).toHaveCount(0);

  const api = await b.page.request.get(`/api/invoices/${invoiceId}`);
  expect(api.status()).toBe(404);
  expect(JSON.stringify(await api.json())).not.toContain("Secret work");
  expect((await b.page.request.post(`/api/invoices/${invoiceId}/payments`, {
    data: { amount: 100, paidAt: "2026-11-02" },
  })).status()).toBe(404);
  expect((await b.page.request.get(`/api/customers/${customerId}`)).status()).toBe(404);
  await b.context.close();
});

test("signed-out visitors are sent to sign in, and the API answers 401", async ({ page }) => {
  await page.goto("/invoices");
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get("/api/invoices")).status()).toBe(401);
});
