import { describe, expect, it } from "vitest";
import { logoForeground, luminance } from "./colour";

describe("luminance", () => {
  it("spans black to white", () => {
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#ffffff")).toBeCloseTo(1, 5);
  });
});

describe("logoForeground", () => {
  it("puts a dark glyph on Mailchimp's yellow and a white one on Stripe's purple", () => {
    expect(logoForeground("#FFE01B")).toBe("#111827");
    expect(logoForeground("#635BFF")).toBe("#ffffff");
  });
});
