// POST /api/webhooks/[provider] — receive a provider's webhook (routed by the account id it names)
import { z } from "zod";
import { receiveWebhook } from "@/lib/inbound/receive";
import { route } from "../../_shared/route-handler";

// Public (the signature is the authentication), raw body read once with the 1 MiB cap (413).
export const POST = route(
  { auth: "public", rawBody: true, params: z.object({ provider: z.string() }) },
  async ({ req, db, params, rawBody }) => receiveWebhook(db, req, { provider: params.provider, rawBody: rawBody ?? "" }),
);
