import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { KeyRoundIcon } from "lucide-react";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { DEMO_LOGIN, isEmbeddedDefault } from "@/lib/seed/embedded";
import { safeRedirectPath } from "../form-state";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  // Rendered per request: whether the demo login shows depends on the server's runtime env.
  await connection();
  if (await getCurrentUser()) redirect("/dashboard");
  const { callbackUrl } = await searchParams;
  const target = callbackUrl ? safeRedirectPath(callbackUrl, "/dashboard") : undefined;
  return (
    <div className="grid gap-4">
      <Card>
        <CardHeader>
          <CardTitle className="text-xl">Sign in</CardTitle>
          <CardDescription>Use your email and password.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm callbackUrl={target} />
        </CardContent>
        <CardFooter className="justify-center text-sm text-muted-foreground">
          No account yet?&nbsp;
          <Link href="/sign-up" className="font-medium text-foreground underline underline-offset-4">
            Sign up
          </Link>
        </CardFooter>
      </Card>
      {isEmbeddedDefault() ? (
        <div className="flex gap-3 rounded-lg border border-dashed bg-background p-4 text-sm" data-testid="demo-login">
          <KeyRoundIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
          <div>
            <p className="font-medium">Demo login</p>
            <p className="text-muted-foreground">
              <code className="font-mono">{DEMO_LOGIN.email}</code> / <code className="font-mono">{DEMO_LOGIN.password}</code>
            </p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
