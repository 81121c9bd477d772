import { createElement } from "react";
import * as lucide from "lucide-react";
import { icons, type LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import { logoForeground } from "./colour";

/** Props of a provider's logo tile, drawn from the manifest (no network, no image files). */
export interface ProviderLogoProps {
  name: string;
  logo: { icon: string; color: string };
  size?: "sm" | "lg";
  className?: string;
}

/**
 * Lucide's `icons` map holds only canonical names; renamed icons (Building2, FileSignature) live
 * on as named exports, so fall back to the module namespace. An unknown name gives undefined and
 * the tile shows the provider's initial; provider-logo.test.ts keeps every manifest's name valid.
 */
export function iconByName(name: string): LucideIcon | undefined {
  const found = icons[name as keyof typeof icons] ?? (lucide as unknown as Record<string, unknown>)[name];
  return found && typeof found === "object" && "render" in found ? (found as LucideIcon) : undefined;
}

/**
 * The brand-coloured tile with the manifest's lucide icon. Server component on purpose: the
 * icon is looked up in lucide's full map, which must not be shipped to the browser.
 */
export function ProviderLogo({ name, logo, size = "sm", className }: ProviderLogoProps) {
  const Icon = iconByName(logo.icon);
  // Light brand colours (Mailchimp's yellow) need a dark glyph to stay visible.
  const fg = logoForeground(logo.color);
  return (
    <span
      aria-hidden="true"
      className={cn("flex shrink-0 items-center justify-center rounded-lg", size === "lg" ? "size-14" : "size-10", className)}
      style={{ backgroundColor: logo.color, color: fg }}
    >
      {/* createElement: the icon is looked up in a static map, not created per render. */}
      {Icon ? createElement(Icon, { className: size === "lg" ? "size-7" : "size-5" }) : <span className="font-semibold">{name.slice(0, 1)}</span>}
    </span>
  );
}
