import { z } from "zod";
import { customerCreateSchema, customerUpdateSchema, listQuerySchema } from "@/lib/accounting/schemas";
import type { Customer } from "@/lib/db/queries/customers";
import { itemOf, listOf, registerSchema, timestampSchema } from "./registry";

export const customerCreateRequest = registerSchema(customerCreateSchema, { id: "CustomerCreate", io: "input" });
export const customerUpdateRequest = registerSchema(customerUpdateSchema, { id: "CustomerUpdate", io: "input" });
export const customerListQuery = registerSchema(listQuerySchema, { id: "CustomerListQuery", io: "input" });

/** A customer as the API shows it: no organisation id. */
export const customerDto = registerSchema(
  z.object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    taxNumber: z.string().nullable(),
    currency: z.string(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  }),
  { id: "Customer", io: "output" },
);
export type CustomerDto = z.infer<typeof customerDto>;

export const customerResponse = registerSchema(itemOf(customerDto), { id: "CustomerResponse", io: "output" });
export const customerListResponse = registerSchema(listOf(customerDto), { id: "CustomerList", io: "output" });

/** The public fields of a customer row (listed one by one, so a new column is private until added). */
export function toCustomerDto(c: Customer): CustomerDto {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    address: c.address,
    taxNumber: c.taxNumber,
    currency: c.currency,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
