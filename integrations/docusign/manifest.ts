import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "docusign",
  name: "DocuSign",
  description: "Send quotes for e-signature and file signed agreements against customers.",
  category: "documents",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "FileSignature", color: "#4C00FF" },
  apiBaseUrl: "https://www.docusign.net/restapi",
  docsUrl: "https://developers.docusign.com/platform/auth/authcode/",
  oauth: {
    authorizeUrl: "https://account.docusign.com/oauth/auth",
    tokenUrl: "https://account.docusign.com/oauth/token",
    scopes: ["signature", "extended"],
    pkce: true,
    clientAuth: "basic",
  },
  webhooks: { verification: "docusign-connect-hmac", signatureHeader: "x-docusign-signature-1" },
  capabilities: { sync: ["envelopes"], webhooks: true },
});
