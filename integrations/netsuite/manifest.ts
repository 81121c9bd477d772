import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "netsuite",
  name: "NetSuite",
  description: "Sync customers, invoices and payments with Oracle NetSuite through SuiteTalk REST.",
  category: "accounting",
  // Token-based authentication (TBA): the account's own integration record and access token.
  authMode: "api_key",
  availability: "coming_soon",
  logo: { icon: "Building2", color: "#1A3C5E" },
  // Each account has its own host (<accountId>.suitetalk.api.netsuite.com); this is the template.
  apiBaseUrl: "https://suitetalk.api.netsuite.com/services/rest",
  docsUrl: "https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4247337262.html",
  fields: [
    { name: "accountId", label: "Account ID", type: "text", pattern: "^[0-9A-Za-z_-]+$", placeholder: "1234567_SB1", secret: false },
    { name: "consumerKey", label: "Consumer key", type: "password", pattern: "^[0-9a-f]{64}$", secret: true },
    { name: "consumerSecret", label: "Consumer secret", type: "password", pattern: "^[0-9a-f]{64}$", secret: true },
    { name: "tokenId", label: "Token ID", type: "password", pattern: "^[0-9a-f]{64}$", secret: true },
    { name: "tokenSecret", label: "Token secret", type: "password", pattern: "^[0-9a-f]{64}$", secret: true },
  ],
  capabilities: { sync: ["customers", "invoices", "payments"] },
});
