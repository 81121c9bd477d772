// Invitation emails go out through the organisation's own SMTP connection (the sandbox here),
// and nothing is sent when no Email integration is connected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps } from "@/sandbox/config";
import { connectWithFields } from "@/lib/connections/connect-fields";
import { createWorld, type World } from "@/lib/connections/test-support";
import { createInvitation } from "./invitations";
import { sendInvitationEmail } from "./invitation-mail";

let w: World;
const ownerTenant = () => ({ organisationId: w.owner.organisationId, userId: w.owner.userId, role: "owner" as const });
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w.close());

async function inbox(): Promise<{ to: string[]; subject: string; text: string }[]> {
  const res = await fetch(`${w.sandbox.origin}/_mail/messages`);
  return ((await res.json()) as { messages: { to: string[]; subject: string; text: string }[] }).messages;
}

describe("invitation email", () => {
  it("is not sent without a connected Email integration: the inviter copies the link", async () => {
    const inv = await createInvitation(w.db, ownerTenant(), { email: "first@example.com", role: "member" });
    const delivery = await sendInvitationEmail(w.db, w.owner, { email: inv.email, link: `http://hub.test/invitations/${inv.token}`, organisationName: "Org A", inviterName: "Olive", expiresAt: inv.expiresAt });
    expect(delivery).toBe("not_configured");
    expect((await inbox()).filter((m) => m.to.includes("first@example.com"))).toHaveLength(0);
  });

  it("is sent through the organisation's SMTP connection with the link", async () => {
    await connectWithFields(w.db, w.owner, "email", {
      host: "127.0.0.1", port: String(w.sandbox.ports.smtp), username: sandboxApps.smtp.username, password: sandboxApps.smtp.password, fromAddress: "billing@a.test",
    });
    const inv = await createInvitation(w.db, ownerTenant(), { email: "second@example.com", role: "admin" });
    const link = `http://hub.test/invitations/${inv.token}`;
    const delivery = await sendInvitationEmail(w.db, w.owner, { email: inv.email, link, organisationName: "Org A", inviterName: "Olive", expiresAt: inv.expiresAt });
    expect(delivery).toBe("sent");
    const mail = (await inbox()).find((m) => m.to.includes("second@example.com"));
    expect(mail?.subject).toBe("You are invited to Org A");
    expect(mail?.text).toContain(link);
  });
});
