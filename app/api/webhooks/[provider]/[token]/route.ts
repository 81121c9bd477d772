// POST /api/webhooks/[provider]/[token] — receive a webhook on one connection's own URL
import { z } from "zod";
import { receiveWebhook } from "@/lib/inbound/receive";
import { route } from "../../../_shared/route-handler";

export const POST = route(
  { auth: "public", rawBody: true, params: z.object({ provider: z.string(), token: z.string() }) },
  async ({ req, db, params, rawBody }) => receiveWebhook(db, req, { provider: params.provider, token: params.token, rawBody: rawBody ?? "" }),
);
