"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => "";

/**
 * A hidden form field carrying the browser's IANA time zone ("Europe/London"), so a new
 * organisation starts in the zone of the person creating it. Empty during server rendering;
 * the server falls back to UTC when it is empty or unknown.
 */
export function BrowserTimeZoneInput({ name = "timeZone" }: { name?: string }) {
  const zone = useSyncExternalStore(subscribe, browserZone, serverZone);
  return <input type="hidden" name={name} value={zone} />;
}
