import type { Emulator } from "../core/context";
import { createHooksEmulator } from "./hooks";
import { HubSpotEmulator } from "./hubspot";
import { createPayPalEmulator } from "./paypal";
import { QuickBooksEmulator } from "./quickbooks";
import { createSlackEmulator } from "./slack";
import { createSmtpEmulator } from "./smtp";
import { createStripeEmulator } from "./stripe";
import { XeroEmulator } from "./xero";

/**
 * Every emulator the sandbox serves, as factories so that each `startSandbox()` (one per test)
 * gets fresh state.
 */
export const emulatorFactories: (() => Emulator)[] = [
  () => createStripeEmulator(),
  () => createSlackEmulator(),
  () => createPayPalEmulator(),
  () => createSmtpEmulator(),
  () => createHooksEmulator(),
  () => new XeroEmulator(),
  () => new QuickBooksEmulator(),
  () => new HubSpotEmulator(),
];
