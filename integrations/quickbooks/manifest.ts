import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "quickbooks",
  name: "QuickBooks Online",
  description: "Sync customers, invoices and payments with QuickBooks Online.",
  category: "accounting",
  authMode: "oauth2",
  availability: "available",
  logo: { icon: "Calculator", color: "#2CA01C" },
  apiBaseUrl: "https://quickbooks.api.intuit.com",
  docsUrl: "https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0",
  urls: { userInfoUrl: "https://accounts.platform.intuit.com/v1/openid_connect/userinfo" },
  oauth: {
    authorizeUrl: "https://appcenter.intuit.com/connect/oauth2",
    tokenUrl: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
    revokeUrl: "https://developer.api.intuit.com/v2/oauth2/tokens/revoke",
    scopes: ["com.intuit.quickbooks.accounting"],
    // Intuit documents no PKCE support; the single-use state row still binds the flow.
    pkce: false,
    clientAuth: "basic",
  },
  webhooks: { verification: "intuit-signature", signatureHeader: "intuit-signature" },
  rateLimit: { retryAfterHeader: "retry-after", budgets: [{ requests: 500, perSeconds: 60 }] }, // per realm
  capabilities: { sync: ["customers", "invoices", "payments", "items", "accounts"], webhooks: true },
  hooks: { discoverAccount: "discoverAccount", healthCheck: "healthCheck", revoke: "revoke" },
});
