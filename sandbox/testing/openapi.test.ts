import { describe, expect, it } from "vitest";
import { SpecValidator } from "./openapi";
import { matchTemplate } from "./openapi-schema";

// A tiny OpenAPI 3.0 document exercising what the provider specs use: $ref, nullable, anyOf,
// a vendor format, a shared response object and a default response.
const doc = {
  openapi: "3.0.0",
  paths: {
    "/v1/things/{id}": {
      get: {
        responses: {
          "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/thing" } } } },
          default: { $ref: "#/components/responses/error" },
        },
      },
    },
    "/v1/things/search": { get: { responses: { "200": { content: { "application/json": { schema: { type: "object" } } } } } } },
  },
  components: {
    schemas: {
      thing: {
        type: "object",
        required: ["id", "created", "parent"],
        properties: {
          id: { type: "string" },
          created: { type: "integer", format: "unix-time" },
          note: { type: "string", nullable: true },
          kind: { type: "string", enum: ["a", "b"], nullable: true },
          parent: { anyOf: [{ type: "string" }, { $ref: "#/components/schemas/thing" }], nullable: true },
        },
      },
      error: { type: "object", required: ["error"], properties: { error: { type: "object", required: ["message"] } } },
    },
    responses: { error: { content: { "application/json": { schema: { $ref: "#/components/schemas/error" } } } } },
  },
};

describe("SpecValidator", () => {
  const v = new SpecValidator(doc, "unit");

  it("accepts a body matching the schema, including OpenAPI nullable fields and refs", () => {
    expect(v.validateResponse("GET", "/v1/things/{id}", 200, { id: "t1", created: 1, note: null, kind: null, parent: null })).toEqual({ ok: true, errors: [] });
    expect(v.validateResponse("GET", "/v1/things/{id}", 200, { id: "t1", created: 1, parent: { id: "t0", created: 0, parent: "x" } }).ok).toBe(true);
  });

  it("rejects a wrong body and says where and why", () => {
    const r = v.validateResponse("GET", "/v1/things/t1", 200, { id: 5, created: "yesterday", kind: "c", parent: null });
    expect(r.ok).toBe(false);
    expect(r.errors.join("\n")).toMatch(/\/id must be string/);
    expect(r.errors.join("\n")).toMatch(/\/created must be integer/);
    expect(r.errors.join("\n")).toMatch(/\/kind must be equal to one of the allowed values/);
  });

  it("falls back to the default response and reports unknown operations", () => {
    expect(v.validateResponse("GET", "/v1/things/{id}", 404, { error: { message: "No such thing" } }).ok).toBe(true);
    expect(v.validateResponse("GET", "/v1/things/{id}", 404, { nope: 1 }).ok).toBe(false);
    expect(v.validateResponse("POST", "/v1/things/{id}", 200, {}).errors[0]).toMatch(/no operation POST/);
  });

  it("validates against a pointer", () => {
    expect(v.validatePointer("#/components/schemas/error", { error: { message: "x" } }).ok).toBe(true);
    expect(v.validatePointer("#/components/schemas/error", {}).ok).toBe(false);
    expect(() => v.assertResponse("GET", "/v1/things/{id}", 200, {})).toThrow(/does not match the spec/);
  });

  it("matches concrete paths to templates, preferring literal segments", () => {
    expect(matchTemplate(Object.keys(doc.paths), "/v1/things/search")).toBe("/v1/things/search");
    expect(matchTemplate(Object.keys(doc.paths), "/v1/things/abc")).toBe("/v1/things/{id}");
    expect(matchTemplate(Object.keys(doc.paths), "/v1/other")).toBeUndefined();
  });
});
