"use client";

import { useEffect } from "react";
import { AlertTriangleIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";

/**
 * Error boundary of the app area. Next.js hides server error messages from the browser in
 * production (only a digest arrives), so the message stays generic and shows the digest, which
 * matches the server log line.
 */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <EmptyState
      icon={AlertTriangleIcon}
      title="Something went wrong"
      description={`This page could not be loaded. Try again${error.digest ? ` (reference ${error.digest})` : ""}.`}
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
