import { describe, expect, it } from "vitest";
import { absoluteTime, lastSyncText, relativeTime } from "./time";

const now = new Date("2025-03-10T12:00:00Z");

describe("relativeTime", () => {
  it("reads recent times as just now", () => {
    expect(relativeTime("2025-03-10T11:59:40Z", now)).toBe("just now");
  });
  it("picks the largest whole unit", () => {
    expect(relativeTime("2025-03-10T11:55:00Z", now)).toBe("5 minutes ago");
    expect(relativeTime("2025-03-10T09:00:00Z", now)).toBe("3 hours ago");
    expect(relativeTime("2025-03-09T12:00:00Z", now)).toBe("yesterday");
  });
});

describe("lastSyncText", () => {
  it("says Never synced without a sync", () => {
    expect(lastSyncText(null, now)).toBe("Never synced");
  });
  it("says when the last sync ran", () => {
    expect(lastSyncText("2025-03-10T10:00:00Z", now)).toBe("Synced 2 hours ago");
  });
});

describe("absoluteTime", () => {
  it("renders UTC minutes so server and browser agree", () => {
    expect(absoluteTime("2025-03-10T09:05:59Z")).toBe("2025-03-10 09:05 UTC");
  });
});
