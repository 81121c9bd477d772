import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "onedrive",
  name: "OneDrive",
  description: "Store invoice PDFs and receipts in OneDrive or SharePoint.",
  category: "storage",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "Cloud", color: "#0078D4" },
  apiBaseUrl: "https://graph.microsoft.com/v1.0",
  docsUrl: "https://learn.microsoft.com/en-us/onedrive/developer/rest-api/getting-started/graph-oauth",
  oauth: {
    authorizeUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    tokenUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
    scopes: ["offline_access", "Files.ReadWrite"],
    pkce: true,
    clientAuth: "body",
  },
  rateLimit: { retryAfterHeader: "retry-after" },
  capabilities: { storage: true },
});
