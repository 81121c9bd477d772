import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { userContext } from "@/lib/auth/access";
import { listApiKeys } from "@/lib/auth/api-keys";
import { requireTenant } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/tenant";
import { getDb } from "@/lib/db/client";
import { listPendingInvitations } from "@/lib/db/queries/invitations";
import { getOrganisation, listMembers } from "@/lib/db/queries/organisations";
import { ApiKeysSection } from "./api-keys-section";
import { InviteMemberForm } from "./invite-member-form";
import { MemberControls } from "./member-controls";
import { PendingInvitations } from "./pending-invitations";
import { NewOrganisationForm } from "./new-organisation-form";
import { OrganisationNameForm } from "./organisation-name-form";
import { TimeZoneForm } from "./time-zone-form";

export const metadata: Metadata = { title: "Settings" };

const roleVariant = { owner: "default", admin: "secondary", member: "outline" } as const;

const KEYS_PER_PAGE = 20;

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const tenant = await requireTenant();
  const requested = Number((await searchParams).keys);
  const keysOffset = Number.isSafeInteger(requested) && requested > 0 ? requested : 0;
  const db = await getDb();
  const canManage = hasRole(tenant, "admin");
  const isOwner = tenant.role === "owner";
  const [org, members, invitations, keys] = await Promise.all([
    getOrganisation(db, tenant),
    listMembers(db, tenant),
    canManage ? listPendingInvitations(db, tenant) : Promise.resolve([]),
    listApiKeys(db, userContext(tenant), { limit: KEYS_PER_PAGE, offset: keysOffset }),
  ]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        description={
          <>
            Your role in {org.name}: <span className="font-medium text-foreground capitalize">{tenant.role}</span>
            {canManage ? null : " (read-only)"}
          </>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Organisation</CardTitle>
          <CardDescription>Shown in the switcher and on messages the hub sends.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <OrganisationNameForm name={org.name} canEdit={canManage} />
          <TimeZoneForm timeZone={org.timeZone} zones={["UTC", ...Intl.supportedValuesOf("timeZone")]} canEdit={canManage} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>
            Owners and admins manage integrations and members; members see read-only screens.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Email</TableHead>
                <TableHead>Role</TableHead>
                <TableHead className="hidden sm:table-cell">Joined</TableHead>
                {isOwner ? <TableHead className="text-right">Manage</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((m) => (
                <TableRow key={m.userId}>
                  <TableCell className="font-medium">
                    {m.name ?? "—"}
                    {m.userId === tenant.userId ? <span className="ml-2 text-xs text-muted-foreground">(you)</span> : null}
                  </TableCell>
                  <TableCell>{m.email}</TableCell>
                  <TableCell>
                    <Badge variant={roleVariant[m.role]} className="capitalize">
                      {m.role}
                    </Badge>
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{m.joinedAt.toISOString().slice(0, 10)}</TableCell>
                  {isOwner ? (
                    <TableCell>
                      <MemberControls userId={m.userId} email={m.email} role={m.role} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {canManage ? (
            <div className="space-y-3 border-t pt-6">
              <h2 className="text-sm font-semibold">Invite someone</h2>
              <p className="text-sm text-muted-foreground">
                They get a link to accept or decline, signed in with this email address (they can sign up with it first).
              </p>
              <InviteMemberForm canGrantOwner={isOwner} />
              <PendingInvitations invitations={invitations} />
            </div>
          ) : null}
        </CardContent>
      </Card>
      <ApiKeysSection page={keys} canManage={canManage} href={(offset) => (offset > 0 ? `/settings?keys=${offset}#api-keys` : "/settings#api-keys")} />
      <Card id="new-organisation">
        <CardHeader>
          <CardTitle>New organisation</CardTitle>
          <CardDescription>Create another organisation; you will be its owner and it becomes the active one.</CardDescription>
        </CardHeader>
        <CardContent>
          <NewOrganisationForm />
        </CardContent>
      </Card>
    </div>
  );
}
