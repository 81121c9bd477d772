/** Invoice numbers are "INV-" + a zero-padded counter per organisation: INV-0001, INV-0002, … */
export const INVOICE_PREFIX = "INV-";

export function formatInvoiceNumber(n: number): string {
  return `${INVOICE_PREFIX}${String(n).padStart(4, "0")}`;
}

/** The counter of a number this module generated, or null for imported/other numbers. */
export function parseInvoiceNumber(number: string): number | null {
  const m = /^INV-(\d+)$/.exec(number);
  return m ? Number(m[1]) : null;
}
