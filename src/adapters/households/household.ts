import type { CaseRecord, ResidenceStatus, StatusEntry } from '../../contract/types.js';

// Household dossiers (an assistance unit: a client and the relatives supported with
// them) and the contract's one record per person, linked by `person.householdId`.
// System-neutral on purpose: no element names, no code lists, no native ids, so that
// every system keeping households (the Diartis UE of KLIBnet, the UA of KiSS) splits and
// joins them by the same rules.

/**
 * Routes the items of a household list (journal notes, documents) to its members: an
 * item that names no member goes to every member, one that names members goes to those
 * only. A name that is no member's throws what `stranger` makes of it: the caller
 * rejects the whole household, since the item cannot be placed and must not be dropped.
 *
 * `memberKeys[i]` are the ids member `i` answers to (its number, and an external id when
 * the system keeps one). Returns one list per member, items in their native order.
 */
export function routeToMembers<T>(
  items: readonly T[],
  memberKeys: readonly (readonly string[])[],
  refsOf: (item: T) => readonly string[],
  stranger: (itemIndex: number, refIndex: number) => Error,
): T[][] {
  const routed: T[][] = memberKeys.map(() => []);
  items.forEach((entry, itemIndex) => {
    const refs = refsOf(entry);
    if (refs.length === 0) {
      for (const list of routed) list.push(entry);
      return;
    }
    const members = new Set<number>();
    refs.forEach((ref, refIndex) => {
      const member = memberKeys.findIndex((keys) => keys.includes(ref));
      if (member < 0) throw stranger(itemIndex, refIndex);
      members.add(member);
    });
    for (const member of [...members].sort((a, b) => a - b)) routed[member]!.push(entry);
  });
  return routed;
}

/**
 * The records of one delivery as households, in the order their first member appears:
 * records sharing a `householdId` form one, its first record the head (the applicant);
 * a record without `householdId` is a household of its own.
 */
export function groupHouseholds(records: readonly CaseRecord[]): CaseRecord[][] {
  const byId = new Map<string, CaseRecord[]>();
  const groups: CaseRecord[][] = [];
  for (const record of records) {
    // A delivered record may lack the person (identity withheld): a household of its own, which its writer refuses.
    const id = record.person?.householdId;
    const known = id === undefined ? undefined : byId.get(id);
    if (known) {
      known.push(record);
      continue;
    }
    const group = [record];
    groups.push(group);
    if (id !== undefined) byId.set(id, group);
  }
  return groups;
}

/** An entry of a household list and the members (indices) whose records hold it. */
export interface SharedEntry<T> {
  entry: T;
  members: number[];
  /** Held by every member: written once, naming nobody. */
  everyone: boolean;
}

/**
 * The inverse of `routeToMembers`: the members' lists (a journal, documents) merged into
 * the household's one list, each distinct entry once (by value, not only by id: two
 * entries with one id and different content stay two), in the order they first appear.
 */
export function sharedEntries<T>(lists: readonly (readonly T[] | undefined)[]): SharedEntry<T>[] {
  const byKey = new Map<string, SharedEntry<T>>();
  const out: SharedEntry<T>[] = [];
  lists.forEach((list, member) => {
    for (const entry of list ?? []) {
      const key = canonical(entry);
      const known = byKey.get(key);
      if (known) {
        if (!known.members.includes(member)) known.members.push(member);
        continue;
      }
      const shared: SharedEntry<T> = { entry, members: [member], everyone: false };
      byKey.set(key, shared);
      out.push(shared);
    }
  });
  for (const shared of out) shared.everyone = shared.members.length === lists.length;
  return out;
}

/** One entry of the household's list as a format that names one member at most writes it. */
export interface HeldEntry<T> {
  entry: T;
  /** The member the entry is written for (the first holder when everyone holds it). */
  holder: CaseRecord;
  /** False when every member holds it: written once, naming nobody. */
  named: boolean;
}

/**
 * `sharedEntries` for formats whose entries name one member at most (KiSS, KLIBnet): an
 * entry held by some members is written once per holder, one held by everyone once.
 */
export function entriesPerHolder<T>(members: readonly CaseRecord[], listOf: (member: CaseRecord) => readonly T[] | undefined): HeldEntry<T>[] {
  return sharedEntries(members.map(listOf)).flatMap(({ entry, members: holders, everyone }): HeldEntry<T>[] =>
    everyone ? [{ entry, holder: members[holders[0]!]!, named: false }] : holders.map((h) => ({ entry, holder: members[h]!, named: true })),
  );
}

/** The person's current status: the entry without `to`, else the latest. */
export function currentStatus(record: CaseRecord): StatusEntry {
  const history = record.residence.statusHistory;
  return history.find((s) => s.to === undefined) ?? history.at(-1)!;
}

/**
 * Which of the three social-assistance domains a household belongs in, by its head's
 * current status: asylum (N, F, S and anything else), refugees (F-refugee, B-refugee),
 * regular economic assistance (B, C, L). KLIBnet keeps a database per domain, KiSS a
 * `domaine` per UA; both decide by the same statuses.
 */
export type HouseholdDomain = 'asylum' | 'refugee' | 'regular';

const DOMAIN: Readonly<Record<ResidenceStatus, HouseholdDomain>> = {
  N: 'asylum',
  F: 'asylum',
  S: 'asylum',
  other: 'asylum',
  'F-refugee': 'refugee',
  'B-refugee': 'refugee',
  B: 'regular',
  C: 'regular',
  L: 'regular',
};

export function domainOf(head: CaseRecord): HouseholdDomain {
  return DOMAIN[currentStatus(head).status];
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
