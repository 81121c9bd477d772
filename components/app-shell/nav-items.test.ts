import { describe, expect, it } from "vitest";
import { NAV_ITEMS, isActive } from "./nav-items";

describe("navigation", () => {
  it("lists the ten sections in order", () => {
    expect(NAV_ITEMS.map((i) => i.label)).toEqual([
      "Dashboard", "Integrations", "Customers", "Invoices", "Quotes", "Projects", "Tickets", "Webhooks", "Activity", "Settings",
    ]);
  });

  it("highlights a section on its page and the pages below it only", () => {
    expect(isActive("/invoices", "/invoices")).toBe(true);
    expect(isActive("/invoices/abc/edit", "/invoices")).toBe(true);
    expect(isActive("/invoices-archive", "/invoices")).toBe(false);
    expect(isActive("/dashboard", "/invoices")).toBe(false);
  });
});
