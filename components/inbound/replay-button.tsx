"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, RotateCcwIcon } from "lucide-react";
import { toast } from "sonner";
import {
  AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription,
  AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { inboundKeys, replayEvents } from "./api";

/** Most events one replay request takes (the API's limit). */
export const MAX_REPLAY = 100;

/** Props of the guarded replay action; render it for owners and admins only. */
export interface ReplayButtonProps {
  ids: string[];
  /** The button text ("Replay" in the detail panel, "Replay 3 selected" above the table). */
  label: string;
  onDone?: () => void;
  size?: "sm" | "default";
}

/** "Replay" behind a confirmation: processes the events again; a toast says how many were queued. */
export function ReplayButton({ ids, label, onDone, size = "sm" }: ReplayButtonProps) {
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const tooMany = ids.length > MAX_REPLAY;
  const mutation = useMutation({
    mutationFn: () => replayEvents(ids),
    onSuccess: ({ replayed }) => {
      setOpen(false);
      toast.success(replayed === 1 ? "1 event queued for processing again." : `${replayed} events queued for processing again.`);
      void queryClient.invalidateQueries({ queryKey: inboundKeys.all });
      onDone?.();
    },
    onError: (err) => toast.error(err.message),
  });
  const n = ids.length === 1 ? "this event" : `these ${ids.length} events`;

  return (
    <AlertDialog open={open} onOpenChange={(o) => !mutation.isPending && setOpen(o)}>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size={size} disabled={ids.length === 0}>
          <RotateCcwIcon aria-hidden="true" />
          {label}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Replay {n}?</AlertDialogTitle>
          <AlertDialogDescription>
            {tooMany
              ? `A replay takes at most ${MAX_REPLAY} events; ${ids.length} are selected. Select fewer and try again.`
              : `The hub processes ${n} again as if ${ids.length === 1 ? "it had" : "they had"} just arrived. Processing is idempotent per event: what was already applied is not applied twice.`}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={mutation.isPending}>Cancel</AlertDialogCancel>
          <AlertDialogAction
            disabled={mutation.isPending || tooMany}
            onClick={(e) => {
              // Keep the dialog open while the request runs; onSuccess closes it.
              e.preventDefault();
              mutation.mutate();
            }}
          >
            {mutation.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            Replay
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
