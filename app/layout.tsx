import type { Metadata } from "next";
import { headers } from "next/headers";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Integration Hub", template: "%s · Integration Hub" },
  description: "Connect your accounting organisation to payment gateways, accounting platforms and more.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The per-request CSP nonce from proxy.ts (reading headers also makes every page dynamic,
  // which nonces need).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  // suppressHydrationWarning: next-themes sets the theme class on <html> before React hydrates.
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
