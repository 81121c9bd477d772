/**
 * The mapping each provider syncs with until a person edits it (validated by lib/sync/mapping.ts;
 * a test proves every default is valid). Totals are pulled only: the provider computes them.
 * Account and tax codes name the pulled list they come from (`list`): the editor offers that
 * list's values and a saved mapping must use values in it.
 */
export const defaultMappings: Record<string, Record<string, unknown>> = {
  xero: {
    // Expenses pushed as Xero bank transactions (SPEND) from the business bank account (090) to
    // an expense account (400); a connection picks its own codes from the pulled accounts.
    expenses: {
      fields: [
        { local: "vendor", remote: "Type", direction: "push", transform: { kind: "constant", value: "SPEND" } },
        { local: "vendor", remote: "Contact.Name", direction: "push" },
        { local: "vendor", remote: "BankAccount.Code", direction: "push", transform: { kind: "constant", value: "090", list: "accounts" } },
        { local: "spentAt", remote: "Date", direction: "push", transform: { kind: "date" } },
        { local: "description", remote: "LineItems[0].Description", direction: "push" },
        { local: "amount", remote: "LineItems[0].Quantity", direction: "push", transform: { kind: "constant", value: 1 } },
        { local: "amount", remote: "LineItems[0].UnitAmount", direction: "push", transform: { kind: "money" } },
        { local: "amount", remote: "LineItems[0].AccountCode", direction: "push", transform: { kind: "constant", value: "400", list: "accounts" } },
      ],
    },
    // Xero Payments, each applied to one invoice; a payment recorded in the app is PUT against its
    // linked invoice from the business bank account (090).
    payments: {
      fields: [
        { local: "invoiceId", remote: "Invoice.InvoiceID", transform: { kind: "ref", entity: "invoices" } },
        { local: "amount", remote: "Amount", transform: { kind: "money" } },
        { local: "paidAt", remote: "Date", transform: { kind: "date" } },
        { local: "reference", remote: "Reference" },
        { local: "amount", remote: "Account.Code", direction: "push", transform: { kind: "constant", value: "090", list: "accounts" } },
      ],
    },
    // Xero Items: Code is required and unique (the app's SKU); sold at SalesDetails.UnitPrice.
    products: {
      fields: [
        { local: "name", remote: "Name" },
        { local: "sku", remote: "Code" },
        { local: "description", remote: "Description" },
        { local: "unitPrice", remote: "SalesDetails.UnitPrice", transform: { kind: "money" } },
        { local: "name", remote: "IsSold", direction: "push", transform: { kind: "constant", value: true } },
      ],
    },
    customers: {
      fields: [
        { local: "name", remote: "Name" },
        { local: "email", remote: "EmailAddress" },
        { local: "taxNumber", remote: "TaxNumber" },
        { local: "currency", remote: "DefaultCurrency", direction: "pull" },
        { local: "address", remote: "Addresses[0].AddressLine1", direction: "pull" },
      ],
    },
    invoices: {
      fields: [
        { local: "number", remote: "Type", direction: "push", transform: { kind: "constant", value: "ACCREC" } },
        { local: "number", remote: "InvoiceNumber" },
        { local: "customerId", remote: "Contact.ContactID", transform: { kind: "ref", entity: "customers" } },
        {
          local: "status", remote: "Status",
          transform: {
            kind: "lookup",
            table: { DRAFT: "draft", SUBMITTED: "draft", AUTHORISED: "sent", PAID: "paid", VOIDED: "void", DELETED: "void" },
            push: { draft: "DRAFT", sent: "AUTHORISED", overdue: "AUTHORISED", paid: "AUTHORISED", void: "VOIDED" },
            fallback: "draft",
          },
        },
        { local: "currency", remote: "CurrencyCode" },
        { local: "issueDate", remote: "Date", transform: { kind: "date" } },
        { local: "dueDate", remote: "DueDate", transform: { kind: "date" } },
        { local: "subtotal", remote: "SubTotal", direction: "pull", transform: { kind: "money" } },
        { local: "taxTotal", remote: "TotalTax", direction: "pull", transform: { kind: "money" } },
        { local: "total", remote: "Total", direction: "pull", transform: { kind: "money" } },
        { local: "amountPaid", remote: "AmountPaid", direction: "pull", transform: { kind: "money" } },
        { local: "notes", remote: "Reference" },
        { local: "notes", remote: "LineAmountTypes", direction: "push", transform: { kind: "constant", value: "Exclusive" } },
      ],
      lines: {
        remote: "LineItems",
        fields: [
          { local: "description", remote: "Description" },
          { local: "quantity", remote: "Quantity" },
          { local: "unitPrice", remote: "UnitAmount", transform: { kind: "money" } },
          { local: "amount", remote: "LineAmount", direction: "pull", transform: { kind: "money" } },
          { local: "taxAmount", remote: "TaxAmount", direction: "pull", transform: { kind: "money" } },
          { local: "taxAmount", remote: "TaxType", direction: "push", transform: { kind: "constant", value: "NONE", list: "tax_rates" } },
        ],
      },
    },
  },
  quickbooks: {
    // Expenses pushed as QuickBooks Purchase (Cash from Checking, account 35) to Office Expenses (20).
    expenses: {
      fields: [
        { local: "vendor", remote: "PaymentType", direction: "push", transform: { kind: "constant", value: "Cash" } },
        { local: "vendor", remote: "AccountRef.value", direction: "push", transform: { kind: "constant", value: "35", list: "accounts" } },
        { local: "vendor", remote: "PrivateNote", direction: "push" },
        { local: "spentAt", remote: "TxnDate", direction: "push", transform: { kind: "date" } },
        { local: "amount", remote: "Line[0].Amount", direction: "push", transform: { kind: "money" } },
        { local: "description", remote: "Line[0].Description", direction: "push" },
        { local: "amount", remote: "Line[0].DetailType", direction: "push", transform: { kind: "constant", value: "AccountBasedExpenseLineDetail" } },
        { local: "amount", remote: "Line[0].AccountBasedExpenseLineDetail.AccountRef.value", direction: "push", transform: { kind: "constant", value: "20", list: "accounts" } },
      ],
    },
    // QuickBooks Payment, applied to its invoice through the first line's LinkedTxn; a payment
    // recorded in the app is created for the invoice's customer with one line linked to the invoice.
    payments: {
      fields: [
        { local: "invoiceId", remote: "Line[0].LinkedTxn[0].TxnId", transform: { kind: "ref", entity: "invoices" } },
        { local: "invoiceId", remote: "Line[0].LinkedTxn[0].TxnType", direction: "push", transform: { kind: "constant", value: "Invoice" } },
        { local: "customerId", remote: "CustomerRef.value", direction: "push", transform: { kind: "ref", entity: "customers" } },
        { local: "amount", remote: "TotalAmt", transform: { kind: "money" } },
        { local: "amount", remote: "Line[0].Amount", direction: "push", transform: { kind: "money" } },
        { local: "paidAt", remote: "TxnDate", transform: { kind: "date" } },
        { local: "currency", remote: "CurrencyRef.value", direction: "pull" },
        { local: "reference", remote: "PaymentRefNum" },
      ],
    },
    // QuickBooks Item: a Service sold into "Sales of Product Income" (account 79 in a new company;
    // a connection whose chart differs picks its income account in its own mapping).
    products: {
      fields: [
        { local: "name", remote: "Name" },
        { local: "sku", remote: "Sku" },
        { local: "description", remote: "Description" },
        { local: "unitPrice", remote: "UnitPrice", transform: { kind: "money" } },
        { local: "name", remote: "Type", direction: "push", transform: { kind: "constant", value: "Service" } },
        { local: "name", remote: "IncomeAccountRef.value", direction: "push", transform: { kind: "constant", value: "79", list: "accounts" } },
      ],
    },
    customers: {
      fields: [
        { local: "name", remote: "DisplayName" },
        { local: "email", remote: "PrimaryEmailAddr.Address" },
        { local: "phone", remote: "PrimaryPhone.FreeFormNumber" },
        { local: "address", remote: "BillAddr.Line1" },
        { local: "currency", remote: "CurrencyRef.value", direction: "pull" },
      ],
    },
    invoices: {
      fields: [
        { local: "number", remote: "DocNumber" },
        { local: "customerId", remote: "CustomerRef.value", transform: { kind: "ref", entity: "customers" } },
        { local: "status", remote: "TotalAmt", direction: "pull", transform: { kind: "balanceStatus", balance: "Balance", otherwise: "sent" } },
        { local: "currency", remote: "CurrencyRef.value", direction: "pull" },
        { local: "issueDate", remote: "TxnDate", transform: { kind: "date" } },
        { local: "dueDate", remote: "DueDate", transform: { kind: "date" } },
        { local: "subtotal", remote: "TotalAmt", direction: "pull", transform: { kind: "difference", minus: "TxnTaxDetail.TotalTax" } },
        { local: "taxTotal", remote: "TxnTaxDetail.TotalTax", direction: "pull", transform: { kind: "money" } },
        { local: "total", remote: "TotalAmt", direction: "pull", transform: { kind: "money" } },
        { local: "amountPaid", remote: "TotalAmt", direction: "pull", transform: { kind: "difference", minus: "Balance" } },
        { local: "notes", remote: "PrivateNote" },
      ],
      lines: {
        remote: "Line",
        where: { path: "DetailType", equals: "SalesItemLineDetail" },
        fields: [
          { local: "description", remote: "Description" },
          { local: "description", remote: "DetailType", direction: "push", transform: { kind: "constant", value: "SalesItemLineDetail" } },
          { local: "quantity", remote: "SalesItemLineDetail.Qty" },
          { local: "unitPrice", remote: "SalesItemLineDetail.UnitPrice", transform: { kind: "money" } },
          { local: "amount", remote: "Amount", transform: { kind: "money" } },
        ],
      },
    },
  },
};
