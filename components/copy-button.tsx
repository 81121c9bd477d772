"use client";

import { CopyIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/** Copies `text` to the clipboard and says so (or asks to copy by hand where the browser refuses). */
export function CopyButton({ text, label = "Copy", what = "Text" }: { text: string; label?: string; what?: string }) {
  return (
    <Button
      type="button" size="sm" variant="outline"
      onClick={() => void navigator.clipboard.writeText(text).then(() => toast.success(`${what} copied.`), () => toast.error(`Copy the ${what.toLowerCase()} by hand.`))}
    >
      <CopyIcon aria-hidden="true" /> {label}
    </Button>
  );
}
