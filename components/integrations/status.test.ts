import { describe, expect, it } from "vitest";
import { displayStatus, isActiveConnection, showsSyncState, statusLabels, statusVariants, worstConnectionStatus } from "./status";

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

describe("problem badges", () => {
  it("a connected connection whose last check failed is not shown as Connected", () => {
    const s = displayStatus({ status: "connected", availability: "available", connection: { lastHealthOk: false } });
    expect(statusLabels[s]).toBe("Last check failed");
    expect(statusVariants[s]).not.toBe("success");
    expect(displayStatus({ status: "connected", availability: "available", connection: { lastHealthOk: null } })).toBe("connected");
    expect(displayStatus({ status: "connected", availability: "available", connection: { lastHealthOk: true } })).toBe("connected");
  });
  it("needs reconnect and error are problem badges", () => {
    expect(statusVariants.needs_reauth).toBe("warning");
    expect(statusVariants.error).toBe("destructive");
  });
});

describe("which cards are connected", () => {
  it("a pending (unfinished) connection is not listed under Connected and shows no sync state", () => {
    expect(isActiveConnection("pending")).toBe(false);
    expect(showsSyncState({ status: "pending", availability: "available" })).toBe(false);
  });
  it("Never synced only on cards with a connection", () => {
    expect(showsSyncState({ status: "not_connected", availability: "available" })).toBe(false);
    expect(showsSyncState({ status: "not_connected", availability: "coming_soon" })).toBe(false);
    for (const s of ["connected", "needs_reauth", "error"] as const) expect(showsSyncState({ status: s, availability: "available" })).toBe(true);
  });
});

describe("a card with several connections", () => {
  it("shows the most urgent state among its live connections, not only the default's", () => {
    const ok = { status: "connected" as const, lastHealthOk: true };
    expect(worstConnectionStatus([ok, { status: "needs_reauth", lastHealthOk: false }])).toBe("needs_reauth");
    expect(worstConnectionStatus([ok, { status: "connected", lastHealthOk: false }])).toBe("check_failed");
    expect(worstConnectionStatus([ok, { status: "error", lastHealthOk: null }, { status: "connected", lastHealthOk: false }])).toBe("error");
    expect(worstConnectionStatus([ok])).toBe("connected");
  });
  it("ignores pending and disconnected rows", () => {
    expect(worstConnectionStatus([{ status: "pending", lastHealthOk: null }, { status: "disconnected", lastHealthOk: false }])).toBeNull();
  });
});
