import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "zoho-crm",
  name: "Zoho CRM",
  description: "Sync Zoho CRM accounts and contacts with your customers.",
  category: "crm",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "Contact", color: "#E42527" },
  apiBaseUrl: "https://www.zohoapis.com/crm/v6",
  docsUrl: "https://www.zoho.com/crm/developer/docs/api/v6/oauth-overview.html",
  oauth: {
    authorizeUrl: "https://accounts.zoho.com/oauth/v2/auth",
    tokenUrl: "https://accounts.zoho.com/oauth/v2/token",
    revokeUrl: "https://accounts.zoho.com/oauth/v2/token/revoke",
    scopes: ["ZohoCRM.modules.ALL"],
    pkce: true,
    clientAuth: "body",
    authorizeParams: { access_type: "offline" },
  },
  capabilities: { sync: ["accounts", "contacts"] },
});
