import { describe, expect, it } from "vitest";
import { addDays, isTimeZone, monthStart, todayIn } from "./dates";

describe("dates in the organisation's time zone (issue 9.2)", () => {
  // 23:30 on 31 March in New York is 03:30 on 1 April in UTC.
  const lateEvening = new Date("2026-04-01T03:30:00Z");

  it("computes today where the organisation is, not in UTC", () => {
    expect(todayIn("America/New_York", lateEvening)).toBe("2026-03-31");
    expect(todayIn("UTC", lateEvening)).toBe("2026-04-01");
    expect(todayIn("Pacific/Auckland", new Date("2026-03-31T12:00:00Z"))).toBe("2026-04-01");
  });

  it("finds month starts across year ends and moves by days", () => {
    expect(monthStart("2026-03-31")).toBe("2026-03-01");
    expect(monthStart("2026-02-15", 5)).toBe("2025-09-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("accepts IANA zones and UTC, refuses anything else", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("europe/london")).toBe(false);
  });
});
