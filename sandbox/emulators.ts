import type { Emulator } from "./core/context";
import { providerEmulatorFactories } from "./providers";
import { HubSpotEmulator } from "./providers/hubspot";
import { QuickBooksEmulator } from "./providers/quickbooks";
import { XeroEmulator } from "./providers/xero";

/**
 * Every emulator the sandbox serves, as factories so each `startSandbox()` (one per test) gets
 * fresh state. Stripe, Slack, PayPal, SMTP and the catch hooks come from providers/index.ts.
 */
export const emulatorFactories: (() => Emulator)[] = [
  ...providerEmulatorFactories,
  () => new XeroEmulator(),
  () => new QuickBooksEmulator(),
  () => new HubSpotEmulator(),
];
