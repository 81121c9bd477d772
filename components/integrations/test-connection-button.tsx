"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { ActivityIcon, Loader2Icon } from "lucide-react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { callApi, connectionApiPath } from "./api-client";

// The test endpoint's answer; only `ok` and the failure's plain message are read here. The error
// is read both as a code string beside `message` and as an `{ code, message }` object, so the
// button keeps working while the API moves to its DTOs.
const testResult = z.looseObject({
  ok: z.boolean().optional(),
  message: z.string().optional(),
  error: z.union([z.string(), z.looseObject({ message: z.string().optional() })]).nullish(),
});

const failureMessage = (r: z.infer<typeof testResult>) =>
  r.message ?? (typeof r.error === "object" ? r.error?.message : r.error) ?? undefined;

/** Runs a live health check now and refreshes the page so the Health block shows the result. */
export function TestConnectionButton({ connectionId, providerName }: { connectionId: string; providerName: string }) {
  const router = useRouter();
  const [pending, setPending] = React.useState(false);

  async function run() {
    setPending(true);
    const res = await callApi("POST", connectionApiPath(connectionId, "/test"), testResult);
    setPending(false);
    if (res.ok && res.data.ok !== false) toast.success(`${providerName} answered. The connection works.`);
    else if (res.ok) toast.error(failureMessage(res.data) ?? `${providerName} did not accept the connection.`);
    else toast.error(res.message);
    // Re-render the server components: the status badge, the banner and the Health card show the result.
    router.refresh();
  }

  return (
    <Button variant="outline" onClick={run} disabled={pending}>
      {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <ActivityIcon aria-hidden="true" />}
      Test connection
    </Button>
  );
}
