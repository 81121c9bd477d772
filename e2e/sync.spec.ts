import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { addMemberViaInvitation, newSession, newUser, signInAsDemoAdmin, signUp } from "./helpers/auth";
import { SANDBOX_ORIGIN } from "./helpers/sandbox";

// Issue 10's Sync tab in a real browser against the sandbox: connect Xero, edit a mapping with
// its live preview, save, pick an account from the pulled chart of accounts, run a sync over several pages and watch the progress bar move, find
// the run in history with its counters and a source badge in the invoices list; a member sees
// the tab read-only. The steps share one database and sandbox, so they run in order.

const control = (page: Page, path: string, body: unknown) =>
  page.request.post(`${SANDBOX_ORIGIN}/_control/${path}`, { data: body }).then(async (res) => {
    expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
    return res.json() as Promise<Record<string, unknown>>;
  });

test.describe.serial("sync tab", () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let connectionUrl = "";

  test.beforeAll(async ({ browser }) => {
    ({ context: adminContext, page: admin } = await newSession(browser));
    await signInAsDemoAdmin(admin);
    const listed = await admin.request.get("/api/connections?limit=100");
    const { data } = (await listed.json()) as { data: { id: string; provider: string }[] };
    for (const c of data.filter((c) => c.provider === "xero")) await admin.request.delete(`/api/connections/${c.id}`);
  });
  test.afterAll(async () => {
    await control(admin, "faults", { provider: "xero", latencyMs: 0 }).catch(() => undefined);
    await adminContext?.close();
  });

  test("connects Xero and seeds enough records for a run of several pages", async () => {
    await admin.goto("/integrations/xero");
    await admin.getByRole("button", { name: "Connect Xero" }).click();
    await admin.waitForURL((url) => url.origin === SANDBOX_ORIGIN);
    await admin.getByRole("button", { name: "Allow" }).click();
    await admin.waitForURL(/\/integrations\/xero\/choose-tenant/);
    await admin.locator("label").filter({ has: admin.getByRole("checkbox") }).first().getByRole("checkbox").check();
    await admin.getByRole("button", { name: "Connect organisation" }).click();
    await admin.waitForURL(/\/integrations\/xero\/[0-9a-f-]{36}\?connected=1/);
    connectionUrl = admin.url().split("?")[0]!;
    const id = connectionUrl.split("/").at(-1)!;
    const { data: conn } = (await (await admin.request.get(`/api/connections/${id}`)).json()) as { data: { externalAccountId: string } };
    // 300 contacts and 600 invoices: 3 + 6 pages of 100 at Xero.
    await control(admin, "seed", { provider: "xero", account: conn.externalAccountId, contacts: 300, invoices: 600 });
  });

  test("edits the customers mapping with the live preview, refuses an unknown field by its path, then saves", async () => {
    await admin.goto(connectionUrl);
    await admin.getByRole("tab", { name: "Sync" }).click();
    const editor = admin.getByTestId("mapping-editor-customers");
    await expect(editor).toBeVisible();
    const preview = admin.getByTestId("mapping-preview");
    await expect(preview.getByTestId("mapping-preview-record")).toHaveCount(3, { timeout: 20_000 });

    // An unknown Xero field: the preview and the row name it.
    const emailRow = editor.getByTestId("mapping-row").filter({ has: admin.locator("option:checked", { hasText: /^email$/ }) }).first();
    const remote = emailRow.getByLabel(/Xero field of row/);
    await remote.fill("EmailAddres");
    await expect(emailRow.getByText(/unknown xero field "EmailAddres"/i)).toBeVisible({ timeout: 10_000 });

    // A valid edit: phone from the first phone number; the preview shows the mapped phone field.
    await remote.fill("EmailAddress");
    await editor.getByRole("button", { name: "Add a field" }).first().click();
    const added = editor.getByTestId("mapping-row").last();
    await added.getByLabel(/App field of row/).selectOption("phone");
    await added.getByLabel(/Xero field of row/).fill("Phones[0].PhoneNumber");
    await expect(preview.getByTestId("mapping-preview-after").first().getByText("phone", { exact: true })).toBeVisible({ timeout: 10_000 });
    await editor.getByRole("button", { name: "Save mapping" }).click();
    await expect(admin.getByText("Mapping saved.")).toBeVisible();
    await expect(admin.getByRole("tab", { name: /Customers \(custom\)/ })).toBeVisible();
  });

  test("picks the expense account from the connection's pulled accounts, then saves", async () => {
    // A fresh load: no toast of an earlier save still on screen.
    await admin.goto(connectionUrl);
    await admin.getByRole("tab", { name: "Sync" }).click();
    const editor = admin.getByTestId("mapping-editor-expenses");
    await admin.getByRole("tab", { name: /^Expenses/ }).click();
    await expect(editor).toBeVisible();
    // The Xero account code of the expense line is chosen from Xero's chart of accounts, not typed.
    const row = editor.getByTestId("mapping-row").filter({ has: admin.locator('input[value="LineItems[0].AccountCode"]') });
    await expect(row.getByLabel(/Values of row \d+ from/)).toHaveValue("accounts");
    const account = row.getByLabel(/^Value of row \d+$/);
    await expect(account.locator("option:checked")).toHaveText("400 · Advertising", { timeout: 20_000 });
    await expect(account.locator("option", { hasText: "200 · Sales" })).toHaveCount(1);
    await account.selectOption("200");
    await editor.getByRole("button", { name: "Save mapping" }).click();
    await expect(admin.getByText("Mapping saved.")).toBeVisible();
    await expect(admin.getByRole("tab", { name: /Expenses \(custom\)/ })).toBeVisible();
    await expect(editor.getByTestId("mapping-row").filter({ has: admin.locator('input[value="LineItems[0].AccountCode"]') }).getByLabel(/^Value of row \d+$/)).toHaveValue("200");
  });

  test("Sync now: the progress bar moves, then the run is in history with its counters", async () => {
    test.setTimeout(180_000); // a full resync of the seeded ledger; on a loaded machine it takes over a minute
    // A full resync reads every page again (the hourly schedule may already have pulled them),
    // each Xero call held 600 ms so the bar is seen at several points.
    await control(admin, "faults", { provider: "xero", latencyMs: 600 });
    await expect(admin.getByRole("progressbar", { name: "Sync progress" })).toHaveCount(0, { timeout: 120_000 });
    await admin.getByRole("button", { name: "Full resync" }).click();
    const bar = admin.getByRole("progressbar", { name: "Sync progress" });
    await expect(bar).toBeVisible({ timeout: 20_000 });
    const seen = new Set<string>();
    await expect(async () => {
      seen.add((await bar.getAttribute("data-progress")) ?? "");
      expect([...seen].filter((v) => Number(v) > 0).length).toBeGreaterThanOrEqual(2);
    }).toPass({ timeout: 60_000, intervals: [250] });
    // The full run (other runs, such as push runs the pulled records trigger, may follow it).
    const row = admin.getByTestId("sync-run-row").filter({ hasText: "All · both · full" }).first();
    await expect(row).toContainText(/Succeeded|Partial/, { timeout: 120_000 });
    const cells = row.getByRole("cell");
    // Created + updated + unchanged: every seeded contact and invoice (and the tenant's own records).
    const counted = await Promise.all([3, 4, 5].map(async (i) => Number(await cells.nth(i).innerText())));
    expect(counted.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(900);
    await expect(admin.getByRole("img", { name: /Records per run/ })).toBeVisible();
  });

  test("a pulled invoice shows its source badge in the invoices list", async () => {
    await control(admin, "faults", { provider: "xero", latencyMs: 0 });
    await admin.goto("/invoices");
    const badge = admin.getByTestId("source-badge").first();
    await expect(badge).toContainText("From Xero");
  });

  test("a member sees the Sync tab read-only", async ({ browser }) => {
    const { context, page: member } = await newSession(browser);
    try {
      const user = newUser("sync-member");
      await signUp(member, user);
      await addMemberViaInvitation(admin, member, user.email, "member");
      await member.goto(connectionUrl);
      await member.getByRole("tab", { name: "Sync" }).click();
      await expect(member.getByTestId("sync-read-only")).toBeVisible();
      await expect(member.getByTestId("sync-run-row").first()).toBeVisible();
      await expect(member.getByRole("button", { name: "Sync now", exact: true })).toHaveCount(0);
      await expect(member.getByRole("button", { name: "Save mapping" })).toHaveCount(0);
      await expect(member.getByLabel("Schedule of customers")).toBeDisabled();
      const res = await member.request.post(`/api/connections/${connectionUrl.split("/").at(-1)}/sync`, { data: {} });
      expect(res.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
