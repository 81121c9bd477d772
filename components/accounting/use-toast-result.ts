"use client";

import { useEffect } from "react";
import { toast } from "sonner";
import type { AccountingFormState } from "@/lib/accounting/form-errors";

/** Toasts each completed submit once: the success message, or the error for the whole form. */
export function useToastResult(state: AccountingFormState) {
  useEffect(() => {
    if (!state.at || !state.message) return;
    if (state.ok) toast.success(state.message);
    else toast.error(state.message);
  }, [state.at, state.ok, state.message]);
}
