import { describe, expect, it } from "vitest";
import { IntegrationError } from "@/lib/connections/errors";
import { errorToProblem } from "./error-map";
import { problemBody, problemResponse, toLowerSnake } from "./problem";

describe("problem bodies", () => {
  it("normalises every code convention to lower_snake", () => {
    expect(toLowerSnake("RATE_LIMITED")).toBe("rate_limited");
    expect(toLowerSnake("invoiceLocked")).toBe("invoice_locked");
    expect(toLowerSnake("not-found")).toBe("not_found");
  });

  it("maps an IntegrationError to its status, a lower_snake code and Retry-After", async () => {
    const p = errorToProblem(new IntegrationError("RATE_LIMITED", { retryAfterSeconds: 7 }));
    expect(p).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 7, type: "urn:hub:problem:rate_limited" });
    const res = problemResponse(p);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(errorToProblem(new IntegrationError("NOT_CONNECTED"))).toMatchObject({ status: 404, code: "not_connected" });
  });

  it("omits empty errors", () => {
    expect(problemBody(400, "x", "y", { errors: [] })).not.toHaveProperty("errors");
  });
});
