import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps } from "../../config";
import { startHarness, type Harness } from "../test-support";
import { createSmtpEmulator } from "./index";

const smtp = createSmtpEmulator();
let h: Harness;
beforeAll(async () => {
  h = await startHarness([smtp]);
});
afterAll(async () => h?.close());

const transport = (pass: string) =>
  nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port(), secure: false, ignoreTLS: true, auth: { user: sandboxApps.smtp.username, pass } });

describe("SMTP emulator with nodemailer", () => {
  it("accepts authenticated mail and shows it at /_mail and /_mail/messages", async () => {
    const info = await transport(sandboxApps.smtp.password).sendMail({
      from: "Hub <billing@hub.example>", to: "ada@example.com, bob@example.com", subject: "Invoice INV-0042 — £120.00", text: "Hello Ada,\nyour invoice is attached.",
      html: "<p>Hello Ada</p>",
    });
    expect(info.accepted).toEqual(["ada@example.com", "bob@example.com"]);
    const res = await fetch(`${h.origin}/_mail/messages`);
    const { messages } = (await res.json()) as { messages: { from: string; to: string[]; subject: string; text: string; envelope: { to: string[] } }[] };
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ from: "Hub <billing@hub.example>", to: ["ada@example.com", "bob@example.com"], subject: "Invoice INV-0042 — £120.00", text: "Hello Ada,\nyour invoice is attached." });
    expect(messages[0].envelope.to).toEqual(["ada@example.com", "bob@example.com"]);
    const page = await (await fetch(`${h.origin}/_mail`)).text();
    expect(page).toContain("Invoice INV-0042");
  });

  it("refuses a wrong password with 535", async () => {
    await expect(transport("wrong").sendMail({ from: "a@hub.example", to: "b@example.com", subject: "x", text: "y" })).rejects.toMatchObject({ responseCode: 535 });
    expect(smtp.messages).toHaveLength(1);
  });
});
