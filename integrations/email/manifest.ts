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
    { name: "port", label: "Port", type: "number", pattern: "^[0-9]{2,5}$", placeholder: "587", help: "587 (STARTTLS) or 465 (TLS).", secret: false },
    { name: "username", label: "Username", type: "text", secret: false },
    { name: "password", label: "Password", type: "password", secret: true },
    { name: "fromAddress", label: "From address", type: "email", pattern: "^[^@\\s]+@[^@\\s]+$", placeholder: "billing@example.com", secret: false },
  ],
  capabilities: { notify: true },
  hooks: { verifyCredentials: "verifyCredentials", healthCheck: "healthCheck" },
});
