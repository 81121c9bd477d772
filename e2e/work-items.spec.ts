import { expect, test, type Page } from "@playwright/test";
import { signUpWithOrganisation } from "./helpers/auth";

const unique = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
const row = (page: Page, name: string | RegExp) => page.getByRole("row").filter({ hasText: name });

test("projects, tickets and quotes are created and move through their statuses; the event catalog lists every type", async ({ page }) => {
  // Many navigations and server actions: on a shared, busy machine this passes the default minute.
  test.slow();
  await signUpWithOrganisation(page, `Work Items ${unique()}`);
  const customer = await page.request.post("/api/customers", { data: { name: "Northwind Traders" } });
  expect(customer.status()).toBe(201);

  // Project: empty list, a refused empty name, then created with a customer and completed.
  await page.goto("/projects");
  await expect(page.getByText("No projects yet")).toBeVisible();
  await page.goto("/projects/new");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("Name is required")).toBeVisible();
  await page.getByLabel("Name").fill("Website relaunch");
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Northwind Traders" });
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/projects$/);
  const project = row(page, "Website relaunch");
  await expect(project).toContainText("Northwind Traders");
  await expect(project).toContainText("Active");
  await project.getByRole("button", { name: "Complete" }).click();
  await expect(project).toContainText("Completed");
  await expect(project.getByRole("button", { name: "Complete" })).toHaveCount(0);

  // Ticket: open → in progress → resolved.
  await page.goto("/tickets/new");
  await page.getByLabel("Subject").fill("Invoice PDF shows the wrong address");
  await page.getByRole("button", { name: "Open ticket" }).click();
  await page.waitForURL(/\/tickets$/);
  const ticket = row(page, "Invoice PDF shows the wrong address");
  await expect(ticket).toContainText("Open");
  await ticket.getByRole("button", { name: "Start" }).click();
  await expect(ticket).toContainText("In progress");
  await ticket.getByRole("button", { name: "Resolve" }).click();
  await expect(ticket).toContainText("Resolved");

  // Quote: a total that is not a number is refused under its field; then created and accepted.
  await page.goto("/quotes/new");
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Northwind Traders" });
  await page.getByLabel("Total").fill("lots");
  await page.getByRole("button", { name: "Create quote" }).click();
  await expect(page.getByText("Total must be a number such as 12.50")).toBeVisible();
  await page.getByLabel("Total").fill("1,250.00");
  await page.getByRole("button", { name: "Create quote" }).click();
  await page.waitForURL(/\/quotes$/);
  const accepted = row(page, "Q-0001");
  await expect(accepted).toContainText("$1,250.00");
  await expect(accepted).toContainText("Draft");
  await accepted.getByRole("button", { name: "Accept" }).click();
  await expect(accepted).toContainText("Accepted");

  // A second quote, sent, then rejected behind a confirmation.
  await page.goto("/quotes/new");
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Northwind Traders" });
  await page.getByLabel("Total").fill("80");
  await page.getByLabel("Already sent to the customer").check();
  await page.getByRole("button", { name: "Create quote" }).click();
  await page.waitForURL(/\/quotes$/);
  const rejected = row(page, "Q-0002");
  await expect(rejected).toContainText("Sent");
  await rejected.getByRole("button", { name: "Reject" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Reject quote" }).click();
  await expect(rejected).toContainText("Rejected");
  await expect(row(page, "Q-0001")).toContainText("Accepted");

  // The event catalog: every type, grouped, with a sample and a schema.
  await page.goto("/webhooks/catalog");
  await expect(page.getByRole("heading", { name: "Event catalog" })).toBeVisible();
  await expect(page.locator("section h3")).toHaveCount(22);
  for (const group of ["Invoices", "Payments", "Customers", "Projects", "Tickets", "Quotes"]) {
    await expect(page.getByText(group, { exact: true }).first()).toBeVisible();
  }
  const completed = page.locator("section#project-completed");
  await expect(completed.getByRole("heading", { name: "project.completed" })).toBeVisible();
  await expect(completed.locator("pre").first()).toContainText('"type": "project.completed"');
  await expect(completed.locator("pre").nth(1)).toContainText('"required"');
});
