import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "zapier",
  name: "Zapier",
  description: "Send hub events to a Zapier catch hook and start Zaps in 7,000+ apps.",
  category: "automation",
  authMode: "webhook_url",
  availability: "available",
  logo: { icon: "Zap", color: "#FF4F00" },
  apiBaseUrl: "https://hooks.zapier.com",
  docsUrl: "https://help.zapier.com/hc/en-us/articles/8496288690317",
  fields: [
    {
      name: "webhookUrl",
      label: "Webhook URL",
      type: "url",
      pattern: "^https://hooks\\.zapier\\.com/hooks/catch/[0-9]+/[A-Za-z0-9]+/?$",
      placeholder: "https://hooks.zapier.com/hooks/catch/123456/abcdef/",
      // Says what is accepted: Zapier's https:// catch hooks, and with the sandbox providers
      // (not in live mode) the sandbox's http://localhost catch hooks.
      help: "In Zapier, add the trigger \"Webhooks by Zapier → Catch Hook\" and paste its URL (https://hooks.zapier.com/hooks/catch/…). With the sandbox providers, a sandbox catch hook (http://localhost:…/hooks/…) works too.",
      // The URL itself is the credential: anyone holding it can post to the hook.
      secret: true,
    },
  ],
  webhooks: { verification: "standard-webhooks", signatureHeader: "webhook-signature" },
  capabilities: { notify: true },
  hooks: { verifyCredentials: "verifyCredentials" },
});
