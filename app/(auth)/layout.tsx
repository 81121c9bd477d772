import { Link2Icon } from "lucide-react";

/** Centered single-card layout for sign-in, sign-up and onboarding. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 bg-muted/40 px-4 py-10">
      <div className="flex items-center gap-2 text-lg font-semibold">
        <span className="flex size-8 items-center justify-center rounded-md bg-primary text-primary-foreground">
          <Link2Icon className="size-4" aria-hidden="true" />
        </span>
        Integration Hub
      </div>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
