import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "square",
  name: "Square",
  description: "Import Square payments, orders and customers as they happen.",
  category: "payments",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "SquareStack", color: "#006AFF" },
  apiBaseUrl: "https://connect.squareup.com/v2",
  docsUrl: "https://developer.squareup.com/docs/oauth-api/overview",
  oauth: {
    authorizeUrl: "https://connect.squareup.com/oauth2/authorize",
    tokenUrl: "https://connect.squareup.com/oauth2/token",
    revokeUrl: "https://connect.squareup.com/oauth2/revoke",
    scopes: ["PAYMENTS_READ", "ORDERS_READ", "CUSTOMERS_READ", "INVOICES_READ"],
    pkce: true,
    clientAuth: "body",
  },
  webhooks: { verification: "square-signature", signatureHeader: "x-square-hmacsha256-signature" },
  capabilities: { sync: ["payments", "customers", "orders"], webhooks: true, payments: true },
});
