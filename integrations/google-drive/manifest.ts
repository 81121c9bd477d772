import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "google-drive",
  name: "Google Drive",
  description: "Archive invoice PDFs and receipts into a Google Drive folder.",
  category: "storage",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "HardDrive", color: "#1FA463" },
  apiBaseUrl: "https://www.googleapis.com/drive/v3",
  docsUrl: "https://developers.google.com/drive/api/guides/about-auth",
  oauth: {
    authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
    tokenUrl: "https://oauth2.googleapis.com/token",
    revokeUrl: "https://oauth2.googleapis.com/revoke",
    scopes: ["https://www.googleapis.com/auth/drive.file"],
    pkce: true,
    clientAuth: "body",
    authorizeParams: { access_type: "offline", prompt: "consent" },
  },
  capabilities: { storage: true },
});
