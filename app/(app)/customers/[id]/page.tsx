import { PlusIcon } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { CustomerForm } from "@/components/accounting/customer-form";
import { InvoiceTable } from "@/components/accounting/invoice-table";
import { orNotFound } from "@/components/accounting/or-not-found";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { StatusAction } from "@/components/work/status-action";
import { requireTenant } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/tenant";
import { getDb } from "@/lib/db/client";
import { getCustomer } from "@/lib/db/queries/customers";
import { listInvoices } from "@/lib/db/queries/invoices";
import { deleteCustomerAction, updateCustomerAction } from "../actions";

export const metadata = { title: "Customer" };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const tenant = await requireTenant();
  const { id } = await params;
  const db = await getDb();
  const customer = await orNotFound(getCustomer(db, tenant, id));
  const invoices = await listInvoices(db, tenant, { customerId: id, limit: 10 });
  return (
    <div className="space-y-6">
      <PageHeader
        title={customer.name}
        description={customer.email ?? "Customer"}
        actions={
          <>
            <Button asChild>
              <Link href={`/invoices/new?customer=${customer.id}`}>
                <PlusIcon aria-hidden="true" /> New invoice
              </Link>
            </Button>
            {hasRole(tenant, "admin") && invoices.total === 0 ? (
              <StatusAction
                label="Delete" variant="destructive" redirectTo="/customers" action={deleteCustomerAction.bind(null, customer.id)}
                confirm={{
                  title: `Delete ${customer.name}?`,
                  description: "The customer is removed for good; its projects and tickets stay without a customer. Customers with invoices, payments or quotes cannot be deleted.",
                  confirmLabel: "Delete customer",
                }}
              />
            ) : null}
          </>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Details</CardTitle>
        </CardHeader>
        <CardContent>
          <CustomerForm action={updateCustomerAction.bind(null, customer.id)} initial={customer} submitLabel="Save changes" />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Invoices</CardTitle>
        </CardHeader>
        <CardContent>
          {invoices.total === 0 ? (
            <p className="text-sm text-muted-foreground">No invoices for this customer yet.</p>
          ) : (
            <>
              <InvoiceTable rows={invoices.rows} showCustomer={false} />
              {invoices.total > invoices.rows.length ? (
                <Link href={`/invoices?customerId=${customer.id}`} className="mt-3 inline-block text-sm hover:underline">
                  All {invoices.total} invoices
                </Link>
              ) : null}
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
