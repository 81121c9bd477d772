import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "hubspot",
  name: "HubSpot",
  description: "Keep HubSpot contacts and companies in step with your customers.",
  category: "crm",
  authMode: "oauth2",
  availability: "available",
  logo: { icon: "Orbit", color: "#FF7A59" },
  apiBaseUrl: "https://api.hubapi.com",
  docsUrl: "https://developers.hubspot.com/docs/api/oauth-quickstart-guide",
  oauth: {
    authorizeUrl: "https://app.hubspot.com/oauth/authorize",
    tokenUrl: "https://api.hubapi.com/oauth/v1/token",
    // HubSpot revokes with DELETE <revokeUrl>/<refresh token>, hence the revoke hook.
    revokeUrl: "https://api.hubapi.com/oauth/v1/refresh-tokens",
    scopes: ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.companies.read"],
    pkce: false,
    clientAuth: "body",
  },
  webhooks: { verification: "hubspot-v3", signatureHeader: "x-hubspot-signature-v3" },
  rateLimit: { retryAfterHeader: "retry-after", remainingHeader: "x-hubspot-ratelimit-remaining" },
  capabilities: { sync: ["contacts", "companies"], webhooks: true },
  hooks: { discoverAccount: "discoverAccount", healthCheck: "healthCheck", revoke: "revoke" },
});
