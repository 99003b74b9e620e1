import { AuditLog, describeViewer, ForbiddenError, InputChecker, readableDistricts, RequestContext, Role, StaleVersionError, todayInChina, TransactionalConnection } from '@tongxin/common';
import { FIRST_YEAR } from '../evaluation/evaluation.validation';
import { ScorecardExpectationEntity } from './scorecard-expectation.entity';
import { ScorecardExpectations, SetScorecardExpectationsInput } from './scorecard-expectation.type';

/**
 * The expectations of a year when the city has set none. Only the pool has a figure in the policy
 * (§7: a district pool of at least 50, judged by poolCompliant against talentPoolCompliance's quota);
 * the policy sets no yearly number of new registrations, so the default asks for at least one (some
 * registration work in the year) and the department sets its own figure. At least one activity a
 * month and 90% of replies on time are what the console judged by before these were stored.
 */
export const DEFAULT_SCORECARD_EXPECTATIONS = {
  registrations: 1,
  activitiesPerMonth: 1,
  onTimeRate: 0.9,
  poolCompliant: true,
} as const;

const ACTION = { action: 'setScorecardExpectations', entityType: 'ScorecardExpectations', entityId: null } as const;

/** The city's expectations of every district per year (区县考核, §16): read by every role that reads aggregates, set by city administrators. */
export class ScorecardExpectationService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  /** The year's expectations, or the defaults (`defaults: true`) when none are set. Not statistics: the same for every reader. */
  async get(ctx: RequestContext<unknown>, year: number): Promise<ScorecardExpectations> {
    if (readableDistricts(ctx.viewer) === 'NONE') throw new ForbiddenError(`${describeViewer(ctx.viewer)} cannot read the scorecard expectations.`);
    const check = new InputChecker('');
    check.int('year', year, { required: true, min: FIRST_YEAR, max: this.currentYear() + 1 });
    check.throwIfInvalid();
    const row = await this.conn.repo(ctx, ScorecardExpectationEntity).findOneBy({ year });
    return toExpectations(year, row);
  }

  /** Sets a year's expectations (city administrators only), replacing the defaults or an earlier setting; audited. */
  async set(ctx: RequestContext<unknown>, input: SetScorecardExpectationsInput): Promise<ScorecardExpectations> {
    return this.audit.guard(ctx, ACTION, async () => {
      if (!ctx.viewer.system && ctx.viewer.role !== Role.CITY_ADMIN) throw new ForbiddenError('Only city administrators can set the scorecard expectations.');
      const check = new InputChecker('input');
      const year = check.int('year', input.year, { required: true, min: FIRST_YEAR, max: this.currentYear() + 1 });
      const registrations = check.int('registrations', input.registrations, { required: true, min: 0, max: 100000 });
      const activitiesPerMonth = check.number('activitiesPerMonth', input.activitiesPerMonth, { required: true, min: 0, max: 100, decimals: 2 });
      const onTimeRate = check.number('onTimeRate', input.onTimeRate, { required: true, min: 0, max: 1, decimals: 4 });
      if (input.poolCompliant === undefined || input.poolCompliant === null) check.fail('poolCompliant', 'is required');
      const expectedVersion = check.int('expectedVersion', input.expectedVersion, { min: 0 });
      check.throwIfInvalid();
      const set = {
        registrations: registrations!,
        activitiesPerMonth: activitiesPerMonth!,
        onTimeRate: onTimeRate!,
        poolCompliant: input.poolCompliant!,
        updatedBy: ctx.viewer.subject,
        updatedAt: new Date(),
      };
      await this.conn.transaction(ctx, async (tx) => {
        const repo = this.conn.repo(tx, ScorecardExpectationEntity);
        const current = await repo.findOneBy({ year: year! });
        const version = current?.version ?? 0;
        if (expectedVersion !== undefined && expectedVersion !== version) throw new StaleVersionError(`The scorecard expectations of ${year}`, version, expectedVersion);
        if (current) {
          const result = await repo
            .createQueryBuilder()
            .update(ScorecardExpectationEntity)
            .set({ ...set, version: version + 1 })
            .where('year = :year AND version = :version', { year, version })
            .execute();
          if (result.affected === 0) throw new StaleVersionError(`The scorecard expectations of ${year}`, version + 1, version);
        } else await repo.insert({ year: year!, ...set, version: 1 });
        await this.audit.record(tx, {
          ...ACTION,
          detail: `${year}: registrations ${registrations}, activities per month ${activitiesPerMonth}, on time ${onTimeRate}, pool compliant ${set.poolCompliant}`,
        });
      });
      return this.get(ctx, year!);
    });
  }

  private currentYear(): number {
    return Number(this.today().slice(0, 4));
  }
}

function toExpectations(year: number, row: ScorecardExpectationEntity | null): ScorecardExpectations {
  const e = new ScorecardExpectations();
  e.year = year;
  if (!row) {
    Object.assign(e, DEFAULT_SCORECARD_EXPECTATIONS, { defaults: true, updatedBy: null, updatedAt: null, version: 0 });
    return e;
  }
  e.registrations = row.registrations;
  e.activitiesPerMonth = row.activitiesPerMonth;
  e.onTimeRate = row.onTimeRate;
  e.poolCompliant = Boolean(row.poolCompliant);
  e.defaults = false;
  e.updatedBy = row.updatedBy;
  e.updatedAt = row.updatedAt;
  e.version = row.version;
  return e;
}
