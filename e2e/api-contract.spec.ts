import { expect, test } from "@playwright/test";
import { signUpWithOrganisation } from "./helpers/auth";
import { SANDBOX_ORIGIN } from "./helpers/sandbox";

// The CSRF attacks of the security review, replayed by a real browser against the running hub:
// a page on another origin of the same site (the sandbox's port) auto-submits a text/plain form,
// which the browser sends with the session cookie. Integration tests cover the rest of the contract.
const unique = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

test("a same-site page cannot create a customer with an auto-submitted text/plain form", async ({ page, baseURL }) => {
  await signUpWithOrganisation(page, `CSRF Co ${unique()}`);
  const before = (await (await page.request.get("/api/customers")).json()).page.total as number;

  await page.goto(SANDBOX_ORIGIN);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/customers") && r.request().method() === "POST");
  await page.evaluate((action) => {
    const form = document.createElement("form");
    form.method = "POST";
    form.action = action;
    form.enctype = "text/plain";
    const input = document.createElement("input");
    input.name = '{"name":"Forged","x":"';
    input.value = '"}';
    form.append(input);
    document.body.append(form);
    form.submit();
  }, `${baseURL}/api/customers`);
  const res = await answer;
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ code: "csrf_refused" });

  await page.goto("/customers");
  const after = (await (await page.request.get("/api/customers")).json()).page.total as number;
  expect(after).toBe(before);
});

test("the API refuses non-JSON bodies, foreign origins and 2 MB bodies with problem+json", async ({ page }) => {
  await signUpWithOrganisation(page, `Contract Co ${unique()}`);
  const plain = await page.request.post("/api/customers", { headers: { "content-type": "text/plain" }, data: '{"name":"Plain"}' });
  expect(plain.status()).toBe(415);
  expect(plain.headers()["content-type"]).toBe("application/problem+json");
  const evil = await page.request.post("/api/customers", { headers: { origin: "http://evil.example" }, data: { name: "Evil" } });
  expect(evil.status()).toBe(403);
  expect((await evil.json()).code).toBe("csrf_refused");
  const big = await page.request.post("/api/customers", { data: { name: "x".repeat(2 * 1024 * 1024) } });
  expect(big.status()).toBe(413);
  const list = await (await page.request.get("/api/customers")).json();
  expect(list.page.total).toBe(0);
});
