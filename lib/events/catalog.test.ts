import { describe, expect, it } from "vitest";
import {
  eventCatalog, eventPayloadJsonSchema, eventTypes, eventTypesByResource, isEventType, sampleWebhookPayload,
} from "./catalog";

// The Outbound-events issue's list, verbatim: the catalog must hold exactly these.
const ISSUE_TYPES = [
  "invoice.created", "invoice.updated", "invoice.sent", "invoice.paid", "invoice.overdue", "invoice.cancelled",
  "payment.received", "payment.failed", "payment.refunded", "customer.created", "customer.updated", "customer.deleted",
  "project.created", "project.updated", "project.completed", "ticket.created", "ticket.updated", "ticket.resolved",
  "quote.created", "quote.accepted", "quote.rejected", "quote.expired",
];

describe("event catalog", () => {
  it("lists exactly the 22 event types of the issue", () => {
    expect([...eventTypes].sort()).toEqual([...ISSUE_TYPES].sort());
    expect(eventTypes).toHaveLength(22);
  });

  it("gives every type a description and a sample that parses against its payload schema", () => {
    for (const type of eventTypes) {
      const entry = eventCatalog[type];
      expect(entry.description.length, type).toBeGreaterThan(10);
      const parsed = entry.payload.safeParse(entry.sample);
      expect(parsed.success, `${type}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it("samples carry the status their event announces", () => {
    expect(eventCatalog["invoice.paid"].sample.status).toBe("paid");
    expect(eventCatalog["invoice.overdue"].sample.status).toBe("overdue");
    expect(eventCatalog["project.completed"].sample.status).toBe("completed");
    expect(eventCatalog["ticket.resolved"].sample.status).toBe("resolved");
    expect(eventCatalog["quote.expired"].sample.status).toBe("expired");
  });

  it("renders each payload schema as JSON Schema whose required fields the sample has", () => {
    for (const type of eventTypes) {
      const schema = eventPayloadJsonSchema(type);
      expect(schema.type, type).toBe("object");
      const required = schema.required as string[];
      expect(required.length, type).toBeGreaterThan(0);
      for (const key of required) expect(eventCatalog[type].sample, `${type}.${key}`).toHaveProperty(key);
    }
  });

  it("refuses a payload that misses a field or has the wrong status", () => {
    const { payload, sample } = eventCatalog["quote.accepted"];
    expect(payload.safeParse({ ...sample, status: "won" }).success).toBe(false);
    const { quoteId: _dropped, ...withoutId } = sample;
    expect(payload.safeParse(withoutId).success).toBe(false);
  });

  it("groups every type under its resource, in catalog order", () => {
    const groups = eventTypesByResource();
    expect(groups.map((g) => g.resource)).toEqual(["invoice", "payment", "customer", "project", "ticket", "quote"]);
    expect(groups.flatMap((g) => g.types)).toEqual(eventTypes);
  });

  it("wraps a sample as a Standard Webhooks payload and knows its names", () => {
    expect(sampleWebhookPayload("ticket.created")).toEqual({
      type: "ticket.created", timestamp: expect.any(String), data: eventCatalog["ticket.created"].sample,
    });
    expect(isEventType("invoice.paid")).toBe(true);
    expect(isEventType("toString")).toBe(false);
    expect(isEventType("invoice.deleted")).toBe(false);
  });
});
