import type { WorkField } from "./work-item-form";

/** The customer picker of a work item form, from the organisation's customers. */
export function customerField(customers: { id: string; name: string }[], optional: boolean): WorkField {
  return {
    name: "customerId",
    label: "Customer",
    kind: "select",
    required: !optional,
    options: [{ value: "", label: optional ? "No customer" : "Choose a customer" }, ...customers.map((c) => ({ value: c.id, label: c.name }))],
  };
}
