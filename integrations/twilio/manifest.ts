import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "twilio",
  name: "Twilio",
  description: "Text payment reminders and receipts to customers by SMS.",
  category: "communication",
  authMode: "basic",
  availability: "coming_soon",
  logo: { icon: "MessageSquare", color: "#F22F46" },
  apiBaseUrl: "https://api.twilio.com/2010-04-01",
  docsUrl: "https://www.twilio.com/docs/usage/requests-to-twilio",
  fields: [
    { name: "accountSid", label: "Account SID", type: "text", pattern: "^AC[0-9a-f]{32}$", placeholder: "AC…", secret: false },
    { name: "authToken", label: "Auth token", type: "password", pattern: "^[0-9a-f]{32}$", secret: true },
    { name: "fromNumber", label: "Sending number", type: "text", pattern: "^\\+[1-9][0-9]{6,14}$", placeholder: "+15551234567", help: "E.164 format.", secret: false },
  ],
  webhooks: { verification: "twilio-signature", signatureHeader: "x-twilio-signature" },
  capabilities: { notify: true, webhooks: true },
});
