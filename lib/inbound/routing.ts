import type { DbOrTx } from "@/lib/db/client";
import { findCandidates, type Candidate } from "./store";

/**
 * How long this process reuses the connections a delivery routes to. Every delivery of a busy
 * account would otherwise read the same rows again (one round trip of the two a delivery costs);
 * a change made in this process (a signing secret set) is seen at once, one made elsewhere (a
 * disconnect, a new connection of the same account) within this time.
 */
export const ROUTING_TTL_MS = 2_000;
const MAX_ENTRIES = 1_000;

type Entry = { at: number; rows: Promise<Candidate[]> };
const g = globalThis as typeof globalThis & { __hubInboundRouting?: WeakMap<object, Map<string, Entry>> };
const caches = (g.__hubInboundRouting ??= new WeakMap());

/**
 * findCandidates through a short per-process cache. Only found connections are kept: an account
 * with no connection yet is looked up again on every delivery, so a connection made a moment ago
 * never has a delivery answered 200 and dropped.
 */
export function routeDelivery(db: DbOrTx, provider: string, accountIds: string[]): Promise<Candidate[]> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${provider}\n${accountIds.join("\n")}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < ROUTING_TTL_MS) return hit.rows;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const rows = findCandidates(db, provider, accountIds);
  const entry = { at: now, rows };
  cache.set(key, entry);
  const forget = () => { if (cache.get(key) === entry) cache.delete(key); };
  rows.then((found) => { if (!found.length) forget(); }, forget);
  return rows;
}

/** Forgets every cached route of `db` (a connection's signing secret or URL changed here). */
export function forgetRoutes(db: DbOrTx): void {
  caches.get(db)?.clear();
}
