import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "sage",
  name: "Sage Accounting",
  description: "Sync contacts, sales invoices and payments with Sage Business Cloud Accounting.",
  category: "accounting",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "FileSpreadsheet", color: "#00D639" },
  apiBaseUrl: "https://api.accounting.sage.com/v3.1",
  docsUrl: "https://developer.sage.com/accounting/guides/authenticating/authentication/",
  oauth: {
    authorizeUrl: "https://www.sageone.com/oauth2/auth/central",
    tokenUrl: "https://oauth.accounting.sage.com/token",
    revokeUrl: "https://oauth.accounting.sage.com/revoke",
    scopes: ["full_access"],
    pkce: false,
    clientAuth: "body",
    authorizeParams: { filter: "apiv3.1" },
  },
  capabilities: { sync: ["contacts", "invoices", "payments"] },
});
