// `npm run sandbox` — starts the provider sandbox on SANDBOX_PORT (4010) and Stripe's own port.
import { startSandbox } from "./server";

const sandbox = await startSandbox();
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
