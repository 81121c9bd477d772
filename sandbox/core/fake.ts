/**
 * Deterministic fake data for seeding the emulators: the same seed gives the same records, so
 * tests that count or compare seeded data are stable from run to run.
 */
const FIRST = ["Olivia", "Liam", "Amelia", "Noah", "Isla", "Oliver", "Ava", "Jack", "Mia", "William", "Grace", "Lucas", "Chloe", "Henry", "Zoe", "Leo", "Ruby", "Ethan", "Sofia", "James"];
const LAST = ["Smith", "Nguyen", "Williams", "Brown", "Patel", "Jones", "Garcia", "Taylor", "Martin", "Wilson", "Anderson", "Thomas", "Kim", "Lee", "Walker", "Hall", "Young", "King", "Wright", "Lopez"];
const COMPANY_A = ["Northwind", "Bluebird", "Harbour", "Summit", "Riverbend", "Cedar", "Ironbark", "Silverline", "Maple", "Granite", "Lighthouse", "Evergreen", "Copperleaf", "Redwood", "Oakridge"];
const COMPANY_B = ["Traders", "Consulting", "Design Co", "Logistics", "Bakery", "Builders", "Studio", "Supplies", "Analytics", "Dental", "Landscaping", "Coffee Roasters", "Legal", "Print Works"];
const PRODUCTS = ["Consulting hour", "Website maintenance", "Annual support plan", "Design workshop", "Onboarding package", "Data migration", "Training session", "Hosting (monthly)", "Audit review", "Custom report", "Software licence", "Installation", "Travel expenses", "Priority support"];
const STREETS = ["High Street", "Queen Street", "Market Lane", "Harbour Road", "Park Avenue", "Station Road", "King Street", "Elm Drive", "Church Street", "Mill Lane"];
const CITIES = ["Auckland", "Wellington", "Sydney", "Melbourne", "London", "Manchester", "Austin", "Denver", "Seattle", "Toronto"];

/** A small seeded PRNG (mulberry32): good enough for fake data, never for secrets. */
export class Fake {
  private state: number;
  constructor(seed: number | string) {
    this.state = typeof seed === "number" ? seed >>> 0 : hash(seed);
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  /** An amount with cents, e.g. 1234.5. */
  money(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) * 100) / 100;
  }
  /** A v4-shaped UUID drawn from the PRNG (stable per seed). */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = "4";
    hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    const s = hex.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
  person() {
    const first = this.pick(FIRST);
    const last = this.pick(LAST);
    return { first, last, name: `${first} ${last}` };
  }
  company(): string {
    return `${this.pick(COMPANY_A)} ${this.pick(COMPANY_B)}`;
  }
  email(first: string, company: string): string {
    return `${first.toLowerCase()}@${company.toLowerCase().replace(/[^a-z]+/g, "")}.example.com`;
  }
  phone(): string {
    return `555-${this.int(1000, 9999)}`;
  }
  product(): string {
    return this.pick(PRODUCTS);
  }
  street(): string {
    return `${this.int(1, 399)} ${this.pick(STREETS)}`;
  }
  city(): string {
    return this.pick(CITIES);
  }
  /** A date `daysBack` days at most before `base`, at a whole second. */
  dateBefore(base: Date, daysBack: number): Date {
    const ms = base.getTime() - this.int(0, daysBack * 86400) * 1000;
    return new Date(Math.floor(ms / 1000) * 1000);
  }
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Fixed "now" for seeded dates, so record dates don't drift between runs of the same seed. */
export const SEED_EPOCH = new Date("2026-01-15T09:30:00Z");
