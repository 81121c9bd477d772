/**
 * PayPal Invoicing v2 under /paypal/api/v2/invoicing: create draft, list (page, page_size,
 * total_required), get, send, record payment, cancel, delete draft.
 */
import type { Router } from "../../core/http";
import { json, parseBody } from "../../core/http";
import { API, iso, money, notFound, ppError, unprocessable } from "./common";
import type { PayPalState } from "./state";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function total(items: unknown): number {
  if (!Array.isArray(items)) return 0;
  return items.reduce((n: number, it) => {
    const i = it as { quantity?: string; unit_amount?: { value?: string } };
    return n + Number(i.quantity ?? 1) * Number(i.unit_amount?.value ?? 0);
  }, 0);
}

export function mountInvoices(r: Router, s: PayPalState) {
  const base = `${API}/v2/invoicing/invoices`;
  const links = (origin: string, id: string, status: string) => [
    { href: `${origin}${base}/${id}`, rel: "self", method: "GET" },
    ...(status === "DRAFT" ? [{ href: `${origin}${base}/${id}/send`, rel: "send", method: "POST" }] : []),
    ...(status !== "DRAFT" && status !== "PAID" && status !== "CANCELLED" ? [{ href: `${origin}${base}/${id}/payments`, rel: "record-payment", method: "POST" }] : []),
  ];
  const view = (origin: string, inv: Obj) => ({ ...inv, links: links(origin, String(inv.id), String(inv.status)) });

  r.post(base, (req) => {
    const b = parseBody(req);
    const detail = isObj(b.detail) ? b.detail : {};
    const currency = String(detail.currency_code ?? "USD");
    if (!detail.currency_code) return ppError(400, "INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.", [{ issue: "MISSING_REQUIRED_PARAMETER", field: "/detail/currency_code", location: "body", description: "A required field / parameter is missing." }]);
    s.counter += 1;
    const id = `INV2-SBX${String(s.counter).padStart(4, "0")}-${String(s.counter * 7919).padStart(4, "0").slice(-4)}-${String(s.counter * 104729).padStart(4, "0").slice(-4)}-SBX${String(s.counter).padStart(2, "0")}`;
    const amount = total(b.items);
    const now = iso();
    const inv: Obj = {
      id, status: "DRAFT",
      detail: { ...detail, currency_code: currency, invoice_number: String(detail.invoice_number ?? `SBX-${String(s.counter).padStart(4, "0")}`), invoice_date: String(detail.invoice_date ?? now.slice(0, 10)), metadata: { create_time: now, last_update_time: now } },
      invoicer: isObj(b.invoicer) ? b.invoicer : { business_name: "Sandbox Trading Ltd", email_address: "merchant@sandbox.example" },
      primary_recipients: Array.isArray(b.primary_recipients) ? b.primary_recipients : [],
      items: Array.isArray(b.items) ? b.items : [],
      amount: { ...money(currency, amount), breakdown: { item_total: money(currency, amount) } },
      due_amount: money(currency, amount),
    };
    s.invoices.set(id, inv);
    return json(201, view(req.origin, inv));
  });

  r.get(base, (req) => {
    const page = Math.max(1, Number(req.query.get("page") ?? 1) || 1);
    const size = Math.min(100, Math.max(1, Number(req.query.get("page_size") ?? 20) || 20));
    const all = [...s.invoices.values()].reverse();
    const items = all.slice((page - 1) * size, page * size).map((i) => view(req.origin, i));
    const totalRequired = req.query.get("total_required") === "true";
    const pages = Math.max(1, Math.ceil(all.length / size));
    const nav = [{ href: `${req.origin}${base}?page=${page}&page_size=${size}`, rel: "self", method: "GET" }];
    if (page < pages) nav.push({ href: `${req.origin}${base}?page=${page + 1}&page_size=${size}`, rel: "next", method: "GET" });
    return json(200, { ...(totalRequired ? { total_items: all.length, total_pages: pages } : {}), items, links: nav });
  });

  r.get(`${base}/:id`, (req) => {
    const inv = s.invoices.get(req.params.id);
    return inv ? json(200, view(req.origin, inv)) : notFound();
  });

  r.delete(`${base}/:id`, (req) => {
    const inv = s.invoices.get(req.params.id);
    if (!inv) return notFound();
    if (inv.status !== "DRAFT") return unprocessable("CANT_DELETE_INVOICE", "Only draft invoices can be deleted.");
    s.invoices.delete(inv.id as string);
    return { status: 204 };
  });

  r.post(`${base}/:id/send`, (req) => {
    const inv = s.invoices.get(req.params.id);
    if (!inv) return notFound();
    if (inv.status !== "DRAFT") return unprocessable("INVALID_INVOICE_STATUS", `Invoice status is ${String(inv.status)}; only draft invoices can be sent.`);
    inv.status = "UNPAID";
    s.emit("INVOICING.INVOICE.CREATED", inv, req.origin);
    return json(200, { href: `${req.origin}/paypal/www/invoice/p/#${String(inv.id)}`, rel: "payer-view", method: "GET" });
  });

  r.post(`${base}/:id/payments`, (req) => {
    const inv = s.invoices.get(req.params.id);
    if (!inv) return notFound();
    if (inv.status === "DRAFT" || inv.status === "CANCELLED" || inv.status === "PAID") return unprocessable("INVALID_INVOICE_STATUS", `Cannot record a payment on a ${String(inv.status)} invoice.`);
    const b = parseBody(req);
    const due = inv.due_amount as { currency_code: string; value: string };
    const amt = isObj(b.amount) ? Number(b.amount.value) : Number(due.value);
    s.counter += 1;
    const paymentId = `EXTR-SBX${String(s.counter).padStart(9, "0")}`;
    const prev = isObj(inv.payments) ? (inv.payments.transactions as unknown[]) : [];
    const paidSoFar = prev.reduce((n: number, t) => n + Number((t as { amount: { value: string } }).amount.value), 0) + amt;
    const remaining = Math.max(0, Number((inv.amount as { value: string }).value) - paidSoFar);
    inv.payments = {
      paid_amount: money(due.currency_code, paidSoFar),
      transactions: [...prev, { payment_id: paymentId, type: "EXTERNAL", method: String(b.method ?? "BANK_TRANSFER"), payment_date: String(b.payment_date ?? iso().slice(0, 10)), amount: money(due.currency_code, amt), ...(b.note ? { note: String(b.note) } : {}) }],
    };
    inv.due_amount = money(due.currency_code, remaining);
    inv.status = remaining === 0 ? "MARKED_AS_PAID" : "PARTIALLY_PAID";
    s.emit(remaining === 0 ? "INVOICING.INVOICE.PAID" : "INVOICING.INVOICE.UPDATED", inv, req.origin);
    return json(200, { payment_id: paymentId });
  });

  r.post(`${base}/:id/cancel`, (req) => {
    const inv = s.invoices.get(req.params.id);
    if (!inv) return notFound();
    if (inv.status === "DRAFT" || inv.status === "CANCELLED" || inv.status === "PAID" || inv.status === "MARKED_AS_PAID") return unprocessable("INVALID_INVOICE_STATUS", `Cannot cancel a ${String(inv.status)} invoice.`);
    inv.status = "CANCELLED";
    s.emit("INVOICING.INVOICE.CANCELLED", inv, req.origin);
    return { status: 204 };
  });
}
