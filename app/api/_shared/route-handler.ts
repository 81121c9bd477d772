import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { userContext, type AccessContext } from "@/lib/auth/access";
import { ORG_COOKIE } from "@/lib/auth/org-cookie";
import { ForbiddenError, hasRole, resolveTenant, type Role, type Tenant } from "@/lib/auth/tenant";
import { assertDeclaredLength, discardBody, readJsonBody, readTextBody } from "@/lib/api/body";
import { assertSameOrigin } from "@/lib/api/csrf";
import { errorToProblem } from "@/lib/api/error-map";
import { parseInput, searchParamsObject } from "@/lib/api/input";
import type { RawInputs } from "@/lib/api/input-paths";
import { ApiError, problemResponse } from "@/lib/api/problem";
import { configuredApiRuntime, requestCookie, type ApiRuntime } from "@/lib/api/runtime";
import { getDb, type Db } from "@/lib/db/client";

/**
 * `session`: a signed-in user acting in their active organisation (`ctx`, `tenant`);
 * `user`: a signed-in user who may have no organisation yet (`userId`); `public`: anyone.
 */
export type AuthMode = "session" | "user" | "public";

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** How a route authenticates and what input it takes; every schema is zod. */
export interface RouteSpec<A extends AuthMode, P extends Schema, Q extends Schema, B extends Schema> {
  auth: A;
  /** The lowest role allowed (session routes): `admin` for integration management. */
  minRole?: A extends "session" ? Role : never;
  /** Path segments (`{ id }`), as Next.js passes them. */
  params?: P;
  /** The query string; a key given twice arrives as an array. */
  query?: Q;
  /** The JSON body; routes without one never read it. */
  body?: B;
  /** Body byte limit; defaults to MAX_JSON_BODY_BYTES (1 MiB). */
  maxBodyBytes?: number;
  /**
   * Hand the body to the handler as raw text (`rawBody`), any content type, read once with the
   * byte limit: for signed inbound webhooks, whose signatures cover the exact bytes. Excludes `body`.
   */
  rawBody?: boolean;
}

type AuthArgs<A extends AuthMode> = A extends "session"
  ? { ctx: AccessContext; tenant: Tenant }
  : A extends "user"
    ? { userId: string }
    : object;

/** What a handler receives: the request, the database, parsed input and who is calling. */
export type HandlerArgs<A extends AuthMode, P extends Schema, Q extends Schema, B extends Schema> = {
  req: Request;
  db: Db;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** The raw body text, when the spec asked for it (`rawBody: true`). */
  rawBody?: string;
} & AuthArgs<A>;

/** The second argument Next.js passes to a route handler. */
export interface NextRouteContext {
  params?: Promise<Record<string, string | string[] | undefined>>;
}

// The default runtime: Auth.js's cookie session and the process-wide database. session.ts is
// imported lazily because next-auth only loads inside Next.js; tests set their own runtime.
const defaultRuntime: ApiRuntime = {
  db: getDb,
  async authenticate() {
    const { getCurrentUser } = await import("@/lib/auth/session");
    const user = await getCurrentUser();
    return user ? { kind: "cookie", userId: user.id } : null;
  },
};

/**
 * The runtime in force: the one a test set, else the default (Auth.js session, getDb()). For
 * endpoints that are not JSON APIs (the OAuth callback redirects a browser) but must still find
 * the caller the same way the wrapper does.
 */
export const apiRuntime = (): ApiRuntime => configuredApiRuntime() ?? defaultRuntime;

/** A JSON success answer; API JSON is never cached by browsers or proxies. */
export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("cache-control", "no-store");
  return Response.json(data, { status, headers: h });
}

async function authenticate<A extends AuthMode>(spec: RouteSpec<A, Schema, Schema, Schema>, req: Request, runtime: ApiRuntime, db: Db) {
  if (spec.auth === "public") return {};
  const credentials = await runtime.authenticate(req);
  if (!credentials) throw new ApiError(401, "unauthenticated", "Sign in to use this API.");
  // Hook for API keys: they will resolve to an AccessContext (apiKeyContext) and skip the CSRF
  // check below. The queries behind the routes already take any AccessContext; what is missing is
  // the key store, and `tenant` (a user) in the handler args, which key requests cannot have.
  if (credentials.kind === "api_key") throw new ApiError(403, "api_key_not_allowed", "This route does not accept API keys.");
  // A browser attaches the session cookie to any request, so state changes must come from our own pages.
  assertSameOrigin(req);
  if (spec.auth === "user") return { userId: credentials.userId };
  const tenant = await resolveTenant(db, credentials.userId, requestCookie(req, ORG_COOKIE));
  if (!tenant) throw new ApiError(403, "no_organisation", "Create or join an organisation first.");
  if (spec.minRole && !hasRole(tenant, spec.minRole)) throw new ForbiddenError();
  return { ctx: userContext(tenant), tenant };
}

/**
 * The one wrapper of every `/api` route handler: authenticate (cookie session today, API keys
 * later) → access context and role → CSRF check for cookie-authenticated state changes → zod-parsed
 * path params, query and JSON body (1 MiB cap, `application/json` only, NUL bytes and lone
 * surrogates refused) → handler → one error mapping to `application/problem+json` (see
 * lib/api/error-map.ts). Next.js control-flow errors (redirect, notFound) are re-thrown.
 *
 * @example
 * // app/api/widgets/[id]/route.ts
 * // PATCH /api/widgets/[id] — rename a widget
 * export const PATCH = route(
 *   { auth: "session", minRole: "admin", params: idParamsSchema, body: z.object({ name: z.string().max(100) }) },
 *   async ({ db, tenant, params, body }) => json({ data: toWidgetDto(await renameWidget(db, tenant, params.id, body.name)) }),
 * );
 */
export function route<A extends AuthMode, P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(
  spec: RouteSpec<A, P, Q, B>,
  handler: (args: HandlerArgs<A, P, Q, B>) => Promise<Response>,
): (req: Request, context?: NextRouteContext) => Promise<Response> {
  return async (req, context) => {
    const inputs: RawInputs = {};
    try {
      const runtime = apiRuntime();
      assertDeclaredLength(req, spec.maxBodyBytes);
      const db = await runtime.db().catch((cause: unknown) => {
        console.error("[hub] database unavailable", cause);
        throw new ApiError(503, "database_unavailable", "The database is not answering. Try again in a moment.");
      });
      const who = await authenticate(spec, req, runtime, db);
      inputs.path = (await context?.params) ?? {};
      inputs.query = searchParamsObject(new URL(req.url).searchParams);
      const params = spec.params ? parseInput(spec.params, inputs.path, "path") : undefined;
      const query = spec.query ? parseInput(spec.query, inputs.query, "query") : undefined;
      let body: unknown;
      let rawBody: string | undefined;
      if (spec.rawBody) {
        rawBody = await readTextBody(req, spec.maxBodyBytes);
      } else if (spec.body) {
        inputs.body = await readJsonBody(req, spec.maxBodyBytes);
        body = parseInput(spec.body, inputs.body, "body");
      } else {
        // A route without a body never reads one, but an oversized upload is still refused (413)
        // rather than silently buffered, whatever Content-Length said.
        await discardBody(req, spec.maxBodyBytes);
      }
      // The conditional types cannot be narrowed from runtime values; the parts were parsed by their schemas above.
      const args = { req, db, params, query, body, rawBody, ...who } as HandlerArgs<A, P, Q, B>;
      return await handler(args);
    } catch (err) {
      unstable_rethrow(err);
      return problemResponse(errorToProblem(err, inputs));
    }
  };
}
