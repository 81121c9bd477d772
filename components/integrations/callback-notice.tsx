"use client";

import * as React from "react";
import { toast } from "sonner";

/**
 * Announces the OAuth callback's outcome once as a toast, then drops `connected` / `error` from
 * the URL so a reload or a shared link does not repeat it. The server-rendered banner next to
 * it stays for this view, so the message is readable without the toast.
 */
export function CallbackNotice({ kind, message }: { kind: "success" | "error"; message: string }) {
  React.useEffect(() => {
    if (kind === "success") toast.success(message);
    else toast.error(message);
    const url = new URL(window.location.href);
    url.searchParams.delete("connected");
    url.searchParams.delete("error");
    window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  }, [kind, message]);
  return null;
}
