import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "microsoft-365",
  name: "Microsoft 365",
  description: "Send mail from Outlook and keep contacts in step through Microsoft Graph.",
  category: "communication",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "AppWindow", color: "#D83B01" },
  apiBaseUrl: "https://graph.microsoft.com/v1.0",
  docsUrl: "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow",
  oauth: {
    authorizeUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    tokenUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
    scopes: ["offline_access", "User.Read", "Mail.Send"],
    pkce: true,
    clientAuth: "body",
  },
  rateLimit: { retryAfterHeader: "retry-after" },
  capabilities: { notify: true },
});
