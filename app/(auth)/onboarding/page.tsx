import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { listMemberships } from "@/lib/auth/tenant";
import { getDb } from "@/lib/db/client";
import { OrganisationForm } from "./organisation-form";

export const metadata: Metadata = { title: "Create your organisation" };

export default async function OnboardingPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const orgs = await listMemberships(await getDb(), user.id);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Create your organisation</CardTitle>
        <CardDescription>
          You will be its owner. To join an existing organisation instead, ask one of its owners or admins to add{" "}
          <span className="font-medium text-foreground">{user.email}</span>.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <OrganisationForm />
      </CardContent>
      {orgs.length > 0 ? (
        <CardFooter className="justify-center text-sm">
          <Link href="/dashboard" className="underline underline-offset-4">
            Back to {orgs[0].name}
          </Link>
        </CardFooter>
      ) : null}
    </Card>
  );
}
