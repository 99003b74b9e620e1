import { assertCanReadAggregates, districtOf, InputChecker, RequestContext, StatGroupHolder, StatsDisclosure, TransactionalConnection } from '@tongxin/common';
import { countedMember, MembershipEntity } from '../membership/membership.entity';
import { MembershipRole } from '../membership/membership.enums';
import { OrganizationKind, OrganizationLevel } from '../organization/organization.enums';
import { OrganizationFilter } from '../organization/organization.inputs';
import type { OrganizationService } from '../organization/organization.service';
import { MEMBERSHIP_TALLY, RUNNING_END_YEAR } from './member-tally';
import { OrganizationStatsDimension } from './stats.enums';
import { MemberStats, OrganizationStatsRow, RoleCount, YearCount } from './stats.type';

const COLUMN: Readonly<Record<OrganizationStatsDimension, string>> = {
  [OrganizationStatsDimension.DISTRICT]: 'o.district_code',
  [OrganizationStatsDimension.KIND]: 'o.kind',
  [OrganizationStatsDimension.LEVEL]: 'o.level',
};

/** One group of an organization's memberships, as `memberStatRows` reads them. */
export interface MemberStatRow {
  organizationId: string;
  role: string;
  startYear: string;
  endYear: string | null;
  /** 1 when the row began with joining, 0 when with a change of role. */
  joined: number;
  /** 1 when the row ended (if it did) with leaving, 0 when with a change of role. */
  leaving: number;
  count: number;
}

const ROLE_ORDER = Object.values(MembershipRole);

/**
 * Counts for dashboards (docs/SECURITY.md: aggregates, every role but a person). Each is one
 * statement: organizationStats a GROUP BY of the organizations of a whole filter, memberStats
 * a read of the membership tally (src/stats/member-tally.ts) for every organization of a response
 * at once (through the `memberStatRows` loader).
 *
 * Counts of members (memberStats, memberCount) count the memberships of registered persons only
 * (DOMAIN.md, "Counting people": archived and moved-away persons are history, listed by
 * `members(activeOnly: false)`, not counted). They are statistics of persons: those who may read the
 * organization's memberships row by row (city administrators, the district administrators of its
 * district, its own association administrator) see them exactly; the other roles see them under
 * disclosure control (`StatsDisclosure`: groups under k suppressed with their complement, the
 * rest rounded to a multiple of k). organizationStats counts organizations, not persons: their
 * profiles are every role's to list (`organizations` with the same filter and its totalCount), so
 * it is not disclosure-controlled.
 */
export class StatsService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly organizations: OrganizationService,
  ) {}

  async organizationStats(ctx: RequestContext<unknown>, groupBy: readonly OrganizationStatsDimension[], filter: OrganizationFilter | null | undefined): Promise<OrganizationStatsRow[]> {
    assertCanReadAggregates(ctx.viewer);
    const check = new InputChecker('');
    const dims: OrganizationStatsDimension[] = [];
    groupBy.forEach((d, i) => {
      if (dims.includes(d)) check.fail(`groupBy[${i}]`, `names ${d} a second time`);
      else dims.push(d);
    });
    check.throwIfInvalid();
    const qb = this.organizations.filtered(ctx, filter).select('COUNT(*)', 'count');
    dims.forEach((d, i) => {
      qb.addSelect(COLUMN[d], `g${i}`).addGroupBy(COLUMN[d]).addOrderBy(COLUMN[d], 'ASC');
    });
    const rows: Array<Record<string, string | number>> = await qb.getRawMany();
    return rows.map((r) => {
      const row = new OrganizationStatsRow();
      const value = (d: OrganizationStatsDimension) => (dims.includes(d) ? String(r[`g${dims.indexOf(d)}`]) : null);
      const district = value(OrganizationStatsDimension.DISTRICT);
      row.district = district ? districtOf(district) : null;
      row.kind = value(OrganizationStatsDimension.KIND) as OrganizationKind | null;
      row.level = value(OrganizationStatsDimension.LEVEL) as OrganizationLevel | null;
      row.count = Number(r.count);
      return row;
    });
  }

  /** Refuses memberStats to a person; every other role reads the counts of any organization. */
  assertCanReadMemberStats(ctx: RequestContext<unknown>): void {
    assertCanReadAggregates(ctx.viewer);
  }

  /** An organization's MemberStats from its rows of `memberStatRows`, as the viewer may see them. */
  memberStats(ctx: RequestContext<unknown>, organization: MemberCountHolder, rows: readonly MemberStatRow[]): MemberStats {
    return toMemberStats(rows, new StatsDisclosure(ctx.viewer), holderOf(organization));
  }

  /**
   * `Organization.memberCount` as the viewer may see it: exact for those who read the
   * organization's memberships (its own association administrator included: its own data),
   * otherwise null under k and rounded to a multiple of k.
   */
  memberCount(ctx: RequestContext<unknown>, organization: MemberCountHolder, count: number): number | null {
    const disclosure = new StatsDisclosure(ctx.viewer);
    return disclosure.count(count, disclosure.single(count, holderOf(organization)));
  }

  /**
   * The memberships of registered persons of many organizations grouped by role, start and end
   * year, and how they began and ended: one statement over the tally kept by triggers
   * (src/stats/member-tally.ts), whose rows are exactly these groups. Every memberStats request
   * takes this path (the tally holds every dimension it groups by).
   */
  async memberStatRows(ctx: RequestContext<unknown>, organizationIds: readonly string[]): Promise<MemberStatRow[]> {
    const rows: Array<Record<string, string | number>> = await this.conn
      .manager(ctx)
      .createQueryBuilder()
      .select('t.organization_id', 'organizationId')
      .addSelect('t.role', 'role')
      .addSelect('t.start_year', 'startYear')
      .addSelect('t.end_year', 'endYear')
      .addSelect('t.joined', 'joined')
      .addSelect('t.leaving', 'leaving')
      .addSelect('t.n', 'count')
      .from(MEMBERSHIP_TALLY, 't')
      .where('t.organization_id IN (:...ids)', { ids: [...organizationIds] })
      // Groups whose memberships all went (or stopped counting) stay as zero rows.
      .andWhere('t.n > 0')
      .getRawMany();
    return rows.map((r) => ({
      organizationId: String(r.organizationId),
      role: String(r.role),
      startYear: String(r.startYear),
      endYear: Number(r.endYear) === RUNNING_END_YEAR ? null : String(r.endYear),
      joined: Number(r.joined),
      leaving: Number(r.leaving),
      count: Number(r.count),
    }));
  }

  /**
   * The same rows as `memberStatRows` grouped from the membership table itself: the statement
   * memberStats ran before the tally, kept as what the tally is checked against (tests) and as
   * the way to the numbers should the tally be in doubt. No request takes it.
   */
  async memberStatRowsFromMemberships(ctx: RequestContext<unknown>, organizationIds: readonly string[]): Promise<MemberStatRow[]> {
    const startYear = 'SUBSTR(m.start_date, 1, 4)';
    const endYear = 'SUBSTR(m.end_date, 1, 4)';
    const joined = 'CASE WHEN m.previous_id IS NULL THEN 1 ELSE 0 END';
    const leaving = 'CASE WHEN m.next_id IS NULL THEN 1 ELSE 0 END';
    const rows: Array<Record<string, string | number | null>> = await this.conn
      .repo(ctx, MembershipEntity)
      .createQueryBuilder('m')
      .select('m.organization_id', 'organizationId')
      .addSelect('m.role', 'role')
      .addSelect(startYear, 'startYear')
      .addSelect(endYear, 'endYear')
      .addSelect(joined, 'joined')
      .addSelect(leaving, 'leaving')
      .addSelect('COUNT(*)', 'count')
      .where('m.organization_id IN (:...ids)', { ids: [...organizationIds] })
      // Counts of persons count registered persons (DOMAIN.md, "Counting people").
      .andWhere(countedMember('m'))
      .groupBy('m.organization_id')
      .addGroupBy('m.role')
      .addGroupBy(startYear)
      .addGroupBy(endYear)
      .addGroupBy(joined)
      .addGroupBy(leaving)
      .getRawMany();
    return rows.map((r) => ({
      organizationId: String(r.organizationId),
      role: String(r.role),
      startYear: String(r.startYear),
      endYear: r.endYear === null ? null : String(r.endYear),
      joined: Number(r.joined),
      leaving: Number(r.leaving),
      count: Number(r.count),
    }));
  }
}

/** What decides who sees an organization's member counts exactly. */
export interface MemberCountHolder {
  readonly id: string;
  readonly districtCode: string;
}

/** The memberships of an organization are held by it and by its district. */
function holderOf(organization: MemberCountHolder): StatGroupHolder {
  return { districtCode: organization.districtCode, organizationId: organization.id };
}

/**
 * An organization's MemberStats from its rows of `memberStatRows`, disclosed as `disclosure`
 * says for the organization: each total on its own, each list (by role, per year) as the groups
 * of one answer.
 */
export function toMemberStats(rows: readonly MemberStatRow[], disclosure: StatsDisclosure, holder: StatGroupHolder): MemberStats {
  const stats = new MemberStats();
  const byRole = new Map<string, number>();
  const joined = new Map<number, number>();
  const left = new Map<number, number>();
  const add = <K>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  let running = 0;
  let leftCount = 0;
  let roleChanges = 0;
  for (const r of rows) {
    if (r.endYear === null) {
      running += r.count;
      add(byRole, r.role, r.count);
    } else if (r.leaving) {
      leftCount += r.count;
      add(left, Number(r.endYear), r.count);
    } else roleChanges += r.count;
    if (r.joined) add(joined, Number(r.startYear), r.count);
  }
  let suppressed = false;
  const total = (n: number): number | null => {
    const how = disclosure.single(n, holder);
    suppressed ||= how === 'SUPPRESSED';
    return disclosure.count(n, how);
  };
  /** One list as the groups of one answer: a suppressed entry keeps its key (a role, a year), not its count. */
  const cells = <K, C>(entries: ReadonlyArray<[K, number]>, make: (key: K, count: number | null, suppressed: boolean) => C): C[] => {
    const how = disclosure.groups(
      entries,
      ([, n]) => n,
      () => holder,
    );
    suppressed ||= how.includes('SUPPRESSED');
    return entries.map(([key, n], i) => make(key, disclosure.count(n, how[i]!), how[i] === 'SUPPRESSED'));
  };
  stats.running = total(running);
  stats.left = total(leftCount);
  stats.roleChanges = total(roleChanges);
  stats.byRole = cells(
    ROLE_ORDER.filter((role) => byRole.has(role)).map((role): [MembershipRole, number] => [role, byRole.get(role)!]),
    (role, count, suppressed) => Object.assign(new RoleCount(), { role, count, suppressed }),
  );
  const years = (map: Map<number, number>) =>
    cells(
      [...map.entries()].sort(([a], [b]) => a - b),
      (year, count, suppressed) => Object.assign(new YearCount(), { year, count, suppressed }),
    );
  stats.joinedPerYear = years(joined);
  stats.leftPerYear = years(left);
  stats.suppressed = suppressed;
  return stats;
}
