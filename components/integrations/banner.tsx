import { CircleAlertIcon, CircleCheckIcon, TriangleAlertIcon } from "lucide-react";
import { cn } from "@/lib/utils";

const tones = {
  error: { cls: "border-destructive/40 bg-destructive/10 text-destructive", Icon: CircleAlertIcon, role: "alert" },
  warning: { cls: "border-warning/40 bg-warning/10 text-foreground", Icon: TriangleAlertIcon, role: "status" },
  success: { cls: "border-success/40 bg-success/10 text-foreground", Icon: CircleCheckIcon, role: "status" },
} as const;

/** Props of an inline page banner. */
export interface BannerProps {
  tone: keyof typeof tones;
  title: string;
  children?: React.ReactNode;
  /** A call to action on the right (e.g. Reconnect). */
  action?: React.ReactNode;
}

/** A full-width notice under the page header: errors are alerts, the rest polite status. */
export function Banner({ tone, title, children, action }: BannerProps) {
  const t = tones[tone];
  return (
    <div role={t.role} className={cn("flex flex-wrap items-start gap-x-3 gap-y-2 rounded-lg border px-4 py-3 sm:items-center", t.cls)}>
      <t.Icon className="mt-0.5 size-5 shrink-0 sm:mt-0" aria-hidden="true" />
      <div className="min-w-0 flex-1 basis-48 space-y-0.5">
        <p className="text-sm font-medium">{title}</p>
        {children ? <div className="text-sm opacity-90">{children}</div> : null}
      </div>
      {action ? <div className="ml-8 shrink-0 sm:ml-0">{action}</div> : null}
    </div>
  );
}
