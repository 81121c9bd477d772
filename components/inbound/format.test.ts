import { describe, expect, it } from "vitest";
import { eventsUrl } from "./api";
import { apiFilters, dayStart, eventTime, hasFilters, prettyPayload, readUrlFilters } from "./format";

describe("dayStart", () => {
  it("is midnight of that day in the organisation's zone", () => {
    expect(dayStart("2026-01-15", "UTC")).toBe("2026-01-15T00:00:00.000Z");
    expect(dayStart("2026-01-15", "Europe/London")).toBe("2026-01-15T00:00:00.000Z");
    expect(dayStart("2026-07-15", "Europe/London")).toBe("2026-07-14T23:00:00.000Z");
    expect(dayStart("2026-01-15", "America/New_York")).toBe("2026-01-15T05:00:00.000Z");
    expect(dayStart("2026-01-15", "Asia/Kolkata")).toBe("2026-01-14T18:30:00.000Z");
  });

  it("follows the offset on a daylight-saving day", () => {
    // New York moves to EDT at 02:00 on 8 March 2026; midnight is still EST (UTC-5).
    expect(dayStart("2026-03-08", "America/New_York")).toBe("2026-03-08T05:00:00.000Z");
    expect(dayStart("2026-03-09", "America/New_York")).toBe("2026-03-09T04:00:00.000Z");
  });

  it("refuses what is not a calendar day", () => {
    expect(dayStart("2026-02-30", "UTC")).toBeNull();
    expect(dayStart("yesterday", "UTC")).toBeNull();
  });
});

describe("the log's filters", () => {
  const url = (q: string) => new URLSearchParams(q);

  it("reads known values from the URL and drops the rest", () => {
    expect(readUrlFilters(url("provider=stripe&type=charge.refunded&status=failed&from=2026-01-01&to=2026-01-31"))).toEqual({
      provider: "stripe", type: "charge.refunded", status: "failed", from: "2026-01-01", to: "2026-01-31",
    });
    expect(readUrlFilters(url("status=exploded&from=last-week"))).toEqual({ provider: "", type: "", status: "", from: "", to: "" });
    expect(hasFilters(readUrlFilters(url("")))).toBe(false);
    expect(hasFilters(readUrlFilters(url("status=ignored")))).toBe(true);
  });

  it("turns calendar days into instants, the 'to' day included whole", () => {
    const f = readUrlFilters(url("from=2026-01-01&to=2026-01-31&status=processed"));
    expect(apiFilters(f, "America/New_York", "c1")).toEqual({
      provider: undefined, type: undefined, status: "processed", connectionId: "c1",
      from: "2026-01-01T05:00:00.000Z", to: "2026-02-01T05:00:00.000Z",
    });
  });

  it("builds the API URL without empty filters", () => {
    expect(eventsUrl({ provider: "stripe", type: undefined, status: "" }, "abc", 10)).toBe("/api/webhooks/events?provider=stripe&cursor=abc&limit=10");
  });
});

describe("display", () => {
  it("shows the time in the organisation's zone", () => {
    expect(eventTime("2026-11-30T09:14:05.000Z", "UTC")).toBe("30 Nov 2026, 09:14:05");
    expect(eventTime("2026-11-30T09:14:05.000Z", "Asia/Tokyo")).toBe("30 Nov 2026, 18:14:05");
  });

  it("indents JSON payloads and keeps other text as it came", () => {
    expect(prettyPayload({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyPayload('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyPayload("token=abc&x=1")).toBe("token=abc&x=1");
  });
});
