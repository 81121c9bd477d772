import { describe, expect, it } from "vitest";
import { readJsonBody } from "./body";
import { ApiError } from "./problem";

const post = (body: BodyInit | null, type?: string) =>
  new Request("http://hub.test/api/x", { method: "POST", body, headers: type ? { "content-type": type } : {} });

const outcome = async (req: Request, max?: number) => {
  try {
    return { value: await readJsonBody(req, max) };
  } catch (err) {
    return err instanceof ApiError ? { status: err.status, code: err.code } : { thrown: String(err) };
  }
};

describe("readJsonBody", () => {
  it("reads JSON sent as application/json, with or without parameters", async () => {
    expect(await outcome(post('{"a":1}', "application/json"))).toEqual({ value: { a: 1 } });
    expect(await outcome(post('{"a":1}', "Application/JSON; charset=utf-8"))).toEqual({ value: { a: 1 } });
  });

  it("treats an empty body without a type as absent, and refuses any other type with 415", async () => {
    expect(await outcome(post(null))).toEqual({ value: undefined });
    expect(await outcome(post("a=1", "application/x-www-form-urlencoded"))).toEqual({ status: 415, code: "unsupported_media_type" });
    expect(await outcome(post('{"a":1}', "application/jsonp"))).toEqual({ status: 415, code: "unsupported_media_type" });
  });

  it("refuses bytes that are not UTF-8 or not JSON with 400 invalid_json", async () => {
    expect(await outcome(post(new Uint8Array([0x7b, 0xff, 0x7d]), "application/json"))).toEqual({ status: 400, code: "invalid_json" });
    expect(await outcome(post("{", "application/json"))).toEqual({ status: 400, code: "invalid_json" });
  });

  it("counts bytes against the limit, not characters", async () => {
    const body = JSON.stringify({ s: "é".repeat(30) }); // 30 characters, 60 bytes
    expect(await outcome(post(body, "application/json"), 50)).toEqual({ status: 413, code: "payload_too_large" });
    expect(await outcome(post(body, "application/json"), 100)).toEqual({ value: { s: "é".repeat(30) } });
  });
});
