import { hasRole, ForbiddenError, type Role, type Tenant } from "./tenant";

/**
 * Who is acting. A signed-in user carries a role; a job, a verified inbound webhook and an API key
 * act for an organisation without a person behind them.
 */
export type Actor =
  | { kind: "user"; userId: string; role: Role }
  | { kind: "job"; job: string }
  | { kind: "webhook"; provider: string }
  | { kind: "api_key"; keyId: string; role: Role };

/**
 * The one access context every scoped query takes: an organisation and the actor acting in it.
 * `scoped(table, ctx)` filters by `ctx.organisationId`, so a row of another organisation can never
 * be read or written, whoever the actor is. Helpers that act by id take it too.
 */
export interface AccessContext {
  organisationId: string;
  actor: Actor;
}

/**
 * What a scoped query needs of its caller: the organisation it acts in. Every AccessContext is
 * one (a user, a job, a webhook, an API key), so the accounting queries serve all of them; a
 * Tenant still fits too, so pages and server actions keep passing theirs until they move over.
 */
export type QueryScope = Pick<AccessContext, "organisationId">;

/** A signed-in user's context (from a resolved Tenant). */
export function userContext(tenant: Tenant): AccessContext {
  return { organisationId: tenant.organisationId, actor: { kind: "user", userId: tenant.userId, role: tenant.role } };
}

/** A background job acting for one organisation. */
export function jobContext(organisationId: string, job: string): AccessContext {
  return { organisationId, actor: { kind: "job", job } };
}

/** A verified inbound webhook acting for the organisation that owns the connection it named. */
export function webhookContext(organisationId: string, provider: string): AccessContext {
  return { organisationId, actor: { kind: "webhook", provider } };
}

/** An API-key request, with the role the key was issued with. */
export function apiKeyContext(organisationId: string, keyId: string, role: Role): AccessContext {
  return { organisationId, actor: { kind: "api_key", keyId, role } };
}

/** The user id to record as the actor of an audit row: null for jobs, webhooks and API keys. */
export function actorUserId(ctx: AccessContext): string | null {
  return ctx.actor.kind === "user" ? ctx.actor.userId : null;
}

/**
 * Whether the actor may do what needs `min`. Jobs and webhooks act as the system (the work they do
 * was authorised when it was set up); users and API keys by their role.
 */
export function actorHasRole(ctx: AccessContext, min: Role): boolean {
  const { actor } = ctx;
  if (actor.kind === "job" || actor.kind === "webhook") return true;
  return hasRole({ organisationId: ctx.organisationId, userId: "", role: actor.role }, min);
}

export function requireActorRole(ctx: AccessContext, min: Role): void {
  if (!actorHasRole(ctx, min)) throw new ForbiddenError();
}

/**
 * The signed-in user behind the context, for flows that are bound to a person (an OAuth consent
 * is given by a user, and its state is bound to them). Jobs, webhooks and API keys cannot start one.
 */
export function requireUserActor(ctx: AccessContext): string {
  if (ctx.actor.kind !== "user") throw new ForbiddenError("Only a signed-in person can do this.");
  return ctx.actor.userId;
}
