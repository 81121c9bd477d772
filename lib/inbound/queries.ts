import { and, desc, eq, gte, inArray, lt, max, sql, type SQL } from "drizzle-orm";
import { connections, inboundEndpoints, inboundEvents } from "@/drizzle/schema";
import type { AccessContext } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import { decrypt, encrypt } from "@/lib/crypto";
import type { Db, DbOrTx } from "@/lib/db/client";
import { findConnectionById } from "@/lib/db/queries/connections";
import { parseBody } from "./body";
import { inboundModule } from "./modules";
import { effectiveSecret, sealSigningSecret, type SecretSource } from "./secrets";
import { scheduleProcessing } from "./enqueue";
import { forgetRoutes } from "./routing";
import { hashToken, newToken } from "./token";

export type InboundStatus = (typeof inboundEvents.$inferSelect)["status"];

/** Filters of the event log; `cursor` is the previous page's `nextCursor`. */
export type InboundEventFilter = {
  provider?: string; type?: string; status?: InboundStatus; connectionId?: string;
  from?: Date; to?: Date; cursor?: string; limit: number;
};

/** One event as the log lists it. */
export type InboundEventView = {
  id: string; provider: string; connectionId: string; connectionName: string; eventId: string; type: string;
  status: InboundStatus; attempts: number; lastError: string | null; ignoredReason: string | null;
  receivedAt: string; processedAt: string | null;
};

// The cursor carries received_at at Postgres's microsecond precision (a JS Date would drop it).
const cursorTs = sql<string>`to_char(${inboundEvents.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const encodeCursor = (ts: string, id: string) => Buffer.from(`${ts}|${id}`).toString("base64url");
function decodeCursor(cursor: string): { ts: string; id: string } | null {
  const [ts, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  return ts && id && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(ts) && /^[0-9a-f-]{36}$/.test(id) ? { ts, id } : null;
}

/** Thrown for a cursor that is not one this API wrote (a 400 naming the field). */
export class InvalidCursorError extends Error {
  constructor() {
    super("cursor must be the nextCursor of the previous page");
    this.name = "InvalidCursorError";
  }
}

const viewColumns = {
  id: inboundEvents.id, provider: inboundEvents.provider, connectionId: inboundEvents.connectionId,
  connectionName: sql<string>`coalesce(${connections.displayName}, ${connections.externalAccountName}, ${connections.provider})`,
  eventId: inboundEvents.eventId, type: inboundEvents.type, status: inboundEvents.status, attempts: inboundEvents.attempts,
  lastError: inboundEvents.lastError, ignoredReason: inboundEvents.ignoredReason,
  receivedAt: inboundEvents.receivedAt, processedAt: inboundEvents.processedAt, cursorTs,
};

type ViewRow = { [K in keyof typeof viewColumns]: unknown } & { receivedAt: Date; processedAt: Date | null; cursorTs: string };
const toView = ({ cursorTs: _c, ...r }: ViewRow): InboundEventView => ({
  ...(r as unknown as Omit<InboundEventView, "receivedAt" | "processedAt">),
  receivedAt: r.receivedAt.toISOString(),
  processedAt: r.processedAt?.toISOString() ?? null,
});

/**
 * The organisation's inbound events, newest first, one keyset page (no OFFSET, no count): each
 * filter combination walks one of the (organisation, …, received_at desc, id desc) indexes.
 */
export async function listInboundEvents(db: DbOrTx, ctx: AccessContext, f: InboundEventFilter): Promise<{ data: InboundEventView[]; nextCursor: string | null }> {
  const conds: (SQL | undefined)[] = [
    f.provider ? eq(inboundEvents.provider, f.provider) : undefined,
    f.type ? eq(inboundEvents.type, f.type) : undefined,
    f.status ? eq(inboundEvents.status, f.status) : undefined,
    f.connectionId ? eq(inboundEvents.connectionId, f.connectionId) : undefined,
    f.from ? gte(inboundEvents.receivedAt, f.from) : undefined,
    f.to ? lt(inboundEvents.receivedAt, f.to) : undefined,
  ];
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    if (!c) throw new InvalidCursorError();
    conds.push(sql`(${inboundEvents.receivedAt}, ${inboundEvents.id}) < (${c.ts}::timestamptz, ${c.id})`);
  }
  const rows = (await db.select(viewColumns).from(inboundEvents)
    .innerJoin(connections, eq(connections.id, inboundEvents.connectionId))
    .where(scoped(inboundEvents, ctx, ...conds))
    .orderBy(desc(inboundEvents.receivedAt), desc(inboundEvents.id))
    .limit(f.limit + 1)) as ViewRow[];
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { data: page.map(toView), nextCursor: rows.length > f.limit && last ? encodeCursor(last.cursorTs, String(last.id)) : null };
}

/** One event with its payload (parsed JSON or form fields, else the raw text) and stored headers. */
export async function getInboundEvent(db: DbOrTx, ctx: AccessContext, id: string) {
  const [row] = (await db.select({ ...viewColumns, body: inboundEvents.body, headers: inboundEvents.headers }).from(inboundEvents)
    .innerJoin(connections, eq(connections.id, inboundEvents.connectionId))
    .where(scoped(inboundEvents, ctx, eq(inboundEvents.id, id)))
    .limit(1)) as (ViewRow & { body: string; headers: Record<string, string> })[];
  if (!row) throw new NotFoundError("Webhook event not found");
  const { body, headers, ...view } = row;
  const parsed = parseBody(body, new Headers(headers)).json;
  return { ...toView(view), payload: parsed === undefined ? body : parsed, headers };
}

/**
 * Replays events of the organisation: each goes back to `received`, due now with a fresh set of
 * tries, and is processed again. Handlers are idempotent per provider reference, so replaying a
 * processed payment records nothing twice.
 */
export async function replayInboundEvents(db: Db, ctx: AccessContext, ids: string[]): Promise<number> {
  const rows = await db.update(inboundEvents)
    .set({ status: "received", processedAt: null, nextAttemptAt: sql`now()`, retries: 0 })
    .where(scoped(inboundEvents, ctx, inArray(inboundEvents.id, ids)))
    .returning({ id: inboundEvents.id, organisationId: inboundEvents.organisationId });
  await scheduleProcessing(db, rows);
  return rows.length;
}

/** A connection's webhook settings as the Webhooks tab shows them (no secret, only whether one is set). */
export type WebhookSettings = {
  url: string; tokenUrl: string; signingSecretSet: boolean; secretSource: SecretSource; rejectedCount: number; lastReceivedAt: string | null;
};

/** Where providers reach the hub: HUB_PUBLIC_URL, else AUTH_URL, else the request's own origin. */
export const publicOrigin = (req: Request) => (process.env.HUB_PUBLIC_URL ?? process.env.AUTH_URL ?? new URL(req.url).origin).replace(/\/$/, "");

async function connectionWithReceiver(db: DbOrTx, ctx: AccessContext, id: string) {
  const conn = await findConnectionById(db, ctx, id);
  if (!conn) throw new NotFoundError("Connection not found");
  if (!inboundModule(conn.provider)) throw new NotFoundError(`${conn.provider} sends no webhooks the hub receives`);
  return conn;
}

/** The connection's webhook URL (with its token, made on first use) and secret status. */
export async function webhookSettings(db: Db, ctx: AccessContext, id: string, origin: string): Promise<WebhookSettings> {
  const conn = await connectionWithReceiver(db, ctx, id);
  let [ep] = await db.select().from(inboundEndpoints).where(scoped(inboundEndpoints, ctx, eq(inboundEndpoints.connectionId, conn.id)));
  if (!ep?.token) {
    const token = newToken();
    const sealed = encrypt(token, `${conn.id}:inbound-token`);
    await db.insert(inboundEndpoints).values({ connectionId: conn.id, organisationId: ctx.organisationId, tokenHash: hashToken(token), token: sealed })
      .onConflictDoUpdate({ target: inboundEndpoints.connectionId, set: { tokenHash: hashToken(token), token: sealed }, setWhere: sql`${inboundEndpoints.token} is null` });
    [ep] = await db.select().from(inboundEndpoints).where(scoped(inboundEndpoints, ctx, eq(inboundEndpoints.connectionId, conn.id)));
  }
  const token = decrypt(ep!.token!, `${conn.id}:inbound-token`);
  const [last] = await db.select({ at: max(inboundEvents.receivedAt) }).from(inboundEvents)
    .where(and(eq(inboundEvents.connectionId, conn.id), eq(inboundEvents.organisationId, ctx.organisationId)));
  const base = `${origin}/api/webhooks/${conn.provider}`;
  const tokenUrl = `${base}/${token}`;
  return {
    url: inboundModule(conn.provider)!.tokenOnly ? tokenUrl : base,
    tokenUrl,
    signingSecretSet: !!ep!.signingSecret,
    secretSource: effectiveSecret(conn.provider, conn.id, ep!.signingSecret).source,
    rejectedCount: ep!.rejectedCount,
    lastReceivedAt: last?.at ? new Date(last.at).toISOString() : null,
  };
}

/** Sets (or with null clears) the connection's own signing secret, stored encrypted. */
export async function setSigningSecret(db: Db, ctx: AccessContext, id: string, secret: string | null, origin: string): Promise<WebhookSettings> {
  const conn = await connectionWithReceiver(db, ctx, id);
  const sealed = secret === null ? null : sealSigningSecret(conn.id, secret);
  await db.insert(inboundEndpoints).values({ connectionId: conn.id, organisationId: ctx.organisationId, signingSecret: sealed })
    .onConflictDoUpdate({ target: inboundEndpoints.connectionId, set: { signingSecret: sealed, updatedAt: new Date() } });
  forgetRoutes(db); // the next delivery verifies with the new secret, not a cached one
  return webhookSettings(db, ctx, id, origin);
}
