"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

/** The Webhooks section's tabs; each is a page, so they are links (the current one aria-current). */
export const WEBHOOK_TABS = [
  { href: "/webhooks", label: "Endpoints", matches: (p: string) => p === "/webhooks" || p.startsWith("/webhooks/endpoints") },
  { href: "/webhooks/events", label: "Event log", matches: (p: string) => p.startsWith("/webhooks/events") },
  { href: "/webhooks/inbound", label: "Inbound", matches: (p: string) => p.startsWith("/webhooks/inbound") },
  { href: "/webhooks/catalog", label: "Event catalog", matches: (p: string) => p.startsWith("/webhooks/catalog") },
] as const;

export function WebhooksTabs() {
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label="Webhooks" className="-mx-1 overflow-x-auto px-1">
      <ul className="inline-flex h-9 items-center rounded-lg bg-muted p-[3px] text-muted-foreground">
        {WEBHOOK_TABS.map((tab) => {
          const active = tab.matches(pathname);
          return (
            <li key={tab.href} className="h-full">
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex h-full items-center rounded-md px-3 text-sm font-medium whitespace-nowrap transition-colors hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
                  active && "bg-background text-foreground shadow-sm dark:bg-input/30",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
