import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "pipedrive",
  name: "Pipedrive",
  description: "Sync Pipedrive organisations and people with your customers.",
  category: "crm",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "Target", color: "#017737" },
  apiBaseUrl: "https://api.pipedrive.com/v1",
  docsUrl: "https://pipedrive.readme.io/docs/marketplace-oauth-authorization",
  oauth: {
    authorizeUrl: "https://oauth.pipedrive.com/oauth/authorize",
    tokenUrl: "https://oauth.pipedrive.com/oauth/token",
    revokeUrl: "https://oauth.pipedrive.com/oauth/revoke",
    scopes: [],
    pkce: false,
    clientAuth: "basic",
  },
  rateLimit: { retryAfterHeader: "retry-after", remainingHeader: "x-ratelimit-remaining" },
  capabilities: { sync: ["organizations", "persons", "deals"], webhooks: true },
});
