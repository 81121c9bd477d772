"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Loader2Icon, StarIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { anyObject, callApi, connectionApiPath } from "./api-client";

/** Makes this connection the provider's default (the one provider-level actions use). */
export function MakeDefaultButton({ connectionId, connectionName }: { connectionId: string; connectionName: string }) {
  const router = useRouter();
  const [pending, setPending] = React.useState(false);

  async function run() {
    setPending(true);
    const res = await callApi("PATCH", connectionApiPath(connectionId), anyObject, { isDefault: true });
    setPending(false);
    if (!res.ok) {
      toast.error(res.message);
      return;
    }
    toast.success(`${connectionName} is now the default.`);
    router.refresh();
  }

  return (
    <Button variant="outline" onClick={run} disabled={pending}>
      {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <StarIcon aria-hidden="true" />}
      Make default
    </Button>
  );
}
