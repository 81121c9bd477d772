import { describe, expect, it } from "vitest";
import { listManifests } from "@/integrations";
import { scopeLabel, scopeLabels } from "./scope-labels";

describe("scope labels", () => {
  it("says what Xero's transactions scope allows", () => {
    expect(scopeLabel("accounting.transactions")).toBe("Read and write invoices, payments and bank transactions");
  });
  it("explains every scope a manifest requests", () => {
    const missing = listManifests().flatMap((m) => (m.oauth?.scopes ?? []).filter((s) => !(s in scopeLabels)).map((s) => `${m.id}: ${s}`));
    expect(missing).toEqual([]);
  });
  it("falls back to a readable form of an unknown id", () => {
    expect(scopeLabel("reports.read")).toBe("Access: reports read");
  });
});
