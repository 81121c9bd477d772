import { scopeLabel } from "./scope-labels";

/** The scopes of a connection as what they allow, each with its raw id as secondary text. */
export function ScopeList({ scopes, label }: { scopes: string[]; label: string }) {
  return (
    <ul className="space-y-1.5" aria-label={label}>
      {scopes.map((s) => (
        <li key={s} className="text-sm" title={s}>
          {scopeLabel(s)} <code className="ml-1 text-xs break-all text-muted-foreground">{s}</code>
        </li>
      ))}
    </ul>
  );
}
