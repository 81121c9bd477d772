import { AccountingRuleError } from "./errors";

export const INVOICE_STATUSES = ["draft", "sent", "paid", "overdue", "void"] as const;
/** An invoice's lifecycle state: draft → sent → paid | overdue → paid; anything unpaid → void. */
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * Allowed moves. `paid` is only reached by recording payments and `overdue` only by the
 * mark-overdue job; `paid` and `void` are final.
 */
const TRANSITIONS: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  draft: ["sent", "void"],
  sent: ["paid", "overdue", "void"],
  overdue: ["paid", "sent", "void"],
  paid: [],
  void: [],
};

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws an AccountingRuleError naming both states when the move is not allowed. */
export function assertTransition(from: InvoiceStatus, to: InvoiceStatus): void {
  if (!canTransition(from, to)) {
    throw new AccountingRuleError("invalid_transition", `A ${from} invoice cannot become ${to}.`);
  }
}

/** Payments are accepted on sent and overdue invoices only. */
export function assertPayable(status: InvoiceStatus): void {
  if (status === "void") throw new AccountingRuleError("invoice_not_payable", "A void invoice accepts no payments.");
  if (status === "draft") {
    throw new AccountingRuleError("invoice_not_payable", "Mark the invoice as sent before recording a payment.");
  }
  if (status === "paid") throw new AccountingRuleError("overpayment", "This invoice is already paid.", "amount");
}

/** Lines, customer and currency can be changed only while the invoice is a draft. */
export const linesEditable = (status: InvoiceStatus) => status === "draft";

/** Voiding is refused once money has been received: the payments must be removed first. */
export function assertVoidable(invoice: { status: InvoiceStatus; amountPaid: number }): void {
  assertTransition(invoice.status, "void");
  if (invoice.amountPaid > 0) {
    throw new AccountingRuleError("invalid_transition", "An invoice with payments cannot be voided.");
  }
}
