import { describe, expect, it } from "vitest";
import { durationText, eventFilterText, formatInZone, fromLocalInput, headersFromRows, rateText, rowsFromHeaders, toLocalInput } from "./format";

describe("outbound screen text", () => {
  it("shows an instant on the organisation's clock", () => {
    expect(formatInZone("2026-03-31T23:30:05Z", "UTC")).toBe("2026-03-31 23:30:05");
    expect(formatInZone("2026-03-31T23:30:05Z", "Pacific/Auckland")).toBe("2026-04-01 12:30:05");
    expect(formatInZone("2026-01-15T12:00:00Z", "America/New_York")).toBe("2026-01-15 07:00:00");
  });

  it("reads a datetime-local value as the organisation's wall clock, both sides of a DST change", () => {
    expect(fromLocalInput("2026-01-15T07:00", "America/New_York")).toBe("2026-01-15T12:00:00.000Z");
    expect(fromLocalInput("2026-07-15T07:00", "America/New_York")).toBe("2026-07-15T11:00:00.000Z");
    expect(fromLocalInput("2026-04-01T12:30", "Pacific/Auckland")).toBe("2026-03-31T23:30:00.000Z");
    expect(fromLocalInput("yesterday", "UTC")).toBeNull();
  });

  it("round-trips the input value it proposes", () => {
    const at = new Date("2026-11-30T08:45:00Z");
    expect(toLocalInput(at, "Europe/Berlin")).toBe("2026-11-30T09:45");
    expect(fromLocalInput(toLocalInput(at, "Europe/Berlin"), "Europe/Berlin")).toBe(at.toISOString());
  });

  it("writes rates and durations, with a dash for nothing measured", () => {
    expect(rateText(null)).toBe("—");
    expect(rateText(1)).toBe("100%");
    expect(rateText(0.9851)).toBe("98.5%");
    expect(durationText(undefined)).toBe("—");
    expect(durationText(140.4)).toBe("140 ms");
    expect(durationText(2345)).toBe("2.3 s");
  });

  it("names the event filter", () => {
    expect(eventFilterText(["*"])).toBe("All events");
    expect(eventFilterText(["invoice.paid", "invoice.sent"])).toBe("invoice.paid, invoice.sent");
  });

  it("turns header rows into the API's object and back, dropping blank names", () => {
    const headers = headersFromRows([{ name: " X-Team ", value: "ops" }, { name: "", value: "lost" }]);
    expect(headers).toEqual({ "X-Team": "ops" });
    expect(rowsFromHeaders(headers)).toEqual([{ name: "X-Team", value: "ops" }]);
  });
});
