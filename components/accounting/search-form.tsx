import { SearchIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** Props of a list's search box; `hidden` keeps other filters (e.g. status) across searches. */
export interface SearchFormProps {
  action: string;
  defaultValue?: string;
  placeholder: string;
  hidden?: Record<string, string | undefined>;
}

/** A GET form, so searches are plain URLs that can be shared and work without JavaScript. */
export function SearchForm({ action, defaultValue, placeholder, hidden = {} }: SearchFormProps) {
  return (
    <form action={action} method="get" role="search" className="flex w-full max-w-sm gap-2">
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <Input type="search" name="q" defaultValue={defaultValue} placeholder={placeholder} aria-label={placeholder} />
      <Button type="submit" variant="outline" size="icon" aria-label="Search">
        <SearchIcon />
      </Button>
    </form>
  );
}
