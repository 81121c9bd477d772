import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "n8n",
  name: "n8n",
  description: "Start n8n workflows, cloud or self-hosted, from hub events.",
  category: "automation",
  authMode: "webhook_url",
  availability: "available",
  logo: { icon: "Share2", color: "#EA4B71" },
  apiBaseUrl: "https://app.n8n.cloud",
  docsUrl: "https://docs.n8n.io/integrations/builtin/core-nodes/n8n-nodes-base.webhook/",
  fields: [
    {
      name: "webhookUrl",
      label: "Webhook URL",
      type: "url",
      pattern: "^https://[A-Za-z0-9.-]+(:[0-9]+)?/webhook(-test)?/[A-Za-z0-9/_-]+$",
      placeholder: "https://n8n.example.com/webhook/hub-events",
      help: "Add a Webhook trigger node (method POST) and copy its production URL.",
      // The URL itself is the credential: anyone holding it can post to the hook.
      secret: true,
    },
  ],
  webhooks: { verification: "standard-webhooks", signatureHeader: "webhook-signature" },
  capabilities: { notify: true },
  hooks: { verifyCredentials: "verifyCredentials" },
});
