import type { Metadata } from "next";
import { EndpointsList } from "@/components/outbound/endpoints-list";
import { webhooksPageContext } from "./page-context";

export const metadata: Metadata = { title: "Webhooks" };

/** Endpoints tab: the organisation's webhook endpoints with their 24-hour health. */
export default async function WebhooksPage() {
  return <EndpointsList {...await webhooksPageContext()} />;
}
