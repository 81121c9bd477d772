import { describe, expect, it } from "vitest";
import { hookName } from "./catch-hook";

describe("hookName", () => {
  it("tells hooks on one host apart by their id", () => {
    expect(hookName("http://localhost:4010/hooks/zap-1")).toBe("Hook zap-1 at localhost:4010");
    expect(hookName("http://localhost:4010/hooks/zap-2")).toBe("Hook zap-2 at localhost:4010");
  });

  it("shows only the end of a long vendor hook key, never the whole secret path", () => {
    const name = hookName("https://hooks.zapier.com/hooks/catch/123456/abcdefghijklmnop/");
    expect(name).toBe("Hook …mnop at hooks.zapier.com");
    expect(name).not.toContain("abcdefgh");
  });
});
