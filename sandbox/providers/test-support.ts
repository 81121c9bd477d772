/**
 * Test support for the part-B emulators: an in-process sandbox (startSandbox on free ports)
 * serving only the emulators under test, and the shared webhook receiver.
 */
import type { Emulator } from "../core/context";
import { startSandbox, type RunningSandbox } from "../server";

export { startReceiver } from "../testing/harness";

export type Harness = RunningSandbox;

export function startHarness(emulators: Emulator[]): Promise<Harness> {
  return startSandbox({ port: 0, stripePort: 0, smtpPort: 0, emulators });
}
