"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { ZodError } from "zod";
import { createInvitation, InvitationError, revokeInvitation } from "@/lib/auth/invitations";
import { userContext } from "@/lib/auth/access";
import { sendInvitationEmail } from "@/lib/auth/invitation-mail";
import { fieldErrorsOf } from "@/lib/auth/schemas";
import { requireTenant } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/auth/tenant";
import { getDb } from "@/lib/db/client";
import { changeMemberRole, getOrganisation, MembershipError, removeMember } from "@/lib/db/queries/organisations";
import { getUserById } from "@/lib/db/queries/users";
import type { InviteFormState } from "./invite-form-state";
import type { SettingsFormState } from "./form-state";
import { formDataArg } from "@/lib/server-actions/args";

const text = (form: FormData, key: string) => {
  const v = formDataArg(form).get(key);
  return typeof v === "string" ? v : "";
};

/** Refusals the forms show; anything else propagates to the error page. */
function failure(err: unknown, values: Record<string, string> = {}): SettingsFormState {
  const at = Date.now();
  if (err instanceof ZodError) return { ok: false, fieldErrors: fieldErrorsOf(err), values, at };
  if (err instanceof InvitationError && err.field) return { ok: false, fieldErrors: { [err.field]: [err.message] }, values, at };
  if (err instanceof InvitationError || err instanceof MembershipError || err instanceof ForbiddenError) return { ok: false, message: err.message, values, at };
  if (err instanceof NotFoundError) return { ok: false, message: "That member is no longer in this organisation.", values, at };
  throw err;
}

/** The hub's public origin for links in emails: HUB_PUBLIC_URL, else AUTH_URL, else this request's host. */
async function publicOrigin(): Promise<string> {
  const configured = process.env.HUB_PUBLIC_URL ?? process.env.AUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
}

/** Invites someone by email: a link they accept or decline; emailed when the Email integration is connected. */
export async function inviteMemberAction(_prev: InviteFormState, form: FormData): Promise<InviteFormState> {
  const tenant = await requireTenant();
  const values = { email: text(form, "email"), role: text(form, "role") || "member" };
  const db = await getDb();
  let invite;
  try {
    invite = await createInvitation(db, tenant, values);
  } catch (err) {
    return failure(err, values);
  }
  const link = `${await publicOrigin()}/invitations/${invite.token}`;
  const [org, inviter] = await Promise.all([getOrganisation(db, tenant), getUserById(db, tenant.userId)]);
  const delivery = await sendInvitationEmail(db, userContext(tenant), { email: invite.email, link, organisationName: org.name, inviterName: inviter?.name ?? null, expiresAt: invite.expiresAt });
  revalidatePath("/settings");
  const message = delivery === "sent" ? `Invitation emailed to ${invite.email}.` : `Invitation created for ${invite.email}. Copy the link below and send it to them.`;
  return { ok: true, message, link, delivery, values: { email: "", role: "member" }, at: Date.now() };
}

/** Withdraws an open invitation; its link stops working at once. */
export async function revokeInvitationAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const tenant = await requireTenant();
  try {
    await revokeInvitation(await getDb(), tenant, text(form, "invitationId"));
  } catch (err) {
    return failure(err);
  }
  revalidatePath("/settings");
  return { ok: true, message: "Invitation withdrawn.", at: Date.now() };
}

/** Owners: changes a member's role (the last owner stays an owner). */
export async function changeRoleAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const tenant = await requireTenant();
  try {
    await changeMemberRole(await getDb(), tenant, { userId: text(form, "userId"), role: text(form, "role") });
  } catch (err) {
    return failure(err);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Role changed.", at: Date.now() };
}

/** Owners: removes a member and ends their sessions (the last owner cannot be removed). */
export async function removeMemberAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const tenant = await requireTenant();
  try {
    await removeMember(await getDb(), tenant, { userId: text(form, "userId") });
  } catch (err) {
    return failure(err);
  }
  revalidatePath("/settings");
  return { ok: true, message: "Member removed.", at: Date.now() };
}
