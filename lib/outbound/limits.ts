/** Tries of one endpoint in flight at once: a slow endpoint holds at most this many worker slots. */
export const PER_ENDPOINT_CONCURRENCY = 2;
/** Tries in flight at once per process (local) or in all (Inngest). */
export const GLOBAL_DELIVERY_CONCURRENCY = 10;
