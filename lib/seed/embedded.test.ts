import { describe, expect, it } from "vitest";
import { isEmbeddedDefault } from "./embedded";

describe("isEmbeddedDefault", () => {
  it("is the default without DATABASE_URL outside production", () => {
    expect(isEmbeddedDefault({ NODE_ENV: "development" })).toBe(true);
    expect(isEmbeddedDefault({ NODE_ENV: "test" })).toBe(true);
  });

  it("is off with a DATABASE_URL or in production", () => {
    expect(isEmbeddedDefault({ NODE_ENV: "development", DATABASE_URL: "postgres://h/db" })).toBe(false);
    expect(isEmbeddedDefault({ NODE_ENV: "production" })).toBe(false);
  });

  it("is forced on by HUB_EMBEDDED=1", () => {
    expect(isEmbeddedDefault({ NODE_ENV: "production", HUB_EMBEDDED: "1", DATABASE_URL: "postgres://h/db" })).toBe(true);
  });
});
