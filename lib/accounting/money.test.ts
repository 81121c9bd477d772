import { describe, expect, it } from "vitest";
import { formatAmount, formatMoney, isCurrencyCode, minorDigits, parseMoney, toDecimalString } from "./money";

describe("parseMoney", () => {
  it("turns decimal text into minor units without float error", () => {
    expect(parseMoney("12.50")).toBe(1250);
    expect(parseMoney("0.29")).toBe(29);
    expect(parseMoney("1,234.5")).toBe(123450);
    expect(parseMoney(" 7 ")).toBe(700);
    expect(parseMoney(".5")).toBe(50);
    expect(parseMoney("-3")).toBe(-300);
  });

  it("refuses text that is not an amount or has too many decimals", () => {
    expect(parseMoney("")).toBeNull();
    expect(parseMoney("abc")).toBeNull();
    expect(parseMoney("1.234")).toBeNull();
    expect(parseMoney("1.2.3")).toBeNull();
    expect(parseMoney("1e5")).toBeNull();
  });

  it("follows the currency's minor unit", () => {
    expect(minorDigits("JPY")).toBe(0);
    expect(parseMoney("1500", "JPY")).toBe(1500);
    expect(parseMoney("15.5", "JPY")).toBeNull();
    expect(parseMoney("1.005", "KWD")).toBe(1005);
  });
});

describe("toDecimalString and formatMoney", () => {
  it("round-trips with parseMoney", () => {
    for (const minor of [0, 5, 29, 1250, 123456789, -75]) {
      expect(parseMoney(toDecimalString(minor))).toBe(minor);
    }
    expect(toDecimalString(5)).toBe("0.05");
    expect(toDecimalString(1500, "JPY")).toBe("1500");
  });

  it("formats with the currency symbol and grouping", () => {
    expect(formatMoney(123450, "USD")).toBe("$1,234.50");
    expect(formatMoney(1500, "JPY")).toBe("¥1,500");
    expect(formatMoney(-250, "USD")).toBe("-$2.50");
  });
});

describe("every ISO 4217 currency (issue 9.1)", () => {
  it("takes minor digits from ISO data, not a short table", () => {
    expect(minorDigits("CLP")).toBe(0);
    expect(minorDigits("ISK")).toBe(0);
    expect(minorDigits("BHD")).toBe(3);
    expect(minorDigits("JOD")).toBe(3);
    expect(minorDigits("CLF")).toBe(4);
    expect(minorDigits("EUR")).toBe(2);
  });

  it("shows ¥12,000 for 12000 JPY minor units and keeps BHD's three decimals", () => {
    expect(formatMoney(12000, "JPY")).toBe("¥12,000");
    expect(formatMoney(12000, "KRW")).toBe("₩12,000");
    expect(formatMoney(12345, "BHD")).toBe("BHD\u00a012.345");
    expect(formatMoney(1500, "CLP")).toBe("CLP\u00a01,500");
    expect(parseMoney("12,000", "JPY")).toBe(12000);
    expect(parseMoney("12.345", "BHD")).toBe(12345);
    expect(parseMoney("12.3456", "BHD")).toBeNull();
    expect(toDecimalString(12345, "BHD")).toBe("12.345");
    expect(formatAmount(9_999_999_999, "USD")).toBe("99,999,999.99");
  });

  it("accepts only real ISO codes", () => {
    expect(isCurrencyCode("USD")).toBe(true);
    expect(isCurrencyCode("BHD")).toBe(true);
    expect(isCurrencyCode("XYZ")).toBe(false);
    expect(isCurrencyCode("usd")).toBe(false);
  });
});
