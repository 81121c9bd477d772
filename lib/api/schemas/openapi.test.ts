import { describe, expect, it } from "vitest";
import { z } from "zod";
import { registeredSchemas } from "./registry";
import "./customers";
import "./integrations";
import "./invoices";
import "./organisations";
import "./outbound";
import "./sync";

// The OpenAPI document is not generated yet; this keeps it possible: every registered request
// and response schema converts to JSON Schema with zod's native converter.
describe("API schemas", () => {
  it("all convert to JSON Schema (request schemas by their input side, DTOs by their output)", () => {
    const ids = new Set<string>();
    for (const [schema, meta] of registeredSchemas()) {
      expect(ids.has(meta.id), `duplicate id ${meta.id}`).toBe(false);
      ids.add(meta.id);
      const json = z.toJSONSchema(schema, { io: meta.io, unrepresentable: "throw" });
      expect(json, meta.id).toHaveProperty("type");
    }
    expect([...ids]).toEqual(expect.arrayContaining(["Customer", "CustomerCreate", "Invoice", "InvoiceCreate", "InvoicePatch", "Payment", "PaymentCreate", "Organisation", "Connection", "CatalogEntry", "ConnectionPatch", "ConnectionLogs"]));
  });

  it("describe DTOs without any organisation id or credentials", () => {
    for (const [schema, meta] of registeredSchemas()) {
      if (meta.io !== "output") continue;
      const text = JSON.stringify(z.toJSONSchema(schema, { io: "output" }));
      expect(text, meta.id).not.toMatch(/organisationId|organisation_id|credentials/);
    }
  });
});
