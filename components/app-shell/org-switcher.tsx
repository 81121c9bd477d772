"use client";

import { useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Building2Icon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuRadioGroup,
  DropdownMenuRadioItem, DropdownMenuSeparator, DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { switchOrganisationAction } from "./actions";

/** An organisation the user belongs to, as the switcher lists it. */
export interface OrgOption {
  id: string;
  name: string;
  role: string;
}

export function OrgSwitcher({ organisations, activeId }: { organisations: OrgOption[]; activeId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const active = organisations.find((o) => o.id === activeId);

  function select(id: string) {
    if (id === activeId) return;
    startTransition(async () => {
      const result = await switchOrganisationAction(id);
      if (!result.ok) {
        toast.error(result.message ?? "Could not switch organisation.");
        return;
      }
      toast.success(`Switched to ${organisations.find((o) => o.id === id)?.name ?? "organisation"}`);
      router.refresh();
    });
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="w-full justify-between" disabled={pending} aria-label="Switch organisation">
          <span className="flex min-w-0 items-center gap-2">
            <Building2Icon className="size-4 shrink-0" aria-hidden="true" />
            <span className="truncate">{active?.name ?? "Organisation"}</span>
          </span>
          <ChevronsUpDownIcon className="size-4 opacity-50" aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-60">
        <DropdownMenuLabel>Organisations</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={activeId} onValueChange={select}>
          {organisations.map((o) => (
            <DropdownMenuRadioItem key={o.id} value={o.id}>
              <span className="truncate">{o.name}</span>
              <span className="ml-auto text-xs text-muted-foreground">{o.role}</span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings#new-organisation">
            <PlusIcon aria-hidden="true" /> New organisation
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
