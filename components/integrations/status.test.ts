import { describe, expect, it } from "vitest";
import { displayStatus, statusLabels } from "./status";

describe("displayStatus", () => {
  it("shows Coming soon for an unconnected provider whose adapter is not built", () => {
    expect(statusLabels[displayStatus({ status: "not_connected", availability: "coming_soon" })]).toBe("Coming soon");
  });
  it("shows Not connected for an available provider without a connection", () => {
    expect(statusLabels[displayStatus({ status: "not_connected", availability: "available" })]).toBe("Not connected");
  });
  it("lets a real connection status win over the availability flag", () => {
    expect(displayStatus({ status: "needs_reauth", availability: "coming_soon" })).toBe("needs_reauth");
    expect(statusLabels[displayStatus({ status: "needs_reauth", availability: "available" })]).toBe("Needs reconnect");
    expect(statusLabels[displayStatus({ status: "error", availability: "available" })]).toBe("Error");
    expect(statusLabels[displayStatus({ status: "connected", availability: "available" })]).toBe("Connected");
  });
});
