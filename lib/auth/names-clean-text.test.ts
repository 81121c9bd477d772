import { describe, expect, it } from "vitest";
import { organisationNameSchema, signUpSchema } from "./schemas";

// Found by e2e/server-action-fuzz.spec.ts: a NUL in the sign-up name passed the schema and could
// only fail at the database (a 500). Names now refuse control characters and lone surrogates.
describe("names refuse text the database cannot store", () => {
  const account = { email: "a@example.com", password: "long enough secret" };

  it.each(["a\u0000b", "a\ud800b", "tab\u0007bell"])("sign-up name %j gets a field error", (name) => {
    const r = signUpSchema.safeParse({ ...account, name });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["name"]);
  });

  it.each(["Ac\u0000me", "Acme \udc00"])("organisation name %j gets a field error", (name) => {
    expect(organisationNameSchema.safeParse({ name }).error?.issues[0].message).toMatch(/control characters/);
  });

  it("keeps ordinary names, accents and emoji", () => {
    expect(signUpSchema.parse({ ...account, name: " Zoë 🙂 " }).name).toBe("Zoë 🙂");
    expect(organisationNameSchema.parse({ name: "Smith & Co" }).name).toBe("Smith & Co");
  });
});
