"use client";

import * as React from "react";
import { toast } from "sonner";

/** Props of the OAuth callback's notice. */
export interface CallbackNoticeProps {
  kind: "success" | "error";
  message: string;
  /** Only clean the URL: the page shows the outcome in a banner, and one message is enough. */
  silent?: boolean;
}

/**
 * Announces the OAuth callback's outcome once as a toast, then drops `connected` / `error` from
 * the URL so a reload or a shared link does not repeat it. The toast has a fixed id, so an effect
 * that runs twice (React's development double run, a re-render with the same outcome) updates the
 * one toast instead of stacking a second.
 */
export function CallbackNotice({ kind, message, silent = false }: CallbackNoticeProps) {
  React.useEffect(() => {
    if (!silent) {
      const id = `callback-${kind}`;
      if (kind === "success") toast.success(message, { id });
      else toast.error(message, { id });
    }
    const url = new URL(window.location.href);
    url.searchParams.delete("connected");
    url.searchParams.delete("error");
    window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  }, [kind, message, silent]);
  return null;
}
