import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { errorToResponse } from "./error-response";
import { ForbiddenError, NotFoundError } from "./tenant";

describe("errorToResponse", () => {
  it("maps NotFoundError to 404 and ForbiddenError to 403 in the API's error shape", async () => {
    const nf = errorToResponse(new NotFoundError("Invoice not found"));
    expect(nf.status).toBe(404);
    expect(await nf.json()).toEqual({ error: { code: "not_found", message: "Invoice not found" } });
    const fb = errorToResponse(new ForbiddenError());
    expect(fb.status).toBe(403);
    expect((await fb.json()).error.code).toBe("forbidden");
  });

  it("maps a ZodError to 400 with the issues per field", async () => {
    const parsed = z.object({ name: z.string().min(2, "Too short"), total: z.number() }).safeParse({ name: "x", total: "1" });
    const res = errorToResponse(parsed.error);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.fields.name).toEqual(["Too short"]);
    expect(body.error.fields.total).toHaveLength(1);
  });

  it("hides the message of any other error behind a generic 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorToResponse(new Error("password authentication failed for user hub (secret=sk_live_123)"));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("sk_live_123");
    expect(text).not.toContain("password authentication");
    expect(JSON.parse(text).error.code).toBe("internal");
    log.mockRestore();
  });
});
