import { defineManifest } from "../manifest-schema";

export default defineManifest({
  id: "email",
  name: "Email (SMTP)",
  description: "Send invoices, reminders and notifications through your own mail server.",
  category: "communication",
  authMode: "basic",
  availability: "available",
  logo: { icon: "Mail", color: "#0F766E" },
  docsUrl: "https://nodemailer.com/smtp/",
  fields: [
    { name: "host", label: "SMTP host", type: "text", pattern: "^[A-Za-z0-9.-]+$", placeholder: "smtp.example.com", secret: false },
    // 1–65535 as a pattern, so 99999 is refused under the Port field before any connection attempt.
    {
      name: "port", label: "Port", type: "number",
      pattern: "^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$",
      placeholder: "587", help: "A port from 1 to 65535: usually 587 (STARTTLS) or 465 (TLS).", secret: false,
    },
    { name: "username", label: "Username", type: "text", secret: false },
    { name: "password", label: "Password", type: "password", secret: true },
    { name: "fromAddress", label: "From address", type: "email", pattern: "^[^@\\s]+@[^@\\s]+$", placeholder: "billing@example.com", secret: false },
  ],
  capabilities: { notify: true },
  hooks: { verifyCredentials: "verifyCredentials", healthCheck: "healthCheck", sendMail: "sendMail" },
});
