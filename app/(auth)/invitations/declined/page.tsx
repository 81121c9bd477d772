import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Invitation declined" };

/** Where declining an invitation lands. */
export default function InvitationDeclinedPage() {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Invitation declined</CardTitle>
        <CardDescription>You did not join the organisation. The link no longer works.</CardDescription>
      </CardHeader>
      <CardContent className="text-sm">
        <Link href="/dashboard" className="underline underline-offset-4">
          Continue
        </Link>
      </CardContent>
    </Card>
  );
}
