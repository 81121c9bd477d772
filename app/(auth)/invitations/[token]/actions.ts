"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { answerInvitation, InvitationError } from "@/lib/auth/invitations";
import { getCurrentUser, ORG_COOKIE, orgCookieOptions } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { formDataArg, idArg } from "@/lib/server-actions/args";

/** What the invitation page shows after a refused answer. */
export interface InvitationAnswerState {
  message?: string;
}

/**
 * Accepts or declines (form field `answer`) the invitation in `token` as the signed-in user.
 * Accepting makes the organisation the active one and opens its dashboard.
 */
export async function answerInvitationAction(token: string, _prev: InvitationAnswerState, form: FormData): Promise<InvitationAnswerState> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/invitations/${idArg(token)}`)}`);
  const answer = formDataArg(form).get("answer") === "accept" ? "accept" : "decline";
  let organisationId: string | null;
  try {
    organisationId = await answerInvitation(await getDb(), idArg(token), user, answer);
  } catch (err) {
    if (err instanceof InvitationError) return { message: err.message };
    throw err;
  }
  if (organisationId) {
    (await cookies()).set(ORG_COOKIE, organisationId, orgCookieOptions);
    redirect("/dashboard");
  }
  redirect("/invitations/declined");
}
