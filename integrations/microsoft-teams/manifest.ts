import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "microsoft-teams",
  name: "Microsoft Teams",
  description: "Post notifications to a Teams channel through an incoming webhook.",
  category: "communication",
  authMode: "webhook_url",
  availability: "available",
  logo: { icon: "Users", color: "#6264A7" },
  apiBaseUrl: "https://graph.microsoft.com/v1.0",
  docsUrl: "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook",
  fields: [
    {
      name: "webhookUrl",
      label: "Webhook URL",
      type: "url",
      pattern: "^https://[A-Za-z0-9.-]+\\.(webhook\\.office\\.com|logic\\.azure\\.com|environment\\.api\\.powerplatform\\.com)(:443)?/.+$",
      placeholder: "https://prod-00.westeurope.logic.azure.com:443/workflows/…",
      help: "In the channel, add the Workflows template \"Post to a channel when a webhook request is received\" and copy its URL.",
      // The URL itself is the credential: anyone holding it can post to the hook.
      secret: true,
    },
  ],
  capabilities: { notify: true },
  hooks: { verifyCredentials: "verifyCredentials" },
});
