import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "slack",
  name: "Slack",
  description: "Post invoice, payment and sync notifications to your Slack channels.",
  category: "communication",
  authMode: "oauth2",
  availability: "available",
  logo: { icon: "Hash", color: "#4A154B" },
  apiBaseUrl: "https://slack.com/api/",
  docsUrl: "https://api.slack.com/authentication/oauth-v2",
  oauth: {
    authorizeUrl: "https://slack.com/oauth/v2/authorize",
    tokenUrl: "https://slack.com/api/oauth.v2.access",
    revokeUrl: "https://slack.com/api/auth.revoke",
    scopes: ["chat:write", "channels:read", "team:read"],
    scopeSeparator: ",",
    pkce: false,
    clientAuth: "body",
  },
  webhooks: { verification: "slack-signature", signatureHeader: "x-slack-signature" },
  rateLimit: { retryAfterHeader: "retry-after" },
  capabilities: { notify: true, webhooks: true },
  hooks: { discoverAccount: "discoverAccount", healthCheck: "healthCheck", revoke: "revoke" },
});
