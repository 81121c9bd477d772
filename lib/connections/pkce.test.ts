import { describe, expect, it } from "vitest";
import { codeChallenge, randomToken, stateId } from "./pkce";

describe("pkce", () => {
  it("computes the RFC 7636 appendix B S256 challenge", () => {
    expect(codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("makes unguessable, distinct tokens and hashes state ids", () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(stateId(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(stateId(a)).not.toContain(a);
  });
});
