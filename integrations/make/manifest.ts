import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "make",
  name: "Make",
  description: "Trigger Make scenarios from hub events through a custom webhook.",
  category: "automation",
  authMode: "webhook_url",
  availability: "available",
  logo: { icon: "Workflow", color: "#6D00CC" },
  apiBaseUrl: "https://hook.eu1.make.com",
  docsUrl: "https://www.make.com/en/help/tools/webhooks",
  fields: [
    {
      name: "webhookUrl",
      label: "Webhook URL",
      type: "url",
      pattern: "^https://hook\\.[a-z0-9]+\\.make\\.com/[A-Za-z0-9]+$",
      placeholder: "https://hook.eu1.make.com/abc123",
      help: "In Make, add a \"Webhooks → Custom webhook\" module and copy its address.",
      // The URL itself is the credential: anyone holding it can post to the hook.
      secret: true,
    },
  ],
  webhooks: { verification: "standard-webhooks", signatureHeader: "webhook-signature" },
  capabilities: { notify: true },
  hooks: { verifyCredentials: "verifyCredentials" },
});
