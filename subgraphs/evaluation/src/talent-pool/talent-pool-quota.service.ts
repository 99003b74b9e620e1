import {
  AuditLog,
  CITY,
  COUNTY_LEVEL_UNITS,
  describeViewer,
  districtOf,
  ForbiddenError,
  InputChecker,
  readableDistricts,
  RequestContext,
  Role,
  StatsDisclosure,
  todayInChina,
  TransactionalConnection,
} from '@tongxin/common';
import { FIRST_YEAR } from '../evaluation/evaluation.validation';
import { registeredPerson } from '../register/person-status.entity';
import { TalentPoolEntryEntity, TalentPoolQuotaEntity } from './talent-pool.entity';
import { PoolEntryStatus, PoolLevel } from './talent-pool.enums';
import { SetTalentPoolQuotaInput } from './talent-pool.inputs';
import { poolDistrict } from './talent-pool.service';
import { PoolCompliance } from './talent-pool.type';

/** The quotas of §7 when none is set for a pool and year: a district pool at least 50, the city pool about 200. */
export const DEFAULT_QUOTAS = {
  DISTRICT: { minimum: 50, maximum: null as number | null },
  CITY: { minimum: 180, maximum: 220 as number | null },
} as const;

/**
 * The size of each pool against its quota (§7): compliance per pool and year, and the quotas city
 * administrators set for a pool and year in place of the defaults.
 */
export class TalentPoolQuotaService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  /**
   * Each pool of a year against its quota: the city pool first, then the 12 districts in code
   * order, counting the entries of registered persons only (the replica `person_status`). An aggregate: city and district administrators and analysts read it (a district
   * administrator every district's: sizes, no persons).
   *
   * Sizes of pools are statistics of persons (docs/SECURITY.md, "Statistics"): exact for city
   * administrators and for a district's administrators on their own pool; for the others (other
   * districts' pools, the city pool, analysts) a number under k is suppressed and the rest rounded
   * to a multiple of k. Shortfall and excess are computed from the exact size and rounded alike
   * (withheld with the size), or they would give it back; `compliant` stays exact.
   */
  async compliance(ctx: RequestContext<unknown>, year: number): Promise<PoolCompliance[]> {
    if (readableDistricts(ctx.viewer) === 'NONE') throw new ForbiddenError(`${describeViewer(ctx.viewer)} cannot read the compliance of the talent pools.`);
    const check = new InputChecker('');
    check.int('year', year, { required: true, min: FIRST_YEAR, max: this.currentYear() + 1 });
    check.throwIfInvalid();
    const counts: Array<{ level: string; districtCode: string; status: string; n: number | string }> = await this.conn
      .repo(ctx, TalentPoolEntryEntity)
      .createQueryBuilder('t')
      .select('t.level', 'level')
      .addSelect('t.districtCode', 'districtCode')
      .addSelect('t.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('t.year = :year', { year })
      .andWhere('t.status IN (:...statuses)', { statuses: [PoolEntryStatus.ACTIVE, PoolEntryStatus.UNDER_REVIEW] })
      // Only registered persons count (DOMAIN.md, "Counting people"): archived and moved-away persons' entries are history.
      .andWhere(registeredPerson('t.person_id'))
      .groupBy('t.level')
      .addGroupBy('t.districtCode')
      .addGroupBy('t.status')
      .getRawMany();
    const quotas = await this.conn.repo(ctx, TalentPoolQuotaEntity).findBy({ year });
    const countOf = (level: string, code: string, status: string) => Number(counts.find((c) => c.level === level && c.districtCode === code && c.status === status)?.n ?? 0);
    const pools: Array<[PoolLevel, string]> = [[PoolLevel.CITY, CITY.code], ...COUNTY_LEVEL_UNITS.map((d): [PoolLevel, string] => [PoolLevel.DISTRICT, d.code])];
    const disclosure = new StatsDisclosure(ctx.viewer);
    return pools.map(([level, code]) => {
      const set = quotas.find((q) => q.level === level && q.districtCode === code);
      const quota = set ?? DEFAULT_QUOTAS[level];
      const count = countOf(level, code, PoolEntryStatus.ACTIVE);
      const c = new PoolCompliance();
      c.level = level;
      c.district = districtOf(code);
      c.year = year;
      c.count = count;
      c.underReview = countOf(level, code, PoolEntryStatus.UNDER_REVIEW);
      c.minimum = quota.minimum;
      c.maximum = quota.maximum;
      const shortfall = Math.max(0, quota.minimum - count);
      const excess = quota.maximum === null ? 0 : Math.max(0, count - quota.maximum);
      c.compliant = shortfall === 0 && excess === 0;
      c.defaultQuota = !set;
      // The pool's entries are held by its district (330300: the city's).
      const size = disclosure.single(count, { districtCode: code });
      const renewed = disclosure.single(c.underReview, { districtCode: code });
      c.count = disclosure.count(count, size);
      c.underReview = disclosure.count(c.underReview, renewed);
      const derived = size === 'ROUNDED' ? (n: number) => (n === 0 ? 0 : Math.max(disclosure.minGroup, disclosure.count(n, size)!)) : (n: number) => disclosure.count(n, size);
      c.shortfall = derived(shortfall);
      c.excess = derived(excess);
      c.suppressed = size === 'SUPPRESSED' || renewed === 'SUPPRESSED';
      return c;
    });
  }

  /** Sets a pool's quota for a year (city administrators only), replacing the default or an earlier one. */
  async setQuota(ctx: RequestContext<unknown>, input: SetTalentPoolQuotaInput): Promise<PoolCompliance> {
    return this.audit.guard(ctx, { action: 'setTalentPoolQuota', entityType: 'TalentPoolQuota', entityId: null }, async () => {
      if (!ctx.viewer.system && ctx.viewer.role !== Role.CITY_ADMIN) throw new ForbiddenError('Only city administrators can set the quotas of the talent pools.');
      const check = new InputChecker('input');
      const year = check.int('year', input.year, { required: true, min: FIRST_YEAR, max: this.currentYear() + 1 });
      const level = check.oneOf('level', input.level, PoolLevel, { required: true });
      const districtCode = poolDistrict(check, level, input.districtCode, true);
      const minimum = check.int('minimum', input.minimum, { required: true, min: 0, max: 10000 });
      const maximum = check.int('maximum', input.maximum, { min: 0, max: 10000 });
      if (Number.isInteger(minimum) && Number.isInteger(maximum) && maximum! < minimum!) check.fail('maximum', `must be at least the minimum ${minimum}`);
      check.throwIfInvalid();
      await this.conn.transaction(ctx, async (tx) => {
        const repo = this.conn.repo(tx, TalentPoolQuotaEntity);
        const key = { year: year!, level: level!, districtCode: districtCode! };
        const current = await repo.findOneBy(key);
        if (current) await repo.update(key, { minimum: minimum!, maximum: maximum ?? null, version: current.version + 1 });
        else await repo.insert({ ...key, minimum: minimum!, maximum: maximum ?? null, version: 1 });
        await this.audit.record(tx, {
          action: 'setTalentPoolQuota',
          entityType: 'TalentPoolQuota',
          entityId: null,
          detail: `${level} ${districtCode} ${year}: ${minimum} to ${maximum ?? 'no maximum'}`,
        });
      });
      return (await this.compliance(ctx, year!)).find((c) => c.level === level && c.district.code === districtCode)!;
    });
  }

  private currentYear(): number {
    return Number(this.today().slice(0, 4));
  }
}
