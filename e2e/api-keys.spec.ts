import { expect, test } from "@playwright/test";
import { signUpWithOrganisation } from "./helpers/auth";

// Issue 7's API keys in a real browser: an owner creates a key on the Settings page (shown once,
// with a copy button and a warning), the key reads the organisation's customers over HTTP without
// a session, and once revoked (after a confirmation) it is refused.
test("an owner creates an API key in Settings, uses it, and revokes it", async ({ page, playwright, baseURL }) => {
  await signUpWithOrganisation(page, "Keys E2E Ltd");
  await page.goto("/settings");
  const section = page.locator("#api-keys");
  await expect(section.getByText("No API keys yet")).toBeVisible();

  await section.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog");
  // The limit is named when the name is missing.
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();
  await dialog.getByLabel("Name").fill("Zapier");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const field = dialog.getByLabel("New API key");
  await expect(field).toHaveValue(/^hub_sk_[0-9A-Za-z]{40}$/);
  await expect(dialog.getByText("This is the only time the key is shown.")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Copy" })).toBeVisible();
  const secret = await field.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();

  // The list shows the prefix, never the key.
  const row = section.getByRole("row").filter({ hasText: "Zapier" });
  await expect(row).toContainText(secret.slice(0, 13));
  expect(await page.content()).not.toContain(secret);

  // No cookies: only the key.
  const api = await playwright.request.newContext({ baseURL });
  const listed = await api.get("/api/customers", { headers: { authorization: `Bearer ${secret}` } });
  expect(listed.status()).toBe(200);
  expect(await listed.json()).toMatchObject({ data: expect.any(Array), page: { offset: 0 } });

  await row.getByRole("button", { name: "Revoke the API key Zapier" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await api.get("/api/customers", { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ code: "invalid_api_key" });
  await api.dispose();
});
