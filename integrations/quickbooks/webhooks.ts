import type { DescribeDelivery, EntityChange, HandleInboundEvent } from "../hook-types";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const ENTITY_PLURAL: Record<string, string> = { customer: "customers", invoice: "invoices", payment: "payments", item: "items", account: "accounts" };
const entityName = (name: string) => ENTITY_PLURAL[name.toLowerCase()] ?? name.toLowerCase();
// CloudEvents say "created"/"updated"/"deleted", the legacy format "Create"/"Update"/"Delete": one vocabulary.
const operation = (op: string) => op.toLowerCase().replace(/d$/, "").replace(/^(creat|updat|delet)e?$/, "$1e");

/** Both Intuit formats flattened: legacy `eventNotifications[].dataChangeEvent.entities[]` and CloudEvents arrays. */
function changesOf(json: unknown): EntityChange[] {
  if (Array.isArray(json)) {
    // CloudEvents: type "qbo.<entity>.<operation>.v1", intuitaccountid = realmId.
    return json.filter(isObj).map((e) => {
      const [, entity = "", op = ""] = String(e.type ?? "").split(".");
      return { accountId: String(e.intuitaccountid ?? ""), entity: entityName(entity), id: String(e.intuitentityid ?? ""), operation: operation(op) };
    });
  }
  const notes = isObj(json) && Array.isArray(json.eventNotifications) ? json.eventNotifications.filter(isObj) : [];
  return notes.flatMap((n) => {
    const entities = isObj(n.dataChangeEvent) && Array.isArray(n.dataChangeEvent.entities) ? n.dataChangeEvent.entities.filter(isObj) : [];
    return entities.map((e) => ({ accountId: String(n.realmId ?? ""), entity: entityName(String(e.name ?? "")), id: String(e.id ?? ""), operation: operation(String(e.operation ?? "")) }));
  });
}

/** Routes by realmId; CloudEvents carry ids, the legacy format none (the engine hashes the body). */
export const describe: DescribeDelivery = ({ json }) => {
  const changes = changesOf(json);
  const ids = Array.isArray(json) ? json.filter(isObj).map((e) => String(e.id ?? "")).filter(Boolean) : [];
  const types = [...new Set(changes.map((c) => `${c.entity}.${c.operation}`))];
  return {
    accountIds: changes.map((c) => c.accountId),
    eventId: ids.length ? ids.join(",") : undefined,
    type: types.length === 1 ? types[0]! : "batch",
  };
};

export const handle: HandleInboundEvent = async (ctx, { payload }) => {
  const changes = changesOf(payload).filter((c) => c.accountId === ctx.externalAccountId && c.id);
  if (!changes.length) return { status: "ignored", reason: "No change in the delivery is for this connection's company (realmId)." };
  return ctx.entityChanges(changes);
};
