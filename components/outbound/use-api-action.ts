"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { toast } from "sonner";
import type { ApiResult } from "@/components/integrations/api-client";

/**
 * One button's call to the API: toasts the outcome (the API's own message on failure), then
 * refreshes the queries under `refresh` so the screen shows what changed.
 */
export function useApiAction<V, T>(opts: {
  run: (vars: V) => Promise<ApiResult<T>>;
  success: string | ((data: T) => string);
  refresh: QueryKey[];
  onDone?: (data: T) => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: opts.run,
    onSuccess: (result) => {
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      toast.success(typeof opts.success === "function" ? opts.success(result.data) : opts.success);
      for (const queryKey of opts.refresh) void queryClient.invalidateQueries({ queryKey });
      opts.onDone?.(result.data);
    },
  });
}
