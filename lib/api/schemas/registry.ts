import { z } from "zod";

/** What an OpenAPI document needs to know about a registered schema. */
export interface ApiSchemaMeta {
  /** The component name (`#/components/schemas/<id>`). */
  id: string;
  description?: string;
  /** `input` for request schemas (their pre-transform shape), `output` for response DTOs. */
  io: "input" | "output";
}

/**
 * Every request and response schema of the API, registered by name. Zod 4's native
 * `z.toJSONSchema(schema, { io })` turns each into JSON Schema, which is what an OpenAPI 3.1
 * document embeds, so the document can be generated from here later without another library
 * (`lib/api/schemas/openapi.test.ts` proves every registered schema converts).
 */
export const apiSchemas = z.registry<ApiSchemaMeta>();

// zod's registry cannot be iterated, so registration also keeps the list a generator will walk.
const entries: [z.ZodType, ApiSchemaMeta][] = [];

/** Registers `schema` under `id` and returns it, so declarations stay one expression. */
export function registerSchema<S extends z.ZodType>(schema: S, meta: ApiSchemaMeta): S {
  apiSchemas.add(schema, meta);
  entries.push([schema, meta]);
  return schema;
}

/** Every registered schema with its metadata, in registration order. */
export function registeredSchemas(): readonly [z.ZodType, ApiSchemaMeta][] {
  return entries;
}

/** An ISO-8601 timestamp as the API writes it (from a Date). */
export const timestampSchema = z.iso.datetime();

/** `{ id }` of a resource in the path: the row ids the hub generates (UUIDs) and seed ids. */
export const idParamsSchema = registerSchema(
  z.object({ id: z.string().min(1, "The id is empty.").max(64, "The id is at most 64 characters.") }),
  { id: "IdParams", io: "input" },
);

/** The `page` object of every list answer. */
export const pageInfoSchema = registerSchema(
  z.object({ limit: z.number().int(), offset: z.number().int(), total: z.number().int() }),
  { id: "PageInfo", io: "output" },
);

/** `{ data: [item], page }` for a DTO schema. */
export const listOf = <S extends z.ZodType>(item: S) => z.object({ data: z.array(item), page: pageInfoSchema });
/** `{ data: item }` for a DTO schema. */
export const itemOf = <S extends z.ZodType>(item: S) => z.object({ data: item });
