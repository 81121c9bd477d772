import { KeyRound } from "lucide-react";
import { Pagination } from "@/components/accounting/pagination";
import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ApiKeyRow } from "@/lib/db/queries/api-keys";
import type { Page } from "@/lib/accounting/schemas";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

function status(k: ApiKeyRow, now: Date): { label: string; variant: "secondary" | "outline" | "destructive" } {
  if (k.revokedAt) return { label: `Revoked ${day(k.revokedAt)}`, variant: "destructive" };
  if (k.expiresAt && k.expiresAt <= now) return { label: "Expired", variant: "outline" };
  return { label: k.expiresAt ? `Until ${day(k.expiresAt)}` : "Active", variant: "secondary" };
}

/**
 * The organisation's API keys: everyone sees the list (name, prefix, role, dates); owners and
 * admins create and revoke. Secrets are never on this page except in the create dialog, once.
 */
export function ApiKeysSection({ page, canManage, href }: { page: Page<ApiKeyRow>; canManage: boolean; href: (offset: number) => string }) {
  const now = new Date();
  return (
    <Card id="api-keys">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="space-y-1.5">
          <CardTitle>API keys</CardTitle>
          <CardDescription>
            Keys let Zapier, Make, n8n or your scripts list, read and create customers and invoices, with{" "}
            <code className="text-xs">Authorization: Bearer</code>. Each key is limited to 120 requests a minute.
            {canManage ? null : " Only owners and admins can create or revoke keys."}
          </CardDescription>
        </div>
        {canManage ? <CreateApiKeyDialog /> : null}
      </CardHeader>
      <CardContent>
        {page.total === 0 ? (
          <EmptyState
            icon={KeyRound}
            title="No API keys yet"
            description={canManage ? "Create a key to connect an automation tool to this organisation." : "An owner or admin can create one."}
          />
        ) : (
          <>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Key</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead className="hidden md:table-cell">Created</TableHead>
                  <TableHead className="hidden md:table-cell">Last used</TableHead>
                  <TableHead>Status</TableHead>
                  {canManage ? <TableHead className="text-right">Manage</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.rows.map((k) => {
                  const s = status(k, now);
                  return (
                    <TableRow key={k.id}>
                      <TableCell className="font-medium">{k.name}</TableCell>
                      <TableCell className="font-mono text-xs">{k.prefix}…</TableCell>
                      <TableCell className="capitalize">{k.role}</TableCell>
                      <TableCell className="hidden text-muted-foreground md:table-cell">{day(k.createdAt)}</TableCell>
                      <TableCell className="hidden text-muted-foreground md:table-cell">{k.lastUsedAt ? day(k.lastUsedAt) : "Never"}</TableCell>
                      <TableCell><Badge variant={s.variant}>{s.label}</Badge></TableCell>
                      {canManage ? (
                        <TableCell className="text-right">{k.revokedAt ? null : <RevokeApiKeyButton keyId={k.id} name={k.name} />}</TableCell>
                      ) : null}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
            <Pagination total={page.total} limit={page.limit} offset={page.offset} href={href} />
          </>
        )}
      </CardContent>
    </Card>
  );
}
