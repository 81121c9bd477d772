import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "gmail",
  name: "Gmail / Google Workspace",
  description: "Send invoices and reminders from your Google Workspace mailbox.",
  category: "communication",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "Mail", color: "#EA4335" },
  apiBaseUrl: "https://gmail.googleapis.com/gmail/v1",
  docsUrl: "https://developers.google.com/identity/protocols/oauth2/web-server",
  oauth: {
    authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
    tokenUrl: "https://oauth2.googleapis.com/token",
    revokeUrl: "https://oauth2.googleapis.com/revoke",
    scopes: ["openid", "email", "https://www.googleapis.com/auth/gmail.send"],
    pkce: true,
    clientAuth: "body",
    authorizeParams: { access_type: "offline", prompt: "consent" },
  },
  capabilities: { notify: true },
});
