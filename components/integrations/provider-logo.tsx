import { icons } from "lucide-react";
import { cn } from "@/lib/utils";

/** Props of a provider's logo tile, drawn from the manifest (no network, no image files). */
export interface ProviderLogoProps {
  name: string;
  logo: { icon: string; color: string };
  size?: "sm" | "lg";
  className?: string;
}

/** Relative luminance of a #rrggbb colour (WCAG formula), to pick a readable icon colour. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * The brand-coloured tile with the manifest's lucide icon. Server component on purpose: the
 * icon is looked up in lucide's full map, which must not be shipped to the browser.
 */
export function ProviderLogo({ name, logo, size = "sm", className }: ProviderLogoProps) {
  const Icon = icons[logo.icon as keyof typeof icons];
  // Light brand colours (Mailchimp's yellow) need a dark glyph to stay visible.
  const fg = luminance(logo.color) > 0.5 ? "#111827" : "#ffffff";
  return (
    <span
      aria-hidden="true"
      className={cn("flex shrink-0 items-center justify-center rounded-lg", size === "lg" ? "size-14" : "size-10", className)}
      style={{ backgroundColor: logo.color, color: fg }}
    >
      {Icon ? <Icon className={size === "lg" ? "size-7" : "size-5"} /> : <span className="font-semibold">{name.slice(0, 1)}</span>}
    </span>
  );
}
