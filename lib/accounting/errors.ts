/**
 * A business rule refused the change (overpayment, paying a void invoice, editing a sent
 * invoice's lines…). Routes answer 409 with `code` and, when set, the form field it concerns, so
 * the screen can show the message under that field. Nothing has been written when it is thrown.
 */
export class AccountingRuleError extends Error {
  readonly status = 409;
  constructor(
    readonly code: AccountingRuleCode,
    message: string,
    /** The input field the rule concerns, e.g. "amount" for an overpayment. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "AccountingRuleError";
  }
}

/** The rules that can refuse a change, as stable codes for clients. */
export type AccountingRuleCode =
  | "invalid_transition"
  | "overpayment"
  | "invoice_not_payable"
  | "invoice_locked"
  | "invalid_reference"
  | "invalid_refund"
  | "over_refund";

export function isAccountingRuleError(err: unknown): err is AccountingRuleError {
  return err instanceof AccountingRuleError;
}
