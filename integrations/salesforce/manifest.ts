import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "salesforce",
  name: "Salesforce",
  description: "Keep Salesforce accounts and contacts aligned with your customers.",
  category: "crm",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "CloudCog", color: "#00A1E0" },
  apiBaseUrl: "https://login.salesforce.com/services/data",
  docsUrl: "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm",
  oauth: {
    authorizeUrl: "https://login.salesforce.com/services/oauth2/authorize",
    tokenUrl: "https://login.salesforce.com/services/oauth2/token",
    revokeUrl: "https://login.salesforce.com/services/oauth2/revoke",
    scopes: ["api", "refresh_token"],
    pkce: true,
    clientAuth: "body",
  },
  capabilities: { sync: ["accounts", "contacts", "opportunities"] },
});
