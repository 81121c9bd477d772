import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "paypal",
  name: "PayPal",
  description: "Bring PayPal payments and payouts into your books automatically.",
  category: "payments",
  authMode: "oauth2",
  availability: "available",
  logo: { icon: "Wallet", color: "#003087" },
  apiBaseUrl: "https://api-m.paypal.com",
  docsUrl: "https://developer.paypal.com/docs/log-in-with-paypal/",
  urls: { userInfoUrl: "https://api-m.paypal.com/v1/identity/oauth2/userinfo" },
  oauth: {
    authorizeUrl: "https://www.paypal.com/signin/authorize",
    tokenUrl: "https://api-m.paypal.com/v1/oauth2/token",
    scopes: ["openid", "email", "https://uri.paypal.com/services/paypalattributes"],
    pkce: false,
    clientAuth: "basic",
  },
  webhooks: { verification: "paypal-verify-api", signatureHeader: "paypal-transmission-sig" },
  rateLimit: { retryAfterHeader: "retry-after" },
  capabilities: { sync: ["payments"], webhooks: true, payments: true },
  hooks: { discoverAccount: "discoverAccount", healthCheck: "healthCheck" },
});
