import { describe, expect, it } from "vitest";
import { balanceDue, computeLine, computeTotals, roundHalfAwayFromZero } from "./totals";

describe("invoice totals", () => {
  it("rounds a line's quantity × unit price to the minor unit", () => {
    expect(computeLine({ quantity: 3, unitPrice: 1999 })).toEqual({ amount: 5997, taxAmount: 0 });
    expect(computeLine({ quantity: 0.3333, unitPrice: 1000 })).toEqual({ amount: 333, taxAmount: 0 });
    expect(computeLine({ quantity: 1.5, unitPrice: 1 })).toEqual({ amount: 2, taxAmount: 0 });
  });

  it("computes tax per line from basis points, rounding half away from zero", () => {
    // 10% of 1005 = 100.5 → 101
    expect(computeLine({ quantity: 1, unitPrice: 1005, taxRateBps: 1000 })).toEqual({ amount: 1005, taxAmount: 101 });
    // 7.25% of 2000 = 145
    expect(computeLine({ quantity: 2, unitPrice: 1000, taxRateBps: 725 })).toEqual({ amount: 2000, taxAmount: 145 });
  });

  it("sums subtotal, tax and total over the lines", () => {
    const t = computeTotals([
      { quantity: 2, unitPrice: 5000, taxRateBps: 2000 },
      { quantity: 1, unitPrice: 1250 },
      { quantity: 0.5, unitPrice: 333, taxRateBps: 1000 },
    ]);
    expect(t.lines.map((l) => l.amount)).toEqual([10000, 1250, 167]);
    expect(t.lines.map((l) => l.taxAmount)).toEqual([2000, 0, 17]);
    expect(t.subtotal).toBe(11417);
    expect(t.taxTotal).toBe(2017);
    expect(t.total).toBe(13434);
  });

  it("gives zero totals for no lines and never a negative balance", () => {
    expect(computeTotals([])).toMatchObject({ subtotal: 0, taxTotal: 0, total: 0 });
    expect(balanceDue({ total: 1000, amountPaid: 400 })).toBe(600);
    expect(balanceDue({ total: 1000, amountPaid: 1200 })).toBe(0);
  });

  it("rounds negatives symmetrically", () => {
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(-2.4)).toBe(-2);
  });
});
