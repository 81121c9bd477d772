import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { InvoiceActions } from "@/components/accounting/invoice-actions";
import { orNotFound } from "@/components/accounting/or-not-found";
import { RecordPaymentDialog } from "@/components/accounting/record-payment-dialog";
import { InvoiceStatusBadge } from "@/components/accounting/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { StatusAction } from "@/components/work/status-action";
import { WorkStatusBadge } from "@/components/work/work-status-badge";
import { requireTenant } from "@/lib/auth/session";
import { todayIn } from "@/lib/accounting/dates";
import { formatMoney } from "@/lib/accounting/money";
import { canTransition } from "@/lib/accounting/status";
import { balanceDue } from "@/lib/accounting/totals";
import { getDb } from "@/lib/db/client";
import { getInvoice } from "@/lib/db/queries/invoices";
import { organisationTimeZone } from "@/lib/db/queries/organisations";
import { markSentAction, recordPaymentAction, reversePaymentAction, voidInvoiceAction } from "../actions";

export const metadata = { title: "Invoice" };

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const tenant = await requireTenant();
  const { id } = await params;
  const db = await getDb();
  const [invoice, timeZone] = await Promise.all([orNotFound(getInvoice(db, tenant, id)), organisationTimeZone(db, tenant)]);
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const balance = balanceDue(invoice);
  const payable = invoice.status === "sent" || invoice.status === "overdue";
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Invoice ${invoice.number}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <InvoiceStatusBadge status={invoice.status} />
            <span>
              to <Link href={`/customers/${invoice.customerId}`} className="hover:underline">{invoice.customerName}</Link> · issued {invoice.issueDate} · due {invoice.dueDate}
            </span>
          </span>
        }
        actions={
          <>
            {invoice.status === "draft" ? (
              <Button variant="outline" asChild><Link href={`/invoices/${id}/edit`}>Edit</Link></Button>
            ) : null}
            <InvoiceActions
              number={invoice.number}
              canSend={invoice.status === "draft"}
              canVoid={canTransition(invoice.status, "void") && invoice.amountPaid === 0}
              markSent={markSentAction.bind(null, id)}
              voidInvoice={voidInvoiceAction.bind(null, id)}
            />
            {payable && balance > 0 ? (
              <RecordPaymentDialog action={recordPaymentAction.bind(null, id)} balance={balance} currency={invoice.currency} today={todayIn(timeZone)} />
            ) : null}
          </>
        }
      />
      <Card>
        <CardHeader><CardTitle>Lines</CardTitle></CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Description</TableHead>
                <TableHead className="text-right">Qty</TableHead>
                <TableHead className="text-right">Unit price</TableHead>
                <TableHead className="hidden sm:table-cell">Tax</TableHead>
                <TableHead className="text-right">Amount</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {invoice.lines.map((l) => (
                <TableRow key={l.id}>
                  <TableCell>{l.description}</TableCell>
                  <TableCell className="text-right tabular-nums">{l.quantity}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(l.unitPrice)}</TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{l.taxRateName ? `${l.taxRateName} (${money(l.taxAmount)})` : "—"}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(l.amount)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {/* Totals live outside the table: in a footer they spanned the columns a phone hides and
              the amounts slid off screen. A stacked list stays readable at any width. */}
          <dl className="mt-4 ml-auto grid w-full max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-1.5 border-t pt-4 text-sm" data-testid="invoice-totals">
            <dt className="text-muted-foreground">Subtotal</dt>
            <dd className="text-right tabular-nums" data-testid="invoice-subtotal">{money(invoice.subtotal)}</dd>
            <dt className="text-muted-foreground">Tax</dt>
            <dd className="text-right tabular-nums" data-testid="invoice-tax">{money(invoice.taxTotal)}</dd>
            <dt className="font-semibold">Total</dt>
            <dd className="text-right font-semibold tabular-nums" data-testid="invoice-total">{money(invoice.total)}</dd>
            <dt className="text-muted-foreground">Paid</dt>
            <dd className="text-right tabular-nums">{money(invoice.amountPaid)}</dd>
            <dt className="font-semibold">Balance due</dt>
            <dd className="text-right font-semibold tabular-nums" data-testid="balance-due">{invoice.status === "void" ? "—" : money(balance)}</dd>
          </dl>
          {invoice.notes ? <p className="mt-4 whitespace-pre-wrap text-sm text-muted-foreground">{invoice.notes}</p> : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle>Payments</CardTitle></CardHeader>
        <CardContent>
          {invoice.payments.length === 0 ? (
            <p className="text-sm text-muted-foreground">No payments recorded.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Date</TableHead><TableHead>Method</TableHead><TableHead className="hidden sm:table-cell">Reference</TableHead><TableHead className="text-right">Amount</TableHead><TableHead className="text-right"><span className="sr-only">Status and actions</span></TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {invoice.payments.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell>{p.paidAt}</TableCell>
                    <TableCell className="capitalize">{p.method.replace("_", " ")}</TableCell>
                    <TableCell className="hidden text-muted-foreground sm:table-cell">{p.reference ?? "—"}</TableCell>
                    <TableCell className={p.status === "received" ? "text-right tabular-nums" : "text-right tabular-nums text-muted-foreground line-through"}>{money(p.amount)}</TableCell>
                    <TableCell className="space-x-2 text-right whitespace-nowrap">
                      {p.status === "received" && p.amount < 0 ? (
                        <span className="text-xs text-muted-foreground">Refund</span>
                      ) : p.status === "received" ? (
                        <>
                          <StatusAction
                            label="Refund" action={reversePaymentAction.bind(null, invoice.id, p.id, "refunded")}
                            confirm={{ title: `Refund ${money(p.amount)}?`, description: "Record that this payment was given back to the customer. Its amount is owed again on this invoice. This cannot be undone.", confirmLabel: "Refund payment" }}
                          />
                          <StatusAction
                            label="Mark failed" action={reversePaymentAction.bind(null, invoice.id, p.id, "failed")}
                            confirm={{ title: `Mark ${money(p.amount)} as failed?`, description: "Record that this payment bounced or was returned. Its amount is owed again on this invoice. This cannot be undone.", confirmLabel: "Mark failed" }}
                          />
                        </>
                      ) : (
                        <WorkStatusBadge status={p.status} />
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
