import { describe, expect, it } from "vitest";
import { cronMatches, everySecondsToCron, parseCron, previousFire } from "./cron";

const at = (iso: string) => new Date(iso);

describe("cron", () => {
  it("matches steps, lists and ranges in UTC", () => {
    const c = parseCron("*/15 9-17 * * 1-5");
    expect(cronMatches(c, at("2025-03-03T09:30:00Z"))).toBe(true); // Monday
    expect(cronMatches(c, at("2025-03-03T09:31:00Z"))).toBe(false);
    expect(cronMatches(c, at("2025-03-02T09:30:00Z"))).toBe(false); // Sunday
    expect(cronMatches(parseCron("0 0 1,15 * *"), at("2025-03-15T00:00:00Z"))).toBe(true);
    expect(cronMatches(parseCron("0 0 * * 7"), at("2025-03-02T00:00:00Z"))).toBe(true); // 7 = Sunday
  });

  it("ORs day-of-month and day-of-week when both are restricted", () => {
    const c = parseCron("0 0 1 * 1");
    expect(cronMatches(c, at("2025-03-01T00:00:00Z"))).toBe(true); // the 1st, a Saturday
    expect(cronMatches(c, at("2025-03-03T00:00:00Z"))).toBe(true); // a Monday
    expect(cronMatches(c, at("2025-03-04T00:00:00Z"))).toBe(false);
  });

  it("finds the previous firing minute", () => {
    expect(previousFire(parseCron("*/15 * * * *"), at("2025-03-03T10:44:59Z"))?.toISOString()).toBe("2025-03-03T10:30:00.000Z");
    expect(previousFire(parseCron("0 0 * * *"), at("2025-03-03T10:44:00Z"))?.toISOString()).toBe("2025-03-03T00:00:00.000Z");
  });

  it("refuses malformed expressions", () => {
    expect(() => parseCron("* * * *")).toThrow(/five fields/);
    expect(() => parseCron("61 * * * *")).toThrow(/Bad cron/);
    expect(() => parseCron("*/0 * * * *")).toThrow(/Bad cron/);
  });

  it("turns exact intervals into cron for Inngest", () => {
    expect(everySecondsToCron(900)).toBe("*/15 * * * *");
    expect(everySecondsToCron(60)).toBe("* * * * *");
    expect(everySecondsToCron(7200)).toBe("0 */2 * * *");
    expect(() => everySecondsToCron(45)).toThrow(/no exact cron/);
  });
});
