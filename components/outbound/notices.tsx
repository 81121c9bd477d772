"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Banner } from "@/components/integrations/banner";
import { Button } from "@/components/ui/button";
import { outboundApi, outboundKeys, unwrap } from "./api";
import { useApiAction } from "./use-api-action";

/**
 * The organisation's unread in-app notices (an endpoint disabled after a 410 or five days of
 * failures) above the endpoints; admins dismiss them. Nothing shows while loading or on error:
 * the list below carries the same state in its status badges.
 */
export function OutboundNotices({ canManage }: { canManage: boolean }) {
  const notices = useQuery({ queryKey: outboundKeys.notices(), queryFn: () => unwrap(outboundApi.notices()) });
  const dismiss = useApiAction({ run: (id: string) => outboundApi.dismissNotice(id), success: "Notice dismissed.", refresh: [outboundKeys.notices()] });
  const unread = (notices.data ?? []).filter((n) => !n.readAt && n.kind.startsWith("webhook_endpoint."));
  if (unread.length === 0) return null;
  return (
    <div className="grid gap-2">
      {unread.map((n) => (
        <Banner
          key={n.id}
          tone="error"
          title={n.title}
          action={
            <div className="flex gap-2">
              {n.link ? (
                <Button asChild size="sm" variant="outline">
                  <Link href={n.link}>Open endpoint</Link>
                </Button>
              ) : null}
              {canManage ? (
                <Button size="sm" variant="ghost" onClick={() => dismiss.mutate(n.id)} disabled={dismiss.isPending}>
                  Dismiss
                </Button>
              ) : null}
            </div>
          }
        >
          {n.body}
        </Banner>
      ))}
    </div>
  );
}
