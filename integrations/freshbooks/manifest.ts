import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "freshbooks",
  name: "FreshBooks",
  description: "Sync clients, invoices and expenses with FreshBooks.",
  category: "accounting",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "Leaf", color: "#0075DD" },
  apiBaseUrl: "https://api.freshbooks.com",
  docsUrl: "https://www.freshbooks.com/api/authentication",
  oauth: {
    authorizeUrl: "https://auth.freshbooks.com/oauth/authorize",
    tokenUrl: "https://api.freshbooks.com/auth/oauth/token",
    scopes: ["user:profile:read", "user:clients:read", "user:invoices:read", "user:payments:read"],
    pkce: false,
    clientAuth: "body",
  },
  capabilities: { sync: ["clients", "invoices", "payments", "expenses"], webhooks: true },
});
