import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names and lets later Tailwind utilities override earlier ones (shadcn's `cn`). */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

/**
 * The hub's one money formatter lives in lib/accounting/money.ts (minor digits from ISO 4217);
 * re-exported here so older imports cannot format with a second, wrong rule.
 */
export { formatMoney } from "@/lib/accounting/money";
