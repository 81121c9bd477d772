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
      // Teams hosts only: classic incoming webhooks (*.webhook.office.com), Workflows
      // (*.logic.azure.com, *.environment.api.powerplatform.com); or the sandbox's teams* catch
      // hooks on loopback, which the outbound guard admits only with HUB_ALLOW_PRIVATE_NETWORK=1.
      pattern: "^(https://[A-Za-z0-9.-]+\\.(webhook\\.office\\.com|logic\\.azure\\.com|environment\\.api\\.powerplatform\\.com)(:443)?/[^\\s]+|http://(localhost|127\\.0\\.0\\.1)(:[0-9]{1,5})?/hooks/teams[A-Za-z0-9_-]*)$",
      placeholder: "https://prod-00.westeurope.logic.azure.com:443/workflows/…",
      help: "In the channel, add the Workflows template \"Post to a channel when a webhook request is received\" and copy its URL.",
      // The URL itself is the credential: anyone holding it can post to the hook.
      secret: true,
    },
  ],
  capabilities: { notify: true },
  hooks: { verifyCredentials: "verifyCredentials" },
});
