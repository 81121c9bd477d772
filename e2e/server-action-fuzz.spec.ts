import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { newSession, newUser, signInAsDemoAdmin, signUp } from "./helpers/auth";
import {
  DATE_VALUES, expectFieldError, expectNoErrorPage, LONG, NOT_A_NUMBER, NUL, NUMBER_VALUES, setHostileValue,
  submitAndWait, SURROGATE, TEXT_VALUES, watchServerErrors, type Hostile,
} from "./helpers/fuzz";

// Issue 8, item 5's acceptance for server actions: every form of the app, submitted signed in
// with hostile values past the browser's own checks (NUL, lone surrogates, 10,000 characters,
// huge and negative numbers, text in number fields, dates in year 0 and 9999), answers with a
// field error: never a 5xx, never the error page. Then every action called directly with wrong
// argument types, and a 2 MB body, which is refused with 413 before any action runs.

test.describe.configure({ timeout: 240_000 });

/** One field of a form and the values it must refuse (`mayAccept`: values it may take). */
interface FieldCase {
  field: string;
  refuse: Hostile[];
  mayAccept?: Hostile[];
}

/**
 * Opens `url`, sets one field to each hostile value and submits; asserts the answer is below
 * 500, no error page, and the field error for refused values. A refused submit leaves the form
 * on screen, so the page is only reloaded when a case navigated away (or on the first case).
 */
async function fuzzForm(page: Page, url: string, formOf: (page: Page) => Locator, cases: FieldCase[], opts: { fieldOf?: (form: Locator, name: string) => Locator; before?: (page: Page) => Promise<void> } = {}) {
  const fieldOf = opts.fieldOf ?? ((form, name) => form.locator(`[name="${name}"]`));
  let loaded = false;
  for (const c of cases) {
    for (const [value, mustRefuse] of [...c.refuse.map((v) => [v, true] as const), ...(c.mayAccept ?? []).map((v) => [v, false] as const)]) {
      const what = `${url} ${c.field} = ${value.label}`;
      if (!loaded || new URL(page.url()).pathname !== url) {
        await page.goto(url);
        if (opts.before) await opts.before(page);
        loaded = true;
      }
      const form = formOf(page);
      await setHostileValue(fieldOf(form, c.field), value.value);
      const status = await submitAndWait(page, form);
      expect(status, what).toBeLessThan(500);
      await expectNoErrorPage(page, what);
      if (mustRefuse) await expectFieldError(fieldOf(formOf(page), c.field), what);
    }
  }
}

const byButton = (name: string | RegExp) => (page: Page) => page.locator("form").filter({ has: page.getByRole("button", { name }) });

test("sign-in, sign-up and onboarding forms refuse hostile values with field errors", async ({ browser }) => {
  const { context, page } = await newSession(browser);
  const errors = watchServerErrors(page);
  try {
    // Other fields stay empty, so no case signs in or creates anything (and no sign-in limit is spent).
    await fuzzForm(page, "/sign-in", byButton("Sign in"), [
      { field: "email", refuse: TEXT_VALUES, mayAccept: [SURROGATE] },
      { field: "password", refuse: [LONG] },
    ]);
    await fuzzForm(page, "/sign-up", byButton("Create account"), [
      { field: "name", refuse: TEXT_VALUES, mayAccept: [SURROGATE] },
      { field: "email", refuse: TEXT_VALUES, mayAccept: [SURROGATE] },
      { field: "password", refuse: [LONG] },
    ]);
    await signUp(page, newUser("fuzz"));
    await fuzzForm(page, "/onboarding", byButton("Create organisation"), [
      { field: "name", refuse: TEXT_VALUES },
    ]);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test("customer create and edit forms refuse hostile values with field errors", async ({ page }) => {
  const errors = watchServerErrors(page);
  await signInAsDemoAdmin(page);
  const textFields = ["name", "email", "phone", "address", "taxNumber"].map((field) => ({ field, refuse: TEXT_VALUES }));
  const currency = { field: "currency", refuse: [...TEXT_VALUES, NOT_A_NUMBER, { label: "1e308", value: "1e308" }] };
  await fuzzForm(page, "/customers/new", byButton("Create customer"), [...textFields, currency]);
  await page.goto("/customers");
  const customer = await page.locator('a[href^="/customers/"]:not([href="/customers/new"])').first().getAttribute("href");
  await fuzzForm(page, customer!, byButton(/^Save/), textFields.slice(0, 2));
  expect(errors).toEqual([]);
});

test("project, ticket and quote create forms refuse hostile values with field errors", async ({ page }) => {
  const errors = watchServerErrors(page);
  await signInAsDemoAdmin(page);
  const text = (field: string) => ({ field, refuse: TEXT_VALUES });
  await fuzzForm(page, "/projects/new", byButton("Create project"), [text("name"), text("description")]);
  await fuzzForm(page, "/tickets/new", byButton("Open ticket"), [text("subject"), text("description")]);
  await fuzzForm(page, "/quotes/new", byButton("Create quote"), [
    { field: "total", refuse: NUMBER_VALUES },
    { field: "validUntil", refuse: DATE_VALUES },
    text("notes"),
  ]);
  expect(errors).toEqual([]);
});

/** The invoice editor's fields: dates and notes by name, line cells by id. */
const invoiceField = (form: Locator, name: string) => (name.startsWith("line-") ? form.locator(`#${name}`) : form.locator(`[name="${name}"]`));

/** Chooses the first customer in the editor's select, so only the fuzzed field is wrong. */
async function chooseCustomer(page: Page) {
  await page.getByLabel("Customer").click();
  await page.getByRole("option").first().click();
}

/** Saves a valid one-line invoice through the editor (sent or draft); returns its page's path. */
async function createInvoiceInEditor(page: Page, send: boolean): Promise<string> {
  await page.goto("/invoices/new");
  await chooseCustomer(page);
  await page.getByLabel("Description, line 1").fill("Fuzz consulting");
  await page.getByLabel("Unit price, line 1").fill("100");
  await page.getByRole("button", { name: send ? "Save and send" : "Save as draft" }).click();
  await page.waitForURL(/\/invoices\/(?!new)[^/]+$/);
  return new URL(page.url()).pathname;
}

const INVOICE_CASES: FieldCase[] = [
  { field: "issueDate", refuse: DATE_VALUES },
  { field: "dueDate", refuse: DATE_VALUES },
  // Invoice fields travel as JSON, so the lone surrogate arrives intact and must be refused.
  { field: "line-0-description", refuse: [...TEXT_VALUES, SURROGATE] },
  { field: "line-0-quantity", refuse: NUMBER_VALUES },
  { field: "line-0-unitPrice", refuse: NUMBER_VALUES },
  { field: "notes", refuse: [...TEXT_VALUES, SURROGATE] },
];

test("invoice create and edit forms refuse hostile values with field errors", async ({ page }) => {
  const errors = watchServerErrors(page);
  await signInAsDemoAdmin(page);
  await fuzzForm(page, "/invoices/new", byButton("Save as draft"), INVOICE_CASES, { fieldOf: invoiceField, before: chooseCustomer });
  const draft = await createInvoiceInEditor(page, false);
  await fuzzForm(page, `${draft}/edit`, byButton("Save changes"), INVOICE_CASES.slice(2, 4), { fieldOf: invoiceField });
  expect(errors).toEqual([]);
});

test("record-payment and settings forms refuse hostile values with field errors", async ({ page }) => {
  const errors = watchServerErrors(page);
  await signInAsDemoAdmin(page);
  const invoice = await createInvoiceInEditor(page, true);
  const dialogForm = (p: Page) => p.getByRole("dialog").locator("form");
  await fuzzForm(page, invoice, dialogForm, [
    { field: "amount", refuse: NUMBER_VALUES },
    { field: "paidAt", refuse: DATE_VALUES },
    { field: "reference", refuse: TEXT_VALUES },
  ], { before: (p) => p.getByRole("button", { name: "Record payment" }).click() });

  const formWith = (selector: string) => (p: Page) => p.locator("form").filter({ has: p.locator(selector) });
  await fuzzForm(page, "/settings", (p) => p.locator("form").filter({ has: p.getByLabel("Organisation name") }), [{ field: "name", refuse: TEXT_VALUES }]);
  await fuzzForm(page, "/settings", formWith("#field-timeZone"), [{ field: "timeZone", refuse: [...TEXT_VALUES, { label: "unknown zone", value: "Mars/Olympus" }] }]);
  await fuzzForm(page, "/settings", formWith("#new-organisation-name"), [{ field: "name", refuse: TEXT_VALUES }]);
  await fuzzForm(page, "/settings", byButton("Send invitation"), [{ field: "email", refuse: [...TEXT_VALUES, NOT_A_NUMBER] }]);
  await fuzzForm(page, "/settings", dialogForm, [{ field: "name", refuse: TEXT_VALUES }], { before: (p) => p.getByRole("button", { name: "Create API key" }).click() });
  expect(errors).toEqual([]);
});

/** Every server action of the build, by id, from the server-reference manifest next build wrote. */
function serverActions(): { id: string; name: string; page: string }[] {
  const file = path.join(process.env.NEXT_DIST_DIR ?? ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }> };
  return Object.entries(manifest.node)
    .map(([id, a]) => {
      // A page that holds the action ("app/(app)/customers/[id]/page" → "/customers/<uuid>").
      const worker = Object.keys(a.workers).find((w) => w.endsWith("/page")) ?? "app/dashboard/page";
      const page = worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]*\)/g, "").replace(/\[[^\]]+\]/g, "00000000-0000-0000-0000-000000000000") || "/";
      return { id, name: `${a.filename ?? "?"}#${a.exportedName ?? "?"}`, page };
    })
    // Sign-out last: it ends the session the other calls use.
    .sort((a, b) => Number(a.name.endsWith("#signOutAction")) - Number(b.name.endsWith("#signOutAction")));
}

// Argument lists of the wrong shape and type: what an attacker posts instead of the form's FormData.
const HOSTILE_ARGS: unknown[][] = [
  [],
  [null, null, null],
  [12345, { a: 1 }, [1, 2]],
  [NUL.value, NUL.value],
  [SURROGATE.value, { customerId: SURROGATE.value, lines: SURROGATE.value }],
  [LONG.value, {}, LONG.value],
  [1e308, -1, 99999999999999999999],
  ["00000000-0000-0000-0000-000000000000", { customerId: 5, issueDate: "0000-01-01", dueDate: "9999-12-31", lines: [{ quantity: 1e308, unitPrice: "x" }] }],
];

test("every server action, called directly with wrong argument types, answers below 500", async ({ page }) => {
  await signInAsDemoAdmin(page);
  const actions = serverActions();
  expect(actions.length).toBeGreaterThan(10);
  const failures: string[] = [];
  for (const action of actions) {
    for (const args of HOSTILE_ARGS) {
      const res = await page.request.post(action.page, {
        headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: new URL(page.url()).origin },
        data: JSON.stringify(args),
        maxRedirects: 0,
      });
      // 409 "Server Action unavailable" means Next did not find the action: then nothing was fuzzed.
      if (res.status() >= 500 || res.status() === 409) failures.push(`${res.status()} ${action.name}(${JSON.stringify(args).slice(0, 80)})`);
    }
  }
  expect(failures).toEqual([]);
});

test("a 2 MB body to a server action is refused with 413 and writes nothing", async ({ page }) => {
  await signInAsDemoAdmin(page);
  await page.goto("/customers/new");
  // The action id of the real create-customer form, from the request the form itself sends.
  const form = byButton("Create customer")(page);
  await setHostileValue(form.locator('[name="name"]'), NUL.value);
  const sent = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await form.evaluate((f: HTMLFormElement) => f.requestSubmit());
  const actionId = (await sent).headers()["next-action"];
  expect(actionId).toMatch(/^[0-9a-f]{40,}$/);

  const name = `Oversized ${Date.now()}`;
  const res = await page.request.post("/customers/new", {
    headers: { "next-action": actionId, accept: "text/x-component", origin: new URL(page.url()).origin },
    multipart: { "1_$ACTION_ID": actionId, "1_name": name, "1_address": "x".repeat(2 * 1024 * 1024), "0": '["$K1"]' },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(413);
  const list = await page.request.get(`/api/customers?q=${encodeURIComponent(name)}`);
  expect(list.status()).toBe(200);
  expect(JSON.stringify(await list.json())).not.toContain(name);
});
