import type { Metadata } from "next";
import { EventLog } from "@/components/outbound/event-log";
import { webhooksPageContext } from "../page-context";

export const metadata: Metadata = { title: "Event log" };

/** Event log tab: every event of the organisation with its deliveries. */
export default async function EventLogPage() {
  return <EventLog {...await webhooksPageContext()} />;
}
