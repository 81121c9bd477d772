import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "xero",
  name: "Xero",
  description: "Sync contacts, invoices and payments with your Xero organisation.",
  category: "accounting",
  authMode: "oauth2",
  availability: "available",
  logo: { icon: "BookOpen", color: "#13B5EA" },
  apiBaseUrl: "https://api.xero.com/api.xro/2.0",
  docsUrl: "https://developer.xero.com/documentation/guides/oauth2/auth-flow",
  urls: { connectionsUrl: "https://api.xero.com/connections" },
  oauth: {
    authorizeUrl: "https://login.xero.com/identity/connect/authorize",
    tokenUrl: "https://identity.xero.com/connect/token",
    revokeUrl: "https://identity.xero.com/connect/revocation",
    scopes: ["openid", "profile", "email", "offline_access", "accounting.transactions", "accounting.contacts", "accounting.settings"],
    pkce: true,
    clientAuth: "basic",
  },
  webhooks: { verification: "xero-signature", signatureHeader: "x-xero-signature" },
  rateLimit: {
    retryAfterHeader: "retry-after",
    remainingHeader: "x-minlimit-remaining",
    // Per tenant (the app-wide 10,000 a minute is far above what one hub process sends).
    budgets: [{ requests: 60, perSeconds: 60 }, { requests: 5000, perSeconds: 86_400 }],
  },
  capabilities: { sync: ["contacts", "invoices", "payments", "items", "accounts"], webhooks: true },
  hooks: { discoverAccount: "discoverAccount", healthCheck: "healthCheck" },
});
