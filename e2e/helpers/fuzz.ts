import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Hostile values for the server-action fuzz (issue 8): a fixed list, so every run submits the
 * same cases. `refused` says whether the field must answer with a field error; values that a
 * field may legitimately take (a lone surrogate that the browser's FormData turns into U+FFFD,
 * say) only have to cause no 5xx and no error page.
 */
export interface Hostile {
  label: string;
  value: string;
}

export const NUL: Hostile = { label: "NUL", value: "a\u0000b" };
export const SURROGATE: Hostile = { label: "lone surrogate", value: "a\ud800b" };
export const LONG: Hostile = { label: "10,000 characters", value: "x".repeat(10_000) };
export const HUGE: Hostile = { label: "1e308", value: "1e308" };
export const BIG_INT: Hostile = { label: "99999999999999999999", value: "99999999999999999999" };
export const NEGATIVE: Hostile = { label: "negative", value: "-5" };
export const NOT_A_NUMBER: Hostile = { label: "text in a number field", value: "twelve" };
export const YEAR_ZERO: Hostile = { label: "0000-01-01", value: "0000-01-01" };
export const YEAR_9999: Hostile = { label: "9999-12-31", value: "9999-12-31" };

/** Text fields: control characters and oversize text must be refused. */
export const TEXT_VALUES = [NUL, LONG];
/** Numbers typed as text: all refused (negative amounts and quantities included). */
export const NUMBER_VALUES = [HUGE, BIG_INT, NEGATIVE, NOT_A_NUMBER, NUL];
/** Dates outside the sane range, or not dates at all. */
export const DATE_VALUES = [YEAR_ZERO, YEAR_9999, NOT_A_NUMBER, NUL];

/**
 * Records every answer of the page with status ≥ 500 (server actions are POSTs to the page URL).
 * Returns the list, which the spec asserts empty.
 */
export function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

/**
 * Sets a field's value as an attacker would: past the browser's checks (required, pattern, max,
 * maxlength, type=email/date) and through React's own value setter so controlled inputs see it.
 * The value travels as escaped JSON so a lone surrogate reaches the page intact.
 */
export async function setHostileValue(field: Locator, value: string): Promise<void> {
  const json = JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  await field.evaluate((el, encoded) => {
    const v = JSON.parse(encoded) as string;
    for (const a of ["required", "pattern", "max", "min", "maxlength", "minlength", "readonly"]) el.removeAttribute(a);
    if (el instanceof HTMLInputElement && ["email", "date", "number", "tel", "url"].includes(el.type)) el.type = "text";
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value")!.set!.call(el, v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }, json);
}

/** Submits the form with the browser's validation off and waits for the server action's answer. */
export async function submitAndWait(page: Page, form: Locator, submit?: () => Promise<void>): Promise<number> {
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"], { timeout: 20_000 });
  if (submit) await submit();
  else await form.evaluate((f: HTMLFormElement) => { f.noValidate = true; f.requestSubmit(); });
  const status = (await answer).status();
  // The answer is in, but React commits it (new field errors, the form's reset) only when the
  // transition ends, which re-enables the submit button: wait for that, so the next case neither
  // sees this case's errors nor loses its value to this case's reset.
  const button = form.locator('[type="submit"]').first();
  if (await button.count()) await expect(button).toBeEnabled();
  return status;
}

/** The app's error page ("Something went wrong") is not on screen. */
export async function expectNoErrorPage(page: Page, what: string): Promise<void> {
  await expect(page.getByText("Something went wrong"), what).toHaveCount(0);
  await expect(page.getByText(/Application error|Internal Server Error/i), what).toHaveCount(0);
}

/** The field shows its error (aria-invalid, set by FormField and the line editor from the action's answer). */
export async function expectFieldError(field: Locator, what: string): Promise<void> {
  await expect(field, what).toHaveAttribute("aria-invalid", "true");
}
