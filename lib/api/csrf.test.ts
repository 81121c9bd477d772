import { describe, expect, it } from "vitest";
import { appOrigins, assertSameOrigin } from "./csrf";
import { ApiError } from "./problem";

const req = (method: string, headers: Record<string, string> = {}, url = "http://localhost:3000/api/x") =>
  new Request(url, { method, headers });

const refusal = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof ApiError ? `${err.status} ${err.code}` : String(err);
  }
};

describe("assertSameOrigin", () => {
  it("refuses cross-site fetch metadata and foreign origins on state changes", () => {
    expect(refusal(() => assertSameOrigin(req("POST", { "sec-fetch-site": "cross-site" }), {}))).toBe("403 csrf_refused");
    expect(refusal(() => assertSameOrigin(req("DELETE", { origin: "http://evil.example" }), {}))).toBe("403 csrf_refused");
    expect(refusal(() => assertSameOrigin(req("PATCH", { origin: "http://localhost:3001" }), {}))).toBe("403 csrf_refused");
  });

  it("accepts the request's own origin, the configured public URL and clients that send neither header", () => {
    expect(refusal(() => assertSameOrigin(req("POST", { origin: "http://localhost:3000" }), {}))).toBeNull();
    const env = { HUB_PUBLIC_URL: "https://hub.example.com/base" };
    expect(refusal(() => assertSameOrigin(req("POST", { origin: "https://hub.example.com" }), env))).toBeNull();
    expect(refusal(() => assertSameOrigin(req("POST"), {}))).toBeNull();
  });

  it("never refuses safe methods", () => {
    expect(refusal(() => assertSameOrigin(req("GET", { origin: "http://evil.example", "sec-fetch-site": "cross-site" }), {}))).toBeNull();
  });

  it("counts the Host header under both schemes as the app's origin (TLS proxy)", () => {
    const origins = appOrigins(req("POST", { host: "hub.example.com" }, "http://10.0.0.5:3000/api/x"), { AUTH_URL: "bad url" });
    expect([...origins].sort()).toEqual(["http://10.0.0.5:3000", "http://hub.example.com", "https://hub.example.com"]);
  });
});
