// Server start (Next.js instrumentation hook): open the database (migrations run inside getDb),
// seed the demo organisation in the embedded default, and start the embedded job driver (pg-boss) when
// Inngest is not configured, plus the outbox relay (DESIGN.md, "Jobs"). Everything is imported dynamically so the Edge
// runtime and `next build` never load Node-only modules or touch the database.

const g = globalThis as typeof globalThis & { __hubJobsStarted?: boolean };

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;

  // First: every later log line (ours, Auth.js's, libraries') goes through the redactor.
  const { installConsoleRedaction } = await import("./lib/log");
  installConsoleRedaction();

  const { authSecret } = await import("./lib/auth/secret");
  // Fails the start in production when AUTH_SECRET is missing; generates it once in embedded mode.
  authSecret();
  // Likewise HUB_ENCRYPTION_KEYS: a malformed or missing keyring stops the start, not the first connect.
  const { loadKeyring } = await import("./lib/crypto/keyring");
  loadKeyring();
  // And providers: production must say HUB_PROVIDERS=live (or =sandbox on purpose), never fall back to demo endpoints.
  const { assertProvidersConfigured } = await import("./lib/connections/endpoints");
  assertProvidersConfigured();

  const { getDb } = await import("./lib/db/client");
  const db = await getDb();

  const { seedDemoIfEmbedded } = await import("./lib/seed/startup");
  try {
    const seeded = await seedDemoIfEmbedded(db);
    if (seeded?.created) console.log("[hub] seeded the demo organisation; sign in as admin@example.com / admin123");
  } catch (err) {
    // A failed demo seed must not keep the app down; the log says why.
    console.error("[hub] demo seed failed", err);
  }

  // Once per process, even when dev-server reloads run register() again.
  if (g.__hubJobsStarted) return;
  g.__hubJobsStarted = true;
  const inngest = Boolean(process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV);
  try {
    if (!inngest) {
      const { startLocalJobs } = await import("./lib/jobs");
      await startLocalJobs({ db, connectionString: process.env.DATABASE_URL });
      // Outbound webhooks: the deliveries table is the queue; this worker claims and sends from it.
      const { startDeliveryWorker } = await import("./lib/outbound/worker");
      startDeliveryWorker(db);
      // Inbound events: this copy of the drainer processes what any receiver in the process stores.
      const { adoptInboundDrain } = await import("./lib/inbound/drain");
      adoptInboundDrain();
      console.log("[hub] Inngest is not configured: jobs run in-process (pg-boss).");
    }
    // The outbox relay runs under both drivers: it hands committed domain events to pg-boss or Inngest.
    const { startOutboxRelay } = await import("./lib/events/relay");
    startOutboxRelay(db, { inngest });
  } catch (err) {
    g.__hubJobsStarted = false;
    console.error("[hub] could not start the job driver", err);
  }
}
