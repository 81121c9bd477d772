import { describe, expect, it } from "vitest";
import { audit } from "./index";

// The details guard runs before any database call, so a never-called db stands in.
const noDb = new Proxy({}, { get: () => { throw new Error("db must not be reached"); } }) as never;

describe("audit details guard", () => {
  it("refuses details whose keys name a secret", async () => {
    for (const key of ["accessToken", "refresh_token", "clientSecret", "password", "apiKey", "codeVerifier"]) {
      await expect(audit(noDb, { organisationId: "o", actorUserId: null, action: "connection.connected", details: { [key]: "x" } }))
        .rejects.toThrow(/secrets/);
    }
  });

  it("refuses unknown actions and nested objects", async () => {
    await expect(audit(noDb, { organisationId: "o", actorUserId: null, action: "nope" as never })).rejects.toThrow();
    await expect(audit(noDb, { organisationId: "o", actorUserId: null, action: "connection.tested", details: { a: { b: 1 } } })).rejects.toThrow();
  });
});
