import { describe, expect, it } from "vitest";
import { matches, parseQuery, QueryError } from "./query";

describe("QuickBooks query parser", () => {
  it("parses select, where, orderby, startposition and maxresults", () => {
    expect(parseQuery("select * from Customer where Metadata.LastUpdatedTime > '2026-01-01T00:00:00-08:00' AND Active = true orderby DisplayName desc startposition 11 maxresults 10")).toEqual({
      count: false, entity: "Customer",
      where: [{ field: "Metadata.LastUpdatedTime", op: ">", value: "2026-01-01T00:00:00-08:00" }, { field: "Active", op: "=", value: "true" }],
      orderBy: { field: "DisplayName", desc: true }, startPosition: 11, maxResults: 10,
    });
  });

  it("parses count(*), IN and LIKE, caps maxresults at 1000 and defaults to 100", () => {
    const q = parseQuery("SELECT COUNT(*) FROM invoice WHERE Id IN ('1', '2') AND DocNumber LIKE '10%'");
    expect(q).toMatchObject({ count: true, entity: "Invoice", maxResults: 100, where: [{ op: "IN", value: ["1", "2"] }, { op: "LIKE", value: "10%" }] });
    expect(parseQuery("select * from Item maxresults 5000").maxResults).toBe(1000);
    expect(parseQuery("select * from Item maxresults 5 startposition 3")).toMatchObject({ maxResults: 5, startPosition: 3 });
  });

  it("parses a select field list (top-level names) and the new list entities", () => {
    expect(parseQuery("select Id, DisplayName from Customer where Active = false")).toMatchObject({ count: false, fields: ["Id", "DisplayName"], entity: "Customer", where: [{ field: "Active", op: "=", value: "false" }] });
    expect(parseQuery("select * from Customer").fields).toBeUndefined();
    expect(parseQuery("SELECT * FROM purchase").entity).toBe("Purchase");
    for (const e of ["Account", "TaxCode", "TaxRate", "Term", "Vendor"]) expect(parseQuery(`select * from ${e}`).entity).toBe(e);
    expect(() => parseQuery("select Id, from Customer")).toThrow(QueryError);
    expect(() => parseQuery("select PrimaryEmailAddr.Address from Customer")).toThrow(QueryError);
  });

  it("rejects what QuickBooks cannot parse", () => {
    expect(() => parseQuery("delete from Customer")).toThrow(QueryError);
    expect(() => parseQuery("select * from Spaceship")).toThrow(/not supported/);
    expect(() => parseQuery("select * from Customer having x")).toThrow(QueryError);
  });

  it("compares timestamps as instants and references by value", () => {
    const e = { MetaData: { LastUpdatedTime: "2026-01-10T10:00:00-08:00" }, CustomerRef: { value: "12", name: "X" }, TotalAmt: 50 };
    expect(matches(e, { field: "Metadata.LastUpdatedTime", op: ">", value: "2026-01-10T17:59:59Z" })).toBe(true);
    expect(matches(e, { field: "Metadata.LastUpdatedTime", op: ">", value: "2026-01-10T18:00:01Z" })).toBe(false);
    expect(matches(e, { field: "CustomerRef", op: "=", value: "12" })).toBe(true);
    expect(matches(e, { field: "TotalAmt", op: ">=", value: "50" })).toBe(true);
  });
});
