import type { Db } from "@/lib/db/client";

/**
 * Who a cookie session proved to be (a signed-in user). API keys are not a runtime concern: the
 * wrapper reads `Authorization: Bearer` and looks the key up in the runtime's database itself.
 */
export type ApiCredentials = { kind: "cookie"; userId: string };

/** What the route wrapper needs from the outside world; swapped in tests, never mocked per call. */
export interface ApiRuntime {
  db(): Promise<Db>;
  /** The caller's credentials, or null when the request carries none that are valid. */
  authenticate(req: Request): Promise<ApiCredentials | null>;
}

const g = globalThis as typeof globalThis & { __hubApiRuntime?: ApiRuntime };

/**
 * Sets the runtime the wrapper uses (tests: their own database and a session resolver over real
 * user rows, see lib/testing/api.ts). `null` restores the default (Auth.js session, getDb()).
 */
export function setApiRuntime(runtime: ApiRuntime | null): void {
  g.__hubApiRuntime = runtime ?? undefined;
}

/** The runtime set with setApiRuntime, or undefined to use the default. */
export function configuredApiRuntime(): ApiRuntime | undefined {
  return g.__hubApiRuntime;
}

/** The value of one cookie in a request's Cookie header (no Next.js needed). */
export function requestCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
