import { expect, test, type Page } from "@playwright/test";
import { signInAsDemoAdmin } from "./helpers/auth";

/**
 * Time to first byte and load of every page on the production build, as a report (printed and
 * attached to the run as page-timings.json), not a timed assertion: machines differ, and the
 * number to watch is the trend. Each page is visited twice; the second visit is the warm one
 * users feel after the first compile/cache fill.
 */

interface Timing {
  page: string;
  ttfbMs: number;
  loadMs: number;
}

async function measure(page: Page, path: string): Promise<Timing> {
  const response = await page.goto(path, { waitUntil: "load" });
  expect(response?.status(), path).toBeLessThan(400);
  const nav = await page.evaluate(() => {
    const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    return entry ? { ttfb: entry.responseStart - entry.requestStart, load: entry.loadEventEnd - entry.startTime } : null;
  });
  expect(nav, `navigation timing for ${path}`).not.toBeNull();
  return { page: path, ttfbMs: Math.round(nav!.ttfb), loadMs: Math.round(nav!.load) };
}

test("reports time to first byte and load for every page", async ({ page }, testInfo) => {
  // Two visits of ~13 pages; the limit is for a busy CI machine, the numbers are the report.
  test.setTimeout(300_000);
  const signedOut = ["/sign-in", "/sign-up"];
  const cold: Timing[] = [];
  const warm: Timing[] = [];
  for (const path of signedOut) cold.push(await measure(page, path));
  for (const path of signedOut) warm.push(await measure(page, path));

  await signInAsDemoAdmin(page);
  // The demo seed has invoices and customers: their detail pages are measured too.
  const invoices = (await (await page.request.get("/api/invoices?limit=1")).json()) as { data: { id: string }[] };
  const customers = (await (await page.request.get("/api/customers?limit=1")).json()) as { data: { id: string }[] };
  expect(invoices.data.length).toBe(1);
  expect(customers.data.length).toBe(1);
  const pages = [
    "/dashboard", "/customers", "/customers/new", "/invoices", "/invoices/new",
    "/integrations", "/activity", "/settings", "/webhooks",
    `/invoices/${invoices.data[0]!.id}`,
    `/customers/${customers.data[0]!.id}`,
  ];
  for (const path of pages) cold.push(await measure(page, path));
  for (const path of pages) warm.push(await measure(page, path));

  const report = warm.map((w) => ({ ...w, coldTtfbMs: cold.find((c) => c.page === w.page)?.ttfbMs, coldLoadMs: cold.find((c) => c.page === w.page)?.loadMs }));
  console.log("\nPage timings (production build, ms)\n" + [
    `${"page".padEnd(48)} ${"ttfb".padStart(6)} ${"load".padStart(6)}   cold ttfb/load`,
    ...report.map((r) => `${r.page.padEnd(48)} ${String(r.ttfbMs).padStart(6)} ${String(r.loadMs).padStart(6)}   ${r.coldTtfbMs}/${r.coldLoadMs}`),
  ].join("\n"));
  await testInfo.attach("page-timings.json", { body: JSON.stringify(report, null, 2), contentType: "application/json" });
  expect(report.length).toBe(signedOut.length + pages.length);
});
