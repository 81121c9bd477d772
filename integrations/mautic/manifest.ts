import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "mautic",
  name: "Mautic",
  description: "Push customers into your self-hosted Mautic and segment them by invoice status.",
  category: "marketing",
  // Mautic is self-hosted: its API lives on the customer's own host, with HTTP basic auth enabled.
  authMode: "basic",
  availability: "coming_soon",
  logo: { icon: "Send", color: "#4E5E9E" },
  docsUrl: "https://devdocs.mautic.org/en/5.x/rest_api/getting_started.html",
  fields: [
    { name: "baseUrl", label: "Mautic URL", type: "url", pattern: "^https://.+[^/]$", placeholder: "https://mautic.example.com", secret: false },
    { name: "username", label: "Username", type: "text", secret: false },
    { name: "password", label: "Password", type: "password", secret: true },
  ],
  capabilities: { sync: ["contacts", "segments"], webhooks: true },
});
