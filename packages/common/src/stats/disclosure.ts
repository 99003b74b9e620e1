import { envInt, Env } from '../config';
import { Role, Viewer } from '../context';

/**
 * Statistics that cannot single out a person (issue 14 §3; docs/SECURITY.md, "Statistics").
 *
 * Every statistic about persons (the register, members, participations, talent pools, the
 * cross-district matrix) goes through here before it is answered. A viewer either sees a group
 * exactly (the records it counts are theirs to read: see `exemptFromDisclosureControl`) or the
 * group is disclosure-controlled:
 *
 * 1. **Threshold.** A group of fewer than k persons (`TONGXIN_STATS_MIN_GROUP`, default 5),
 *    zero included, is suppressed: its numbers are null and it says `suppressed: true`. Zero is
 *    suppressed too, or asking for "community + profession + affiliation X" would tell 0 from 1.
 * 2. **Complementary suppression.** Within one answer, when the groups suppressed hold fewer than
 *    k persons together (one small group beside shown ones, say), the next smallest groups are
 *    suppressed as well until they hold at least k: the total minus the shown groups then never
 *    gives a small group back. When the whole answer holds fewer than k, all of it is suppressed.
 * 3. **Rounding.** Every number shown is rounded to the nearest multiple of k (halves up; a shown
 *    group has at least k, so it never rounds to 0). A rule inside one answer cannot see the
 *    other requests, so this is what defeats stacked filters: "total of the community" minus
 *    "total of the community with every profession but X" is a difference of two multiples of k,
 *    and one person moves it only when the true count sits on a rounding boundary.
 *
 * Limits: rounding bounds what a difference reveals, it does not make every difference useless.
 * A caller who tries many pairs of filters that differ by one person sees the rounded values
 * differ for about one pair in k, and then knows that person is counted (a "tracker": no rule on
 * single answers of arbitrary filters prevents it entirely). Rows may not add up to the rounded
 * total. Roles that may read the records one by one (analysts read every record of the register)
 * learn nothing from the statistics that their lists do not tell them.
 */

export const STATS_MIN_GROUP_VARIABLE = 'TONGXIN_STATS_MIN_GROUP';
export const DEFAULT_STATS_MIN_GROUP = 5;

let cached: { raw: string | undefined; k: number } | undefined;

/**
 * k, the smallest group shown to the roles under disclosure control: `TONGXIN_STATS_MIN_GROUP`,
 * a whole number from 2 to 1000 (default 5; 1 would turn the protection off, so it is refused).
 * Read when a statistic is answered, and checked when a subgraph starts (a bad value is a
 * ConfigError that stops it).
 */
export function statsMinGroup(env: Env = process.env): number {
  const raw = env[STATS_MIN_GROUP_VARIABLE];
  if (cached === undefined || cached.raw !== raw) cached = { raw, k: envInt(env, STATS_MIN_GROUP_VARIABLE, DEFAULT_STATS_MIN_GROUP, 2, 1000) };
  return cached.k;
}

/**
 * Whose records a group of a statistic counts. Leave a field out (or null) when the group's
 * records are not all of one district, organization or person: such a group is nobody's own.
 */
export interface StatGroupHolder {
  /** The one district that holds every record counted (the person's, the organization's, the activity's district). */
  readonly districtCode?: string | null;
  /** The one organization that holds every record counted (its memberships, the activities it organizes). */
  readonly organizationId?: string | null;
  /** The one person every record counted is about. */
  readonly personId?: string | null;
}

/**
 * Does the viewer see this group exactly? City administrators (and the system) every group; a
 * district administrator the groups entirely within their own district (every record counted
 * held by that district: a group that spans districts, the city's or another's is not); an
 * association administrator the groups entirely within their own organization (its members, the
 * activities it organizes), which it may read row by row anyway; a person their own. Analysts
 * never: they read statistics, not individuals.
 */
export function exemptFromDisclosureControl(viewer: Viewer, holder: StatGroupHolder): boolean {
  if (viewer.system || viewer.role === Role.CITY_ADMIN) return true;
  switch (viewer.role) {
    case Role.DISTRICT_ADMIN:
      return viewer.districtCode != null && holder.districtCode === viewer.districtCode;
    case Role.ASSOCIATION_ADMIN:
      return viewer.organizationId != null && holder.organizationId === viewer.organizationId;
    case Role.PERSON:
      return viewer.personId != null && holder.personId === viewer.personId;
    default:
      return false;
  }
}

/** How one group is shown: exactly, rounded, or not at all. */
export type Disclosure = 'EXACT' | 'ROUNDED' | 'SUPPRESSED';

/** A count as answered: null and `suppressed` when withheld. */
export interface DisclosedCount {
  readonly count: number | null;
  readonly suppressed: boolean;
}

/**
 * The disclosure control of one request's statistics, for its viewer and the configured k.
 * Services decide per group (`groups`, `single`) and show each number through `count`/`amount`.
 */
export class StatsDisclosure {
  constructor(
    readonly viewer: Viewer,
    /** k: the smallest group shown to those under disclosure control, and the rounding base. */
    readonly minGroup: number = statsMinGroup(),
  ) {}

  exempt(holder: StatGroupHolder): boolean {
    return exemptFromDisclosureControl(this.viewer, holder);
  }

  /**
   * One count on its own (a total, a per-entity count such as `memberCount`): exact when exempt,
   * suppressed under k, rounded otherwise.
   */
  single(size: number, holder: StatGroupHolder): Disclosure {
    if (this.exempt(holder)) return 'EXACT';
    return size < this.minGroup ? 'SUPPRESSED' : 'ROUNDED';
  }

  /**
   * The groups of one answer (they partition what the answer counts, as the rows of a GROUP BY
   * do): each one's disclosure, in their order. `size` is the number of persons a group counts.
   * Exempt groups are exact; the others are suppressed under k, then complemented until the
   * suppressed ones hold at least k persons together (or all are), and the rest are rounded.
   */
  groups<T>(groups: readonly T[], size: (g: T) => number, holder: (g: T) => StatGroupHolder): Disclosure[] {
    const result: Disclosure[] = groups.map((g) => (this.exempt(holder(g)) ? 'EXACT' : 'ROUNDED'));
    const open = groups.map((g, i) => ({ i, n: size(g) })).filter(({ i }) => result[i] !== 'EXACT');
    const total = open.reduce((s, g) => s + g.n, 0);
    if (total < this.minGroup) {
      for (const { i } of open) result[i] = 'SUPPRESSED';
      return result;
    }
    let mass = 0;
    const shown: Array<{ i: number; n: number }> = [];
    for (const g of open) {
      if (g.n < this.minGroup) {
        result[g.i] = 'SUPPRESSED';
        mass += g.n;
      } else shown.push(g);
    }
    // Complementary suppression: the smallest shown groups join the suppressed until those hold k.
    shown.sort((a, b) => a.n - b.n || a.i - b.i);
    while (mass > 0 && mass < this.minGroup && shown.length > 0) {
      const next = shown.shift()!;
      result[next.i] = 'SUPPRESSED';
      mass += next.n;
    }
    return result;
  }

  /** A count as shown under a disclosure: exact, rounded to a multiple of k, or null. */
  count(n: number, how: Disclosure): number | null {
    if (how === 'EXACT') return n;
    if (how === 'SUPPRESSED') return null;
    return Math.floor(n / this.minGroup + 0.5) * this.minGroup;
  }

  /** A count with its flag, as the GraphQL types carry it. */
  disclosed(n: number, how: Disclosure): DisclosedCount {
    return { count: this.count(n, how), suppressed: how === 'SUPPRESSED' };
  }

  /**
   * A sum that is not a count of persons (hours): to one decimal when exact, to a multiple of k
   * when rounded (one person's hours must not be read off a difference either), null when suppressed.
   */
  amount(x: number, how: Disclosure): number | null {
    if (how === 'EXACT') return Math.round(x * 10) / 10;
    if (how === 'SUPPRESSED') return null;
    return Math.round(x / this.minGroup) * this.minGroup;
  }
}
