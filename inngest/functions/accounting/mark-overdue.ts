import { markOverdueJob, markOverdueSchedule } from "@/lib/accounting/jobs/mark-overdue";
import { createJobFunction } from "../from-job";

/** accounting.mark-overdue under Inngest: event `hub/accounting.mark-overdue` and cron every 15 minutes. */
export const markOverdueFunction = createJobFunction(markOverdueJob, { schedules: [markOverdueSchedule] });
