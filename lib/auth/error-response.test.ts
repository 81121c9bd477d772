import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { errorToResponse, jsonError } from "./error-response";
import { ForbiddenError, NotFoundError } from "./tenant";

describe("errorToResponse", () => {
  it("maps NotFoundError to 404 and ForbiddenError to 403 as problem+json", async () => {
    const nf = errorToResponse(new NotFoundError("Invoice not found"));
    expect(nf.status).toBe(404);
    expect(nf.headers.get("content-type")).toBe("application/problem+json");
    expect(await nf.json()).toEqual({
      type: "urn:hub:problem:not_found", title: "Not Found", status: 404, code: "not_found", detail: "Invoice not found",
    });
    const fb = errorToResponse(new ForbiddenError());
    expect(fb.status).toBe(403);
    expect((await fb.json()).code).toBe("forbidden");
  });

  it("maps a ZodError to 400 with one issue per field path", async () => {
    const parsed = z.object({ name: z.string().min(2, "Too short"), total: z.number() }).safeParse({ name: "x", total: "1" });
    const res = errorToResponse(parsed.error);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe("invalid_input");
    expect(body.errors).toContainEqual({ in: "body", path: "name", message: "Too short" });
    expect(body.errors.map((e: { path: string }) => e.path)).toContain("total");
  });

  it("hides the message of any other error behind a generic 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorToResponse(new Error("password authentication failed for user hub (secret=sk_live_123)"));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("sk_live_123");
    expect(text).not.toContain("password authentication");
    expect(JSON.parse(text).code).toBe("internal");
    log.mockRestore();
  });
});

describe("jsonError", () => {
  it("normalises UPPER_SNAKE codes and turns fields into errors entries", async () => {
    const res = jsonError(400, "INVALID_CREDENTIALS", "Refused", { secretKey: ["Wrong key"] });
    const body = await res.json();
    expect(body.code).toBe("invalid_credentials");
    expect(body.errors).toEqual([{ in: "body", path: "secretKey", message: "Wrong key" }]);
  });
});
