import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { InvoiceForm } from "@/components/accounting/invoice-form";
import { Button } from "@/components/ui/button";
import { requireTenant } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { customerOptions } from "@/lib/db/queries/customers";
import { todayIn } from "@/lib/accounting/dates";
import { organisationTimeZone } from "@/lib/db/queries/organisations";
import { listTaxRates } from "@/lib/db/queries/tax-rates";
import { createInvoiceAction } from "../actions";

export const metadata = { title: "New invoice" };

const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);

export default async function NewInvoicePage({ searchParams }: { searchParams: Promise<{ customer?: string }> }) {
  const tenant = await requireTenant();
  const db = await getDb();
  const [customers, taxRates, { customer }, timeZone] = await Promise.all([
    customerOptions(db, tenant), listTaxRates(db, tenant), searchParams, organisationTimeZone(db, tenant),
  ]);
  const today = todayIn(timeZone);
  return (
    <div className="space-y-6">
      <PageHeader title="New invoice" description="Totals are computed from the lines; the number is assigned on save." />
      {customers.length === 0 ? (
        <EmptyState
          title="Add a customer first"
          description="Every invoice is addressed to a customer."
          action={<Button asChild><Link href="/customers/new">New customer</Link></Button>}
        />
      ) : (
        <InvoiceForm
          customers={customers}
          taxRates={taxRates}
          save={createInvoiceAction}
          defaults={{ customerId: customers.some((c) => c.id === customer) ? customer : undefined, issueDate: today, dueDate: plusDays(today, 30) }}
          canSend
        />
      )}
    </div>
  );
}
