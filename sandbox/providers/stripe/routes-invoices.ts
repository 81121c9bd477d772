/** /v1/invoices (create, retrieve, update, list, finalize, pay, void, send) and /v1/invoiceitems. */
import type { Router } from "../../core/http";
import { missingParam, noSuch, stripeError } from "./errors";
import { attachItem, finalize, invoice, invoiceItem, markPaid } from "./invoices";
import { mergeMetadata } from "./objects";
import { paginate, type StripeObject } from "./store";
import { idempotent, params, type StripeState } from "./state";
import { filtered } from "./routes-core";

const ok = (body: unknown) => ({ status: 200, body });
const unexpected = (inv: StripeObject, action: string) =>
  stripeError(400, "invalid_request_error", `You can only ${action} an invoice if it is ${action === "finalize" ? "a draft" : "open"}. This invoice is ${String(inv.status)}.`, { code: "invoice_unexpected_state" });

export function mountInvoices(r: Router, s: StripeState) {
  const { store, events } = s;
  const find = (id: string) => store.get("invoice", id);

  r.post("/v1/invoiceitems", idempotent(s, (req) => {
    const p = params(req);
    if (typeof p.customer !== "string") return missingParam("customer");
    if (!store.get("customer", p.customer)) return noSuch("customer", p.customer, "customer");
    const pr = typeof p.price === "string" ? store.get("price", p.price) : null;
    if (typeof p.price === "string" && !pr) return noSuch("price", p.price, "price");
    if (!pr && typeof p.amount !== "string" && typeof p.unit_amount !== "string") return missingParam("amount");
    const ii = store.put(invoiceItem(s, p, pr ?? null));
    if (typeof p.invoice === "string") {
      const inv = find(p.invoice);
      if (!inv) return noSuch("invoice", p.invoice, "invoice");
      if (inv.status !== "draft") return unexpected(inv, "finalize");
      attachItem(s, inv, ii);
    }
    events.emit("invoiceitem.created", ii);
    return ok(ii);
  }));
  r.get("/v1/invoiceitems", (req) => {
    const q = params(req);
    return ok(paginate(filtered(store.all("invoiceitem"), q, ["customer", "invoice"]), q as Record<string, string>, "/v1/invoiceitems"));
  });

  r.post("/v1/invoices", idempotent(s, (req) => {
    const p = params(req);
    if (typeof p.customer !== "string") return missingParam("customer");
    const cust = store.get("customer", p.customer);
    if (!cust) return noSuch("customer", p.customer, "customer");
    const inv = store.put(invoice(s, p, cust));
    if (p.pending_invoice_items_behavior === "include") {
      for (const ii of store.all("invoiceitem").reverse()) if (ii.customer === cust.id && !ii.invoice) attachItem(s, inv, ii);
    }
    events.emit("invoice.created", inv);
    return ok(inv);
  }));
  r.get("/v1/invoices", (req) => {
    const q = params(req);
    return ok(paginate(filtered(store.all("invoice"), q, ["customer", "status", "collection_method"]), q as Record<string, string>, "/v1/invoices"));
  });
  r.get("/v1/invoices/:id", (req) => {
    const inv = find(req.params.id);
    return inv ? ok(inv) : noSuch("invoice", req.params.id, "invoice");
  });
  r.get("/v1/invoices/:id/lines", (req) => {
    const inv = find(req.params.id);
    if (!inv) return noSuch("invoice", req.params.id, "invoice");
    const lines = [...(inv.lines as { data: StripeObject[] }).data].reverse();
    return ok(paginate(lines, params(req) as Record<string, string>, `/v1/invoices/${inv.id}/lines`));
  });
  r.post("/v1/invoices/:id", idempotent(s, (req) => {
    const inv = find(req.params.id);
    if (!inv) return noSuch("invoice", req.params.id, "invoice");
    const p = params(req);
    if (typeof p.description === "string") inv.description = p.description || null;
    if (typeof p.footer === "string") inv.footer = p.footer || null;
    if (typeof p.due_date === "string") inv.due_date = Number(p.due_date);
    if ("metadata" in p) inv.metadata = mergeMetadata(inv.metadata, p.metadata);
    events.emit("invoice.updated", inv);
    return ok(inv);
  }));
  r.delete("/v1/invoices/:id", (req) => {
    const inv = find(req.params.id);
    if (!inv) return noSuch("invoice", req.params.id, "invoice");
    if (inv.status !== "draft") return stripeError(400, "invalid_request_error", "You can only delete draft invoices.", { code: "invoice_unexpected_state" });
    store.remove("invoice", inv.id);
    events.emit("invoice.deleted", inv);
    return ok({ id: inv.id, object: "invoice", deleted: true });
  });
  r.post("/v1/invoices/:id/finalize", idempotent(s, (req) => {
    const inv = find(req.params.id);
    if (!inv) return noSuch("invoice", req.params.id, "invoice");
    if (inv.status !== "draft") return unexpected(inv, "finalize");
    return ok(finalize(s, inv, req.origin));
  }));
  r.post("/v1/invoices/:id/pay", idempotent(s, (req) => {
    const inv = find(req.params.id);
    if (!inv) return noSuch("invoice", req.params.id, "invoice");
    if (inv.status === "draft") finalize(s, inv, req.origin);
    if (inv.status === "paid") return stripeError(400, "invalid_request_error", "Invoice is already paid", { code: "invoice_unexpected_state" });
    if (inv.status !== "open") return unexpected(inv, "pay");
    return ok(markPaid(s, inv, params(req).paid_out_of_band === "true"));
  }));
  r.post("/v1/invoices/:id/void", idempotent(s, (req) => {
    const inv = find(req.params.id);
    if (!inv) return noSuch("invoice", req.params.id, "invoice");
    if (inv.status !== "open") return unexpected(inv, "void");
    Object.assign(inv, { status: "void", amount_remaining: 0, status_transitions: { ...(inv.status_transitions as object), voided_at: Math.floor(Date.now() / 1000) } });
    events.emit("invoice.voided", inv);
    return ok(inv);
  }));
  r.post("/v1/invoices/:id/send", idempotent(s, (req) => {
    const inv = find(req.params.id);
    if (!inv) return noSuch("invoice", req.params.id, "invoice");
    if (inv.status !== "open") return unexpected(inv, "send");
    events.emit("invoice.sent", inv);
    return ok(inv);
  }));
}
