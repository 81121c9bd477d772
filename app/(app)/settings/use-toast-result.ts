"use client";

import { useEffect } from "react";
import { toast } from "sonner";
import type { SettingsFormState } from "./form-state";

/** Shows a toast for each completed submit: success message, or a form-level error. */
export function useToastResult(state: SettingsFormState) {
  useEffect(() => {
    if (!state.at || !state.message) return;
    if (state.ok) toast.success(state.message);
    else toast.error(state.message);
  }, [state.at, state.ok, state.message]);
}
