import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "dropbox",
  name: "Dropbox",
  description: "Save invoice PDFs and attachments to a Dropbox folder.",
  category: "storage",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "Box", color: "#0061FF" },
  apiBaseUrl: "https://api.dropboxapi.com/2",
  docsUrl: "https://developers.dropbox.com/oauth-guide",
  oauth: {
    authorizeUrl: "https://www.dropbox.com/oauth2/authorize",
    tokenUrl: "https://api.dropboxapi.com/oauth2/token",
    revokeUrl: "https://api.dropboxapi.com/2/auth/token/revoke",
    scopes: ["files.content.write", "files.content.read"],
    pkce: true,
    clientAuth: "body",
    authorizeParams: { token_access_type: "offline" },
  },
  rateLimit: { retryAfterHeader: "retry-after" },
  capabilities: { storage: true, webhooks: true },
});
