import { discoverApiRoutes, type RouteFile } from "./api";

/** A handler as the route wrapper exports it. */
export type RouteHandler = (req: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

/** A discovered route with its loaded handlers by HTTP method. */
export interface LoadedRoute extends RouteFile {
  handlers: Partial<Record<(typeof METHODS)[number], RouteHandler>>;
}

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Routes that speak someone else's protocol, not the hub's JSON API: Auth.js's own handler and
 * Inngest's signed serve endpoint. They are not on the wrapper and never will be.
 */
export const FOREIGN_PROTOCOL_ROUTES = new Set(["/api/auth/[...nextauth]", "/api/inngest"]);

/** Loads every discovered API route (except foreign-protocol ones); `failed` lists those that would not load. */
export async function loadApiRoutes(): Promise<{ loaded: LoadedRoute[]; failed: { template: string; error: string }[] }> {
  const loaded: LoadedRoute[] = [];
  const failed: { template: string; error: string }[] = [];
  for (const route of discoverApiRoutes()) {
    if (FOREIGN_PROTOCOL_ROUTES.has(route.template)) continue;
    try {
      const mod = (await import(route.file)) as Record<string, unknown>;
      const handlers: LoadedRoute["handlers"] = {};
      for (const m of METHODS) if (typeof mod[m] === "function") handlers[m] = mod[m] as RouteHandler;
      loaded.push({ ...route, handlers });
    } catch (err) {
      failed.push({ template: route.template, error: String(err).slice(0, 200) });
    }
  }
  return { loaded, failed };
}
