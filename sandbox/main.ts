// `npm run sandbox` — starts the provider sandbox on SANDBOX_PORT (4010) and Stripe's own port.
import { startSandbox } from "./server";

// Where the emulators post their signed webhooks: SANDBOX_WEBHOOK_BASE (set by scripts/dev.mjs and
// the e2e config to the hub's /api/webhooks) + "/<provider>"; unset, webhooks go nowhere until
// set with POST /_control/webhooks.
const hookBase = process.env.SANDBOX_WEBHOOK_BASE?.replace(/\/$/, "");
const webhookTargets = hookBase
  ? Object.fromEntries(["stripe", "xero", "quickbooks", "slack", "paypal", "hubspot"].map((p) => [p, `${hookBase}/${p}`]))
  : undefined;
const sandbox = await startSandbox({ webhookTargets });
const lines = [
  `Provider sandbox ready on ${sandbox.origin} (Stripe API on ${sandbox.stripeOrigin})`,
  `  front door: ${sandbox.origin}/   control API: ${sandbox.origin}/_control`,
  ...sandbox.emulators.map((e) => {
    const d = e.describe(sandbox.ctx);
    return `  ${d.name.padEnd(12)} ${d.urls.apiBaseUrl ?? d.urls.authorizeUrl ?? Object.values(d.urls)[0] ?? ""}`;
  }),
];
console.log(lines.join("\n"));

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
