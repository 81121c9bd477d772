import { ZodError } from "zod";
import { moneyText } from "@/lib/accounting/form-schemas";
import { quoteCreateSchema, type QuoteCreateInput } from "./schemas";

/**
 * The quote form's typed text → createQuote's input: the total is read in the customer's
 * currency ("1,250.00" → 125000). Every refused field is reported at once (the total's message
 * with the domain schema's), under the same field names.
 */
export function quoteFormInput(values: Record<"customerId" | "total" | "validUntil" | "notes" | "send", string>, currency: string): QuoteCreateInput {
  const total = moneyText("Total", currency).safeParse(values.total);
  const input = { customerId: values.customerId, validUntil: values.validUntil, notes: values.notes, send: values.send === "on", total: total.success ? total.data : 1 };
  if (total.success) return input;
  const rest = quoteCreateSchema.safeParse(input);
  throw new ZodError([...total.error.issues.map((i) => ({ ...i, path: ["total"] })), ...(rest.success ? [] : rest.error.issues)]);
}
