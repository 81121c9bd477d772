import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "myob",
  name: "MYOB",
  description: "Sync contacts and sales invoices with MYOB Business (AccountRight).",
  category: "accounting",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "Landmark", color: "#6100A5" },
  apiBaseUrl: "https://api.myob.com/accountright",
  docsUrl: "https://developer.myob.com/api/myob-business-api/api-overview/getting-started/",
  oauth: {
    authorizeUrl: "https://secure.myob.com/oauth2/account/authorize",
    tokenUrl: "https://secure.myob.com/oauth2/v1/authorize",
    scopes: ["sme-company-file", "sme-contacts-customer", "sme-sales"],
    pkce: false,
    clientAuth: "body",
  },
  capabilities: { sync: ["contacts", "invoices", "payments"] },
});
