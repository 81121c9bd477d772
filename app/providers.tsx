"use client";

import * as React from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { Toaster } from "@/components/ui/sonner";
import { TooltipProvider } from "@/components/ui/tooltip";
import { z } from "zod";

// The screens parse API answers with zod in the browser. zod 4 otherwise probes `new Function`
// for its fast path, which the nonce CSP (no 'unsafe-eval') reports as a violation.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Client-side providers: theme (class on <html>), React Query, tooltips and the toaster. */
export function Providers({ children, nonce }: { children: React.ReactNode; nonce?: string }) {
  // One QueryClient per browser tab; useState keeps it stable across re-renders.
  const [queryClient] = React.useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } }),
  );
  return (
    <ThemeProvider nonce={nonce} attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <QueryClientProvider client={queryClient}>
        <TooltipProvider delayDuration={200}>
          {children}
          {/* Bottom-right: at the top the toasts covered the avatar menu and pages' "New invoice" button. */}
          <Toaster position="bottom-right" />
        </TooltipProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
