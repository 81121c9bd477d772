import { describe, expect, it } from "vitest";
import { evalWhere, parseWhere, whereFields, WhereError } from "./where";

const inv = {
  InvoiceID: "0b4c6f1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e", Status: "AUTHORISED", Type: "ACCREC", AmountDue: 120.5, Reference: "PO-4411 Acme",
  Date: "/Date(1767225600000+0000)/", // 2026-01-01
  Contact: { ContactID: "AA4C6F1E-2D3A-4B5C-8D9E-0F1A2B3C4D5E", Name: "Acme Ltd" }, HasAttachments: false, SentToContact: true,
};
const where = (s: string) => evalWhere(parseWhere(s), inv);

describe("Xero where parser", () => {
  it("parses precedence: AND binds tighter than OR, NOT and parentheses", () => {
    expect(parseWhere('Status=="PAID" OR Type=="ACCREC" AND AmountDue>0')).toMatchObject({ k: "or", r: { k: "and" } });
    expect(parseWhere('(Status=="PAID" || Type=="ACCREC") && !HasAttachments')).toMatchObject({ k: "and", l: { k: "or" }, r: { k: "not", e: { k: "flag", field: "HasAttachments" } } });
    expect(whereFields(parseWhere('Contact.ContactID==Guid("aa4c6f1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e") AND Reference.Contains("x")'))).toEqual(["Contact.ContactID", "Reference"]);
  });

  it("evaluates equality, inequality, numbers, booleans and null", () => {
    expect(where('Status=="AUTHORISED"')).toBe(true);
    expect(where('Status = "AUTHORISED"')).toBe(true);
    expect(where('Status!="AUTHORISED"')).toBe(false);
    expect(where('Status<>"PAID"')).toBe(true);
    expect(where("AmountDue>100 AND AmountDue<=120.5")).toBe(true);
    expect(where("AmountDue>=121")).toBe(false);
    expect(where("100 < AmountDue")).toBe(true);
    expect(where("SentToContact==true AND HasAttachments==false")).toBe(true);
    expect(where("Url==null AND Reference!=null")).toBe(true);
  });

  it("evaluates Guid(), DateTime(), OR and parentheses", () => {
    expect(where('Contact.ContactID==Guid("aa4c6f1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e")')).toBe(true);
    expect(where('Contact.ContactID=Guid("00000000-2d3a-4b5c-8d9e-0f1a2b3c4d5e")')).toBe(false);
    expect(where("Date>=DateTime(2026, 01, 01) AND Date<DateTime(2026,1,2)")).toBe(true);
    expect(where("Date>DateTime(2026, 1, 1, 0, 0, 0)")).toBe(false);
    expect(where('(Status=="PAID" OR Status=="AUTHORISED") AND Type=="ACCREC"')).toBe(true);
    expect(where('Status=="PAID" OR (Status=="DRAFT" AND Type=="ACCREC")')).toBe(false);
    expect(where('NOT Status=="PAID"')).toBe(true);
  });

  it("evaluates Contains, StartsWith and EndsWith (case-insensitive)", () => {
    expect(where('Reference.Contains("acme")')).toBe(true);
    expect(where('Reference.StartsWith("PO-44")')).toBe(true);
    expect(where('Reference.EndsWith("Ltd")')).toBe(false);
    expect(where('Contact.Name.StartsWith("Acme") == true')).toBe(true);
    expect(where('Reference.Contains("zzz") == false')).toBe(true);
  });

  it("refuses what it cannot evaluate instead of ignoring it", () => {
    for (const bad of [
      'Status=="PAID', // unterminated string
      'Status=="PAID" AND', // dangling operator
      'Reference.ToLower()=="x"', // unsupported method
      'Contact.ContactID==Guid("not-a-guid")',
      "Date>DateTime(2026, 2, 30)", // no such day
      "Date>DateTime(2026, 2)",
      'Status=="PAID")',
      "Status ~ 1",
      '"a"=="a"',
    ]) expect(() => where(bad), bad).toThrow(WhereError);
    // Type mismatches surface when evaluated.
    expect(() => where("Reference>DateTime(2026,1,1)")).toThrow(WhereError);
    expect(() => where('Contact>"x"')).toThrow(WhereError);
    expect(() => where("Status==true")).toThrow(WhereError);
    expect(() => where('AmountDue>Guid("aa4c6f1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e")')).toThrow(WhereError);
  });
});
