import { readdirSync } from "node:fs";
import path from "node:path";
import { getUserById } from "@/lib/db/queries/users";
import { requestCookie, setApiRuntime } from "@/lib/api/runtime";
import type { Db } from "@/lib/db/client";

/** The cookie the test runtime reads the signed-in user's id from (tests only). */
export const TEST_SESSION_COOKIE = "hub-test-session";
export const TEST_ORIGIN = "http://hub.test";

/**
 * Points the route wrapper at a test database and a session resolver over real user rows: a
 * request is signed in as the user named by its TEST_SESSION_COOKIE, if that user exists. Only
 * Auth.js's cookie decoding is replaced; memberships, roles and the active organisation are
 * resolved by the wrapper's own code. Returns a function that restores the default runtime.
 */
export function useTestApiRuntime(db: Db): () => void {
  setApiRuntime({
    db: async () => db,
    async authenticate(req) {
      const id = requestCookie(req, TEST_SESSION_COOKIE);
      const user = id ? await getUserById(db, id) : null;
      return user ? { kind: "cookie", userId: user.id } : null;
    },
  });
  return () => setApiRuntime(null);
}

/** Options of apiRequest: who signs in, the JSON body, extra headers. */
export interface ApiRequestInit {
  userId?: string;
  /** An object is sent as JSON with Content-Type application/json; a string is sent as-is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A Request to `pathAndQuery` on the test origin, signed in as `userId` when given. */
export function apiRequest(method: string, pathAndQuery: string, init: ApiRequestInit = {}): Request {
  const headers = new Headers(init.headers);
  // Cookies are one header joined by "; " (Headers.append would join them with ", ").
  if (init.userId) headers.set("cookie", [headers.get("cookie"), `${TEST_SESSION_COOKIE}=${init.userId}`].filter(Boolean).join("; "));
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    if (typeof init.body !== "string" && !headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return new Request(new URL(pathAndQuery, TEST_ORIGIN), { method, headers, body });
}

/** A route file under app/api: its URL template (`/api/invoices/[id]`) and absolute path. */
export interface RouteFile {
  template: string;
  file: string;
}

/** Every `app/api/**\/route.ts`, found by walking the folder, so new routes are covered without a list. */
export function discoverApiRoutes(root = path.resolve(import.meta.dirname, "../../app/api")): RouteFile[] {
  const out: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // Folders starting with "_" are private in the App Router: never routes (e.g. app/api/_shared).
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("_")) walk(full);
      }
      else if (entry.name === "route.ts") {
        const rel = path.relative(root, path.dirname(full)).split(path.sep).filter(Boolean);
        out.push({ template: `/api${rel.length ? `/${rel.join("/")}` : ""}`, file: full });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => a.template.localeCompare(b.template));
}

/** The `[name]` segments of a route template. */
export function templateParams(template: string): string[] {
  return [...template.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
}

// A URL cannot carry a lone surrogate (encodeURIComponent throws); the handler still receives the
// raw value through its params, as a tampered request could deliver it.
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

/** Fills a template's `[name]` segments from `values` (URL-encoded). */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => encodeURIComponent(wellFormed(values[name] ?? "")));
}

/** The context Next.js passes a handler: params as a promise. */
export const routeContext = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

/** Every key of a JSON value, at any depth. */
export function jsonKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => jsonKeys(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      jsonKeys(v, out);
    }
  }
  return out;
}
