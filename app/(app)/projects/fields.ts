import type { WorkField } from "@/components/work/work-item-form";

/** The project form's fields (create and edit). */
export const projectFields = (customer: WorkField): WorkField[] => [
  { name: "name", label: "Name", required: true, hint: "At most 200 characters." },
  customer,
  { name: "description", label: "Description", kind: "textarea", hint: "At most 2,000 characters." },
];
