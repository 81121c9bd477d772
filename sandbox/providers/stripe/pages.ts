/**
 * Stripe's hosted pages on the Stripe port: checkout (`/checkout/:id`, from a session's `url`),
 * payment links (`/pay/:id` opens a fresh session) and the hosted invoice (`/invoice/:id`).
 * A person (or Playwright) clicks "Pay"; that completes the payment and fires the webhooks.
 */
import { html, type Router } from "../../core/http";
import { completeSession, createSession } from "./checkout";
import { finalize, markPaid } from "./invoices";
import type { StripeObject } from "./store";
import type { StripeState } from "./state";

const esc = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (amount: unknown, currency: unknown) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency: String(currency ?? "usd").toUpperCase() }).format(Number(amount ?? 0) / 100);

function page(title: string, body: string) {
  return html(200, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1f36}
table{width:100%;border-collapse:collapse}td{padding:.4rem 0;border-bottom:1px solid #e3e8ee}td:last-child{text-align:right}
button{background:#635bff;color:#fff;border:0;border-radius:6px;padding:.7rem 1.4rem;font-size:1rem;cursor:pointer;width:100%}
label{display:block;margin:1rem 0 .3rem}input{width:100%;padding:.5rem;box-sizing:border-box}.muted{color:#697386}</style></head>
<body><p class="muted">Stripe sandbox · test mode</p>${body}</body></html>`);
}

const redirect = (location: string) => ({ status: 303, headers: { location }, body: "" });

export function mountPages(r: Router, s: StripeState) {
  const { store } = s;

  r.get("/pay/:id", (req) => {
    const link = store.get("payment_link", req.params.id);
    if (!link || !link.active) return { ...page("Link unavailable", "<h1>This link is no longer active</h1>"), status: 404 };
    const cs = createSession(s, {}, req.origin, link) as StripeObject;
    return redirect(`/checkout/${cs.id}`);
  });

  r.get("/checkout/:id", (req) => {
    const cs = store.get("checkout.session", req.params.id);
    if (!cs) return { ...page("Not found", "<h1>Checkout session not found</h1>"), status: 404 };
    const lines = (store.lines.get(cs.id) ?? []).map((l) => `<tr><td>${esc(l.description)} × ${esc(l.quantity)}</td><td>${money(l.amount_total, l.currency)}</td></tr>`).join("");
    const total = money(cs.amount_total, cs.currency);
    if (cs.status !== "open") return page("Checkout", `<h1>Payment ${cs.status === "complete" ? "complete" : "expired"}</h1><p>Total ${total}</p>`);
    return page("Checkout", `<h1>Pay ${total}</h1><table>${lines}</table>
<form method="post" action="/checkout/${esc(cs.id)}/pay"><label for="email">Email</label>
<input id="email" name="email" type="email" value="${esc(cs.customer_email ?? "customer@example.com")}">
<label for="name">Name on card</label><input id="name" name="name" value="Ada Lovelace">
<label for="card">Card number</label><input id="card" name="card" value="4242 4242 4242 4242">
<p><button type="submit">Pay</button></p></form>
${cs.cancel_url ? `<p><a href="${esc(cs.cancel_url)}">Cancel</a></p>` : ""}`);
  });

  r.post("/checkout/:id/pay", async (req) => {
    const cs = store.get("checkout.session", req.params.id);
    if (!cs) return { ...page("Not found", "<h1>Checkout session not found</h1>"), status: 404 };
    const form = new URLSearchParams(req.rawBody);
    completeSession(s, cs, { email: form.get("email") ?? undefined, name: form.get("name") ?? undefined });
    await s.events.flush();
    const success = String(cs.success_url ?? `/checkout/${cs.id}/done`).replace("{CHECKOUT_SESSION_ID}", cs.id);
    return redirect(success);
  });

  r.get("/checkout/:id/done", (req) => {
    const cs = store.get("checkout.session", req.params.id);
    return page("Thanks", `<h1>Thanks for your payment</h1><p>${cs ? money(cs.amount_total, cs.currency) : ""} paid.</p>`);
  });

  r.get("/invoice/:id", (req) => {
    const inv = store.get("invoice", req.params.id);
    if (!inv) return { ...page("Not found", "<h1>Invoice not found</h1>"), status: 404 };
    const head = `<h1>Invoice ${esc(inv.number ?? inv.id)}</h1><p>${esc(inv.customer_name ?? inv.customer_email ?? "")}</p><p>Amount due ${money(inv.amount_remaining, inv.currency)}</p>`;
    if (inv.status !== "open") return page("Invoice", `${head}<p>Status: ${esc(inv.status)}</p>`);
    return page("Invoice", `${head}<form method="post" action="/invoice/${esc(inv.id)}/pay"><button type="submit">Pay</button></form>`);
  });

  r.post("/invoice/:id/pay", async (req) => {
    const inv = store.get("invoice", req.params.id);
    if (!inv) return { ...page("Not found", "<h1>Invoice not found</h1>"), status: 404 };
    if (inv.status === "draft") finalize(s, inv, req.origin);
    if (inv.status === "open") markPaid(s, inv, false);
    await s.events.flush();
    return redirect(`/invoice/${inv.id}`);
  });
}
