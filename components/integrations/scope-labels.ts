/**
 * What each OAuth scope the manifests request lets the hub do, in words accounting staff use.
 * Scope ids are the providers' own; the raw id stays visible as secondary text. Scopes not listed
 * fall back to a readable form of the id, and `scope-labels.test.ts` fails when a manifest asks
 * for a scope this map does not explain.
 */
export const scopeLabels: Record<string, string> = {
  // OpenID Connect, shared by several providers
  openid: "Confirm who you are when you sign in",
  profile: "Read your name",
  email: "Read your email address",
  offline_access: "Stay connected without asking you to sign in again",
  // Xero
  "accounting.transactions": "Read and write invoices, payments and bank transactions",
  "accounting.contacts": "Read and write contacts (customers and suppliers)",
  "accounting.settings": "Read the organisation's settings, accounts and tax rates",
  // QuickBooks
  "com.intuit.quickbooks.accounting": "Read and write the company's accounting data",
  // Slack
  "chat:write": "Post messages as the hub",
  "channels:read": "See the workspace's public channels",
  "team:read": "Read the workspace's name",
  // HubSpot
  oauth: "Identify the HubSpot account",
  "crm.objects.contacts.read": "Read contacts",
  "crm.objects.contacts.write": "Create and update contacts",
  "crm.objects.companies.read": "Read companies",
  // DocuSign
  signature: "Send documents for signature",
  extended: "Stay connected without asking you to sign in again",
  // Dropbox
  "files.content.write": "Upload files",
  "files.content.read": "Read files",
  // FreshBooks
  "user:profile:read": "Read your profile",
  "user:clients:read": "Read clients",
  "user:invoices:read": "Read invoices",
  "user:payments:read": "Read payments",
  // Google
  "https://www.googleapis.com/auth/gmail.send": "Send email as you",
  "https://www.googleapis.com/auth/drive.file": "Read and write the files the hub creates in your Drive",
  // Microsoft
  "User.Read": "Read your profile",
  "Mail.Send": "Send email as you",
  "Files.ReadWrite": "Read and write your files",
  // MYOB
  "sme-company-file": "Open the company file",
  "sme-contacts-customer": "Read and write customers",
  "sme-sales": "Read and write sales (invoices and payments)",
  // Salesforce
  api: "Read and write CRM data through the API",
  refresh_token: "Stay connected without asking you to sign in again",
  // Square
  PAYMENTS_READ: "Read payments",
  ORDERS_READ: "Read orders",
  CUSTOMERS_READ: "Read customers",
  INVOICES_READ: "Read invoices",
  // Zoho CRM, Pipedrive and others
  "ZohoCRM.modules.ALL": "Read and write all CRM modules",
  full_access: "Full access to the account",
};

/** What a scope allows, or a readable form of its id when the map does not know it. */
export function scopeLabel(scope: string): string {
  return scopeLabels[scope] ?? `Access: ${scope.replace(/^https?:\/\/\S+\/auth\//, "").replace(/[._:]+/g, " ")}`;
}
