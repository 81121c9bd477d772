import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "paypal",
  name: "PayPal",
  description: "Bring PayPal payments and payouts into your books automatically.",
  category: "payments",
  // The merchant's own REST app (client id + secret, client-credentials grant). "Log in with
  // PayPal" (authorization code) is not offered: the sandbox has no consent flow for it yet.
  authMode: "basic",
  availability: "available",
  logo: { icon: "Wallet", color: "#003087" },
  apiBaseUrl: "https://api-m.paypal.com",
  docsUrl: "https://developer.paypal.com/api/rest/authentication/",
  urls: { tokenUrl: "https://api-m.paypal.com/v1/oauth2/token" },
  fields: [
    { name: "clientId", label: "Client ID", type: "text", pattern: "^[A-Za-z0-9_-]{10,128}$", help: "PayPal Developer Dashboard → Apps & Credentials → your REST app.", secret: false },
    { name: "clientSecret", label: "Secret", type: "password", pattern: "^[A-Za-z0-9_-]{10,128}$", secret: true },
  ],
  webhooks: { verification: "paypal-verify-api", signatureHeader: "paypal-transmission-sig" },
  rateLimit: { retryAfterHeader: "retry-after" },
  capabilities: { sync: ["payments", "invoices"], webhooks: true, payments: true },
  hooks: { verifyCredentials: "verifyCredentials", healthCheck: "healthCheck" },
});
