import {
  ActivityIcon, FileSignatureIcon, FileTextIcon, FolderKanbanIcon, LayoutDashboardIcon, LifeBuoyIcon, PlugIcon, SettingsIcon,
  UsersIcon, WebhookIcon, type LucideIcon,
} from "lucide-react";

/** One entry of the sidebar. */
export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

/** The app's sections, in sidebar order. Pages live in app/(app)/<section>/. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboardIcon },
  { href: "/integrations", label: "Integrations", icon: PlugIcon },
  { href: "/customers", label: "Customers", icon: UsersIcon },
  { href: "/invoices", label: "Invoices", icon: FileTextIcon },
  { href: "/quotes", label: "Quotes", icon: FileSignatureIcon },
  { href: "/projects", label: "Projects", icon: FolderKanbanIcon },
  { href: "/tickets", label: "Tickets", icon: LifeBuoyIcon },
  { href: "/webhooks", label: "Webhooks", icon: WebhookIcon },
  { href: "/activity", label: "Activity", icon: ActivityIcon },
  { href: "/settings", label: "Settings", icon: SettingsIcon },
];

/** Whether `href` is the current section: exact match or a page below it. */
export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
