import { z } from "zod";

/** The fields an SMTP connection stores (encrypted). */
export const smtpFieldsSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(1).max(65535),
  username: z.string().min(1),
  password: z.string().min(1),
  fromAddress: z.email(),
});
export type SmtpFields = z.infer<typeof smtpFieldsSchema>;
