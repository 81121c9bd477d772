import * as React from "react";
import { cn } from "@/lib/utils";

/** Props of the heading block at the top of every page in the app shell. */
export interface PageHeaderProps {
  title: string;
  description?: React.ReactNode;
  /** Buttons or links shown on the right (stacked below the title on small screens). */
  actions?: React.ReactNode;
  className?: string;
}

export function PageHeader({ title, description, actions, className }: PageHeaderProps) {
  return (
    <div className={cn("flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between", className)}>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
