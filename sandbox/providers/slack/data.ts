/** The Slack emulator's workspace: one team, its channels and the messages the bot posted. */
export const TEAM = { id: "T0SBX00001", name: "Sandbox Accounting", domain: "sandbox-accounting" };
export const BOT = { userId: "U0SBXB0T01", botId: "B0SBXB0T01", appId: "A0SBXAPP01" };
export const HUMAN = { id: "U0SBXUSR01", name: "ada" };

/** A conversation in the shape of Slack's objs_conversation. */
export type Channel = {
  id: string; name: string; created: number; creator: string; is_archived: boolean; is_channel: boolean; is_general: boolean;
  is_mpim: boolean; is_group: boolean; is_org_shared: boolean; is_im: boolean; is_shared: boolean; is_private: boolean;
  is_member: boolean; name_normalized: string; num_members: number;
  topic: { value: string; creator: string; last_set: number }; purpose: { value: string; creator: string; last_set: number };
};

export type Message = { type: "message"; subtype?: "bot_message"; text: string; user: string; bot_id: string; ts: string; team: string; blocks?: unknown[]; thread_ts?: string };

const NAMES = ["general", "finance", "invoices", "payments-alerts", "sales", "support", "random", "month-end", "payroll", "audit"];
const BASE = 1_735_689_600;

export function channel(n: number, opts: { isPrivate?: boolean } = {}): Channel {
  const name = n < NAMES.length ? NAMES[n] : `project-${n}`;
  const id = `C0SBX${String(n + 1).padStart(5, "0")}`;
  return {
    id, name, created: BASE + n * 86400, creator: HUMAN.id, is_archived: false, is_channel: !opts.isPrivate, is_general: n === 0,
    is_mpim: false, is_group: !!opts.isPrivate, is_org_shared: false, is_im: false, is_shared: false, is_private: !!opts.isPrivate,
    is_member: true, name_normalized: name, num_members: 3 + (n % 7),
    topic: { value: n === 0 ? "Company-wide announcements" : "", creator: n === 0 ? HUMAN.id : "", last_set: n === 0 ? BASE : 0 },
    purpose: { value: `#${name} for the accounting team`, creator: HUMAN.id, last_set: BASE },
  };
}

export class SlackData {
  channels: Channel[] = [];
  messages = new Map<string, Message[]>();
  private tsCounter = 0;

  constructor() {
    this.reset();
  }

  reset() {
    this.channels = Array.from({ length: 6 }, (_, i) => channel(i, { isPrivate: i === 5 }));
    this.messages.clear();
    this.tsCounter = 0;
  }

  /** Finds a channel by id or `#name`/`name`. */
  find(ref: string): Channel | undefined {
    const name = ref.replace(/^#/, "");
    return this.channels.find((c) => c.id === ref || c.name === name);
  }

  /** A unique message timestamp (`1735689600.000123`), increasing within the second. */
  nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, "0")}`;
  }
}
