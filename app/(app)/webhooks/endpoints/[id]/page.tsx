import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EndpointDetail } from "@/components/outbound/endpoint-detail";
import { webhooksPageContext } from "../../page-context";

export const metadata: Metadata = { title: "Webhook endpoint" };

/** One endpoint's page; an id that is not a uuid is a 404 before anything loads. */
export default async function EndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  return <EndpointDetail endpointId={id} {...await webhooksPageContext()} />;
}
