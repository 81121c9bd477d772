import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "@/lib/connections/catalog";
import type { ConnectionView } from "@/lib/connections/view";
import { ConnectionOverview } from "./connection-overview";

const connection: ConnectionView = {
  id: "00000000-0000-4000-8000-000000000001", provider: "xero", displayName: "Sandbox Trading Ltd", isDefault: true, status: "connected",
  authMode: "oauth2", externalAccountId: "t1", externalAccountName: "Sandbox Trading Ltd", scopes: ["accounting.transactions"],
  tokenExpiresAt: null, settings: null, fields: {}, refreshFailures: 0, lastError: null, lastErrorAt: null,
  lastHealthCheckAt: "2026-11-30T06:00:00.000Z", lastHealthOk: true, lastSyncAt: null,
  connectedAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-11-30T06:00:00.000Z",
};

const entry = (over: Partial<CatalogEntry>): CatalogEntry => ({
  id: "xero", name: "Xero", description: "", category: "accounting", authMode: "oauth2", availability: "available",
  logo: { icon: "BookOpen", color: "#13B5EA" } as CatalogEntry["logo"], docsUrl: null, capabilities: {} as CatalogEntry["capabilities"],
  scopes: ["accounting.transactions"], fields: [], status: "connected", connection, connectionCount: 1, allowsSeveral: true, ...over,
});

const render = (e: CatalogEntry, connectedSince?: string) =>
  renderToStaticMarkup(createElement(ConnectionOverview, { entry: e, now: new Date("2026-11-30T07:00:00Z"), connectedSince }));

describe("ConnectionOverview", () => {
  it("a coming-soon provider shows no Health card describing a live call", () => {
    expect(render(entry({ availability: "available" }))).toContain("A live call to the provider");
    const html = render(entry({ availability: "coming_soon" }));
    expect(html).not.toContain("A live call to the provider");
    expect(html).not.toContain("health-card");
  });

  it("shows the last (re)connect time as Connected since, not the row's creation", () => {
    const html = render(entry({}), "2026-11-30T06:30:00.000Z");
    expect(html).toContain('dateTime="2026-11-30T06:30:00.000Z"');
    expect(html).not.toContain('dateTime="2026-01-01T00:00:00.000Z"');
  });

  it("shows scopes as what they allow, with the raw id as secondary text", () => {
    const html = render(entry({}));
    expect(html).toContain("Read and write invoices, payments and bank transactions");
    expect(html).toContain("<code");
    expect(html).toContain("accounting.transactions");
  });
});
