import { redactArgs } from "./redact";

export { redactArgs, redactText, redactValue, SECRET_NAMES } from "./redact";

/**
 * The hub's logger: console output with every argument redacted (see redact.ts). Use it instead
 * of console.* in hub code.
 */
export const log = {
  info: (...args: unknown[]) => console.log(redactArgs(args)),
  warn: (...args: unknown[]) => console.warn(redactArgs(args)),
  error: (...args: unknown[]) => console.error(redactArgs(args)),
};

const g = globalThis as typeof globalThis & { __hubConsoleRedacted?: boolean };

/**
 * Routes the process's console through the redactor, so lines written by libraries and by
 * Next.js itself (its request log prints callback URLs with `code=` and `state=`) are redacted
 * too. Installed once at server start from instrumentation.ts.
 */
export function installConsoleRedaction(): void {
  if (g.__hubConsoleRedacted) return;
  g.__hubConsoleRedacted = true;
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => original(redactArgs(args));
  }
}
