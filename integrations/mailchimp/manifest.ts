import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "mailchimp",
  name: "Mailchimp",
  description: "Add customers to Mailchimp audiences and tag them by invoice status.",
  category: "marketing",
  authMode: "oauth2",
  // Not built yet: the sandbox has no emulator for it, so it cannot be connected honestly today.
  availability: "coming_soon",
  logo: { icon: "Megaphone", color: "#FFE01B" },
  apiBaseUrl: "https://login.mailchimp.com/oauth2",
  docsUrl: "https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/",
  oauth: {
    authorizeUrl: "https://login.mailchimp.com/oauth2/authorize",
    tokenUrl: "https://login.mailchimp.com/oauth2/token",
    scopes: [],
    pkce: false,
    clientAuth: "body",
  },
  capabilities: { sync: ["audience members"] },
});
