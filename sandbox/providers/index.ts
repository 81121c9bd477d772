/**
 * Registry of the part-B emulators: Stripe, Slack, PayPal, SMTP (mail viewer + SMTP listener)
 * and the catch hooks.
 *
 * NOTE for part A (server.ts / sandbox/emulators.ts): add these to `emulatorFactories` with
 * `...providerEmulatorFactories` — each factory returns a fresh emulator, so every
 * startSandbox() gets its own state. `emulators` below is a ready-made array of fresh instances
 * for callers that want one set (e.g. sandbox/main.ts). Xero, QuickBooks and HubSpot are
 * registered in sandbox/emulators.ts by part A; they can move here later if wanted.
 */
import type { Emulator } from "../core/context";
import { createHooksEmulator } from "./hooks";
import { createPayPalEmulator } from "./paypal";
import { createSlackEmulator } from "./slack";
import { createSmtpEmulator } from "./smtp";
import { createStripeEmulator } from "./stripe";

export const providerEmulatorFactories: (() => Emulator)[] = [
  () => createStripeEmulator(),
  () => createSlackEmulator(),
  () => createPayPalEmulator(),
  () => createSmtpEmulator(),
  () => createHooksEmulator(),
];

/** One fresh instance of every part-B emulator. */
export const emulators: Emulator[] = providerEmulatorFactories.map((f) => f());
