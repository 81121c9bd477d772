// GET/POST/PUT /api/inngest — Inngest's serve endpoint: registers the hub's functions and runs their steps
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

export const { GET, POST, PUT } = serve({ client: inngest, functions });
