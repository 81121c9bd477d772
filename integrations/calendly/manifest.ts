import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "calendly",
  name: "Calendly",
  description: "Turn booked Calendly meetings into customers and draft invoices.",
  category: "scheduling",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "CalendarDays", color: "#006BFF" },
  apiBaseUrl: "https://api.calendly.com",
  docsUrl: "https://developer.calendly.com/api-docs/",
  oauth: {
    authorizeUrl: "https://auth.calendly.com/oauth/authorize",
    tokenUrl: "https://auth.calendly.com/oauth/token",
    revokeUrl: "https://auth.calendly.com/oauth/revoke",
    scopes: [],
    pkce: true,
    clientAuth: "basic",
  },
  webhooks: { verification: "calendly-signature", signatureHeader: "calendly-webhook-signature" },
  capabilities: { sync: ["scheduled events", "invitees"], webhooks: true },
});
