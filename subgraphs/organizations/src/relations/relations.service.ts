import {
  AuditLog,
  chunksOf,
  CITY,
  COUNTY_LEVEL_UNITS,
  describeViewer,
  ForbiddenError,
  InputChecker,
  isId,
  isCountyLevelCode,
  keysetPage,
  Page,
  pageRequest,
  RequestContext,
  Role,
  StatsDisclosure,
  TransactionalConnection,
} from '@tongxin/common';
import { In } from 'typeorm';
import { MembershipEntity } from '../membership/membership.entity';
import { membershipReadRefusal } from '../membership/membership.service';
import { MemberDistrictEntity } from './member-district.entity';

/** The statuses of the register (the persons subgraph's PersonStatus): only ACTIVE persons count. */
export const PERSON_STATUSES = ['ACTIVE', 'MOVED_AWAY', 'ARCHIVED'] as const;

/** One change of a person's district and status, as the persons subgraph publishes it. */
export interface PersonDistrictChange {
  readonly personId: string;
  /** Null when the person left the register (archived): their memberships count in no district. */
  readonly districtCode: string | null;
  /** ACTIVE, MOVED_AWAY or ARCHIVED; absent in events published before statuses were (then ARCHIVED when the district is null, else ACTIVE). */
  readonly status?: string | null;
  readonly version: number;
}

/** A change as applied: its status known. */
interface AppliedChange {
  readonly personId: string;
  readonly districtCode: string | null;
  readonly status: string;
  readonly version: number;
}

/** One cell of the matrix: persons registered in one district with memberships in organizations of another. */
export interface CrossDistrictCount {
  /** Null for memberships of persons the replica does not know (not, or not yet, published). */
  readonly personDistrict: string | null;
  readonly organizationDistrict: string;
  /** Null when suppressed (see StatsDisclosure). */
  readonly persons: number | null;
  readonly memberships: number | null;
  readonly suppressed: boolean;
}

/** The most changes one delivery may carry. */
const MAX_CHANGES_PER_DELIVERY = 1000;

/**
 * The cross-district relations (docs/CROSS-DISTRICT.md): who, registered in one district, belongs
 * to organizations of another. The person's district comes from the replica `member_district`,
 * which the persons subgraph keeps current through `applyPersonDistricts`, and is copied onto
 * each membership (`person_district_code`) so that both questions are read from one index.
 *
 * Roles: city administrators and analysts all; a district administrator the cells in which their
 * district is one side (counts of the people of their district elsewhere, and of the people of
 * elsewhere in their organizations), and the lists of memberships of their district's
 * organizations only (the rule of membership(id), `membershipReadRefusal`); others none.
 */
export class RelationsService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Applies published changes of districts and statuses: a row is written only when its version is
   * newer than the stored one, so a repeated or late delivery changes nothing. Only the persons subgraph's service
   * identity (or the system) may call it. Returns how many rows changed.
   */
  applyPersonDistricts(ctx: RequestContext<unknown>, changes: readonly PersonDistrictChange[]): Promise<number> {
    return this.audit.guard(ctx, { action: 'applyPersonDistricts', entityType: 'Person', detail: `${changes.length} changes` }, async () => {
      if (!ctx.viewer.system && ctx.viewer.service !== 'persons') {
        throw new ForbiddenError('Only the persons subgraph publishes where persons are registered.');
      }
      const check = new InputChecker('');
      if (changes.length > MAX_CHANGES_PER_DELIVERY) check.fail('changes', `at most ${MAX_CHANGES_PER_DELIVERY} changes per delivery, not ${changes.length}`);
      changes.forEach((c, i) => {
        if (!isId(c.personId)) check.fail(`changes[${i}].personId`, 'is not an id');
        if (c.districtCode !== null && !isCountyLevelCode(c.districtCode)) check.fail(`changes[${i}].districtCode`, 'is not one of the 12 districts (or null for a person no longer in the register)');
        if (!Number.isInteger(c.version) || c.version < 1) check.fail(`changes[${i}].version`, 'must be a whole number from 1');
        if (c.status != null && !(PERSON_STATUSES as readonly string[]).includes(c.status)) check.fail(`changes[${i}].status`, `is not one of ${PERSON_STATUSES.join(', ')}`);
        else if (c.status === 'ACTIVE' && c.districtCode === null) check.fail(`changes[${i}].districtCode`, 'is required for a registered (ACTIVE) person');
      });
      check.throwIfInvalid();
      // The newest change of each person in this delivery.
      const newest = new Map<string, AppliedChange>();
      for (const c of changes) {
        const id = c.personId.toLowerCase();
        const seen = newest.get(id);
        const status = c.status ?? (c.districtCode === null ? 'ARCHIVED' : 'ACTIVE');
        if (!seen || c.version > seen.version) newest.set(id, { personId: id, districtCode: c.districtCode, status, version: c.version });
      }
      if (newest.size === 0) return 0;
      return this.conn.transaction(ctx, async (tx) => {
        const repo = this.conn.repo(tx, MemberDistrictEntity);
        const stored = new Map((await repo.findBy({ personId: In([...newest.keys()]) })).map((r) => [r.personId, r]));
        const fresh: MemberDistrictEntity[] = [];
        const changed: AppliedChange[] = [];
        for (const c of newest.values()) {
          const row = stored.get(c.personId);
          if (!row) fresh.push(Object.assign(new MemberDistrictEntity(), { personId: c.personId, districtCode: c.districtCode, status: c.status, personVersion: c.version }));
          // Only a newer version applies; the same version only to a row stored before statuses
          // were published (status null), which the republication of every person fills in.
          else if (c.version > row.personVersion || (c.version === row.personVersion && row.status === null)) changed.push(c);
        }
        await this.conn.insertChunked(tx, MemberDistrictEntity, fresh);
        for (const c of changed) {
          await repo
            .createQueryBuilder()
            .update(MemberDistrictEntity)
            .set({ districtCode: c.districtCode, status: c.status, personVersion: c.version })
            .where('person_id = :id AND (person_version < :version OR (person_version = :version AND status IS NULL))', { id: c.personId, version: c.version })
            .execute();
        }
        // Their memberships carry the district and status too (the questions read them from an
        // index; a person who is not registered counts in no district): one UPDATE per
        // (district, status) and chunk of persons.
        const groups = new Map<string, { districtCode: string | null; status: string; personIds: string[] }>();
        for (const c of [...fresh.map((f) => ({ personId: f.personId, districtCode: f.districtCode, status: f.status! })), ...changed]) {
          const districtCode = c.status === 'ACTIVE' ? c.districtCode : null;
          const key = `${districtCode}/${c.status}`;
          const group = groups.get(key);
          if (group) group.personIds.push(c.personId);
          else groups.set(key, { districtCode, status: c.status, personIds: [c.personId] });
        }
        for (const { districtCode, status, personIds } of groups.values()) {
          for (const chunk of chunksOf(personIds)) {
            await this.conn
              .repo(tx, MembershipEntity)
              .createQueryBuilder()
              .update(MembershipEntity)
              .set({ personDistrictCode: districtCode, personStatus: status })
              .where('person_id IN (:...ids)', { ids: chunk })
              .execute();
          }
        }
        await this.audit.record(tx, { action: 'applyPersonDistricts', entityType: 'Person', detail: `${fresh.length + changed.length} of ${changes.length} changes applied` });
        return fresh.length + changed.length;
      });
    });
  }

  /**
   * The whole matrix in one statement: for each (person's district, organization's district),
   * persons and memberships. Rows are the 12 county-level units (where persons are registered),
   * columns those and 温州市 (city-level organizations): 12 × 13 cells, the diagonal included,
   * in the order of the two codes. A membership is filed under the district its person is
   * registered in now, ended ones too (`activeOnly` false): the replica keeps no history of moves.
   * Cells without memberships are left out, or, `zeroFilled`, answered as zeros under the same
   * disclosure control as any group (a zero is a group below k: suppressed for the roles that do
   * not see the cell exactly). A district administrator gets the row and column of their district.
   */
  async matrix(ctx: RequestContext<unknown>, activeOnly: boolean, zeroFilled = false): Promise<CrossDistrictCount[]> {
    const own = this.districtOfViewer(ctx);
    // Served by idx_membership_matrix (end_date, person_district_code, district_code, person_id): an index-only scan.
    const qb = this.conn
      .repo(ctx, MembershipEntity)
      .createQueryBuilder('m')
      .select('m.person_district_code', 'personDistrict')
      .addSelect('m.district_code', 'organizationDistrict')
      .addSelect('COUNT(DISTINCT m.person_id)', 'persons')
      .addSelect('COUNT(*)', 'memberships')
      .groupBy('m.person_district_code')
      .addGroupBy('m.district_code');
    // Persons not registered (archived, moved away), or not known here yet, count in no district.
    qb.where('m.person_district_code IS NOT NULL');
    if (activeOnly) qb.andWhere('m.end_date IS NULL');
    if (own) qb.andWhere('(m.person_district_code = :own OR m.district_code = :own)', { own });
    const rows = await qb.getRawMany<{ personDistrict: string | null; organizationDistrict: string; persons: string | number; memberships: string | number }>();
    // Statistics of persons (docs/SECURITY.md, "Statistics"): a cell counts memberships held by the
    // organizations' district, so a district administrator sees the cells of their own
    // organizations exactly (they list those memberships anyway) and the others, like analysts,
    // under disclosure control.
    const disclosure = new StatsDisclosure(ctx.viewer);
    const how = disclosure.groups(
      rows,
      (r) => Number(r.persons),
      (r) => ({ districtCode: r.organizationDistrict }),
    );
    const cells: CrossDistrictCount[] = rows.map((r, i) => ({
      personDistrict: r.personDistrict,
      organizationDistrict: r.organizationDistrict,
      persons: disclosure.count(Number(r.persons), how[i]!),
      memberships: disclosure.count(Number(r.memberships), how[i]!),
      suppressed: how[i] === 'SUPPRESSED',
    }));
    if (zeroFilled) {
      // The empty cells the viewer may see, decided alone so that the shown cells are exactly those
      // of the answer without them: a zero is exact where the cell is the viewer's own, else suppressed.
      const present = new Set(rows.map((r) => `${r.personDistrict}>${r.organizationDistrict}`));
      for (const from of COUNTY_LEVEL_UNITS) {
        for (const to of [CITY, ...COUNTY_LEVEL_UNITS]) {
          if (present.has(`${from.code}>${to.code}`) || (own && from.code !== own && to.code !== own)) continue;
          const zero = disclosure.single(0, { districtCode: to.code });
          cells.push({ personDistrict: from.code, organizationDistrict: to.code, persons: disclosure.count(0, zero), memberships: disclosure.count(0, zero), suppressed: zero === 'SUPPRESSED' });
        }
      }
    }
    return cells.sort((a, b) => (a.personDistrict ?? '').localeCompare(b.personDistrict ?? '') || a.organizationDistrict.localeCompare(b.organizationDistrict));
  }

  /** The running memberships of persons registered in one district in organizations of another, in creation order. */
  members(ctx: RequestContext<unknown>, personDistrict: string, organizationDistrict: string, args: { first?: number | null; after?: string | null }): Promise<Page<MembershipEntity>> {
    const page = pageRequest(args);
    const check = new InputChecker('');
    if (!isCountyLevelCode(personDistrict)) check.fail('personDistrictCode', 'is not one of the 12 districts');
    check.district('organizationDistrictCode', organizationDistrict, { required: true });
    check.throwIfInvalid();
    const own = this.districtOfViewer(ctx);
    if (own && own !== personDistrict && own !== organizationDistrict) {
      throw new ForbiddenError(`${describeViewer(ctx.viewer)} can read the relations of their own district only.`);
    }
    // The rows are memberships of organizations of `organizationDistrict`: the read rule of
    // membership(id) for such a membership decides the whole list, so the list never holds a row
    // that membership(id) refuses (a district administrator reads the memberships of their own
    // district's organizations; the people of their district elsewhere are counted in the matrix).
    const refusal = membershipReadRefusal(ctx.viewer, { districtCode: organizationDistrict });
    if (refusal) throw refusal;
    // Served by idx_membership_relation (person_district_code, district_code, end_date, id).
    const qb = this.conn
      .repo(ctx, MembershipEntity)
      .createQueryBuilder('m')
      .where('m.personDistrictCode = :personDistrict', { personDistrict })
      .andWhere('m.districtCode = :organizationDistrict', { organizationDistrict })
      .andWhere('m.endDate IS NULL');
    return keysetPage(qb, [{ expr: 'm.id', valueOf: (m) => m.id }], page);
  }

  /** Null for roles that read every cell; a district administrator's district; refuses the rest. */
  private districtOfViewer(ctx: RequestContext<unknown>): string | null {
    const v = ctx.viewer;
    if (v.system || v.role === Role.CITY_ADMIN || v.role === Role.ANALYST) return null;
    if (v.role === Role.DISTRICT_ADMIN && v.districtCode) return v.districtCode;
    throw new ForbiddenError(`${describeViewer(v)} cannot read the cross-district relations.`);
  }
}
