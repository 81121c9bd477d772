import { redirect } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { InvoiceForm } from "@/components/accounting/invoice-form";
import { orNotFound } from "@/components/accounting/or-not-found";
import { requireTenant } from "@/lib/auth/session";
import { toDecimalString } from "@/lib/accounting/money";
import { getDb } from "@/lib/db/client";
import { customerOptions } from "@/lib/db/queries/customers";
import { getInvoice } from "@/lib/db/queries/invoices";
import { listTaxRates } from "@/lib/db/queries/tax-rates";
import { updateInvoiceAction } from "../../actions";

export const metadata = { title: "Edit invoice" };

/** Only drafts are edited in full; other invoices go back to their page. */
export default async function EditInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const tenant = await requireTenant();
  const { id } = await params;
  const db = await getDb();
  const invoice = await orNotFound(getInvoice(db, tenant, id));
  if (invoice.status !== "draft") redirect(`/invoices/${id}`);
  const [customers, taxRates] = await Promise.all([customerOptions(db, tenant), listTaxRates(db, tenant)]);
  return (
    <div className="space-y-6">
      <PageHeader title={`Edit ${invoice.number}`} description="Drafts can change freely until they are sent." />
      <InvoiceForm
        customers={customers}
        taxRates={taxRates}
        save={updateInvoiceAction.bind(null, id)}
        defaults={{ issueDate: invoice.issueDate, dueDate: invoice.dueDate }}
        initial={{
          customerId: invoice.customerId, issueDate: invoice.issueDate, dueDate: invoice.dueDate, notes: invoice.notes,
          lines: invoice.lines.map((l) => ({
            description: l.description, quantity: String(l.quantity),
            unitPrice: toDecimalString(l.unitPrice, invoice.currency), taxRateId: l.taxRateId ?? "",
          })),
        }}
        canSend={false}
      />
    </div>
  );
}
