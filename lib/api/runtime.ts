import type { AccessContext } from "@/lib/auth/access";
import type { Db } from "@/lib/db/client";

/**
 * Who a request proved to be. Today only a cookie session (a signed-in user); an API key will
 * resolve to `{ kind: "api_key", context: apiKeyContext(...) }`, which the wrapper already
 * treats as exempt from the CSRF check (browsers never attach a key on their own).
 */
export type ApiCredentials =
  | { kind: "cookie"; userId: string }
  | { kind: "api_key"; context: AccessContext };

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
