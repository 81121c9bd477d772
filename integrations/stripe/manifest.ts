import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "stripe",
  name: "Stripe",
  description: "Record Stripe charges, payouts and customers against your invoices.",
  category: "payments",
  authMode: "api_key",
  availability: "available",
  logo: { icon: "CreditCard", color: "#635BFF" },
  apiBaseUrl: "https://api.stripe.com",
  docsUrl: "https://docs.stripe.com/keys",
  fields: [
    {
      name: "secretKey",
      label: "Secret key",
      type: "password",
      // Secret (sk_) or restricted (rk_) keys, test or live.
      pattern: "^(sk|rk)_(test|live)_[A-Za-z0-9_]{10,}$",
      placeholder: "sk_live_…",
      help: "Stripe Dashboard → Developers → API keys. A restricted key with read access to charges, customers and payouts is enough.",
      secret: true,
    },
  ],
  webhooks: { verification: "stripe-signature", signatureHeader: "stripe-signature" },
  rateLimit: { retryAfterHeader: "retry-after" },
  capabilities: { sync: ["customers", "charges", "payouts", "invoices"], webhooks: true, payments: true },
  hooks: { verifyCredentials: "verifyCredentials", healthCheck: "healthCheck" },
});
