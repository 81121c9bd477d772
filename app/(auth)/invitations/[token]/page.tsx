import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { INVITATION_UNAVAILABLE, invitationForUser } from "@/lib/auth/invitations";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AnswerForm } from "./answer-form";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

/**
 * /invitations/{token}: the invited person, signed in with the invited email, accepts or
 * declines. Anyone else sees one generic sentence, whatever the reason.
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getCurrentUser();
  if (!user) {
    const back = encodeURIComponent(`/invitations/${token}`);
    return (
      <Card>
        <CardHeader>
          <CardTitle className="text-xl">You have an invitation</CardTitle>
          <CardDescription>Sign in with the email address it was sent to, then accept or decline it here.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm">
          <Link href={`/sign-in?callbackUrl=${back}`} className="font-medium underline underline-offset-4">
            Sign in to answer
          </Link>
          <span className="text-muted-foreground">
            No account yet? <Link href="/sign-up" className="underline underline-offset-4">Sign up</Link> with that email, then open this link again.
          </span>
        </CardContent>
      </Card>
    );
  }
  const invitation = await invitationForUser(await getDb(), token, user);
  if (!invitation) {
    return (
      <Card>
        <CardHeader>
          <CardTitle className="text-xl">Invitation not available</CardTitle>
          <CardDescription>{INVITATION_UNAVAILABLE}</CardDescription>
        </CardHeader>
        <CardContent className="text-sm">
          <Link href="/dashboard" className="underline underline-offset-4">
            Go to your dashboard
          </Link>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Join {invitation.organisationName}?</CardTitle>
        <CardDescription>
          {invitation.invitedByName ?? "An owner"} invited you as <span className="font-medium capitalize">{invitation.role}</span>. The
          invitation works until {invitation.expiresAt.toISOString().slice(0, 10)}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <AnswerForm token={token} />
      </CardContent>
    </Card>
  );
}
