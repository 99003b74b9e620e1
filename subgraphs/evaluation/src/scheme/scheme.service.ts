import {
  assertScopeNotEmpty,
  AuditLog,
  ConflictError,
  ForbiddenError,
  InputChecker,
  isUniqueViolation,
  readScope,
  RequestContext,
  Role,
  StaleVersionError,
  todayInChina,
  TransactionalConnection,
} from '@tongxin/common';
import { EVALUATIONS } from '../evaluation/evaluation.access';
import { EvaluationEntity } from '../evaluation/evaluation.entity';
import { EvaluationDimension } from '../evaluation/evaluation.enums';
import { checkSchemeWeights, DEFAULT_SCHEME, defineScheme, EvaluationScheme, EvaluationSchemeSource } from '../evaluation/evaluation.scheme';
import { FIRST_YEAR } from '../evaluation/evaluation.validation';
import { DefineEvaluationSchemeInput } from './scheme.inputs';
import { EvaluationSchemeEntity, EvaluationSchemeWeightEntity } from './scheme.entity';

/** A year's scheme as stored, with what optimistic locking needs. */
export interface StoredScheme {
  readonly scheme: EvaluationScheme;
  readonly version: number;
  readonly updatedAt: Date;
}

/**
 * Per-year evaluation schemes (§7, §15, §17). City administrators define them; whoever may read
 * evaluations (city and district administrators, analysts) reads them. A year without a scheme of
 * its own uses DEFAULT_SCHEME. A year's scheme is fixed once an evaluation of that year is
 * recorded (each evaluation keeps the weights it was scored with, so the rule protects the
 * comparability of one year's evaluations, not their explanation).
 *
 * It is also the EvaluationSchemeSource of EvaluationService: recording reads the scheme of the
 * year from here, one statement for all the years of a batch.
 */
export class SchemeService implements EvaluationSchemeSource {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  async schemesFor(ctx: RequestContext<unknown>, years: readonly number[]): Promise<ReadonlyMap<number, EvaluationScheme>> {
    const stored = await this.storedSchemes(ctx, years);
    return new Map(years.map((y) => [y, stored.get(y)?.scheme ?? DEFAULT_SCHEME]));
  }

  /**
   * The schemes that apply to these years read inside a write transaction with a lock (MySQL:
   * FOR UPDATE, which reads the latest committed rows and holds them, or the gap where a year has
   * none, until the transaction ends). Recording checks its scores against them after inserting,
   * so that an evaluation and a concurrent change of its year's scheme cannot both commit.
   */
  async lockedSchemesFor(tx: RequestContext<unknown>, years: readonly number[]): Promise<ReadonlyMap<number, EvaluationScheme>> {
    const stored = await this.storedSchemes(tx, years, true);
    return new Map(years.map((y) => [y, stored.get(y)?.scheme ?? DEFAULT_SCHEME]));
  }

  /** The schemes defined for these years (absent: the year uses the default), in two statements. */
  async storedSchemes(ctx: RequestContext<unknown>, years: readonly number[], lock = false): Promise<Map<number, StoredScheme>> {
    const out = new Map<number, StoredScheme>();
    if (years.length === 0) return out;
    const locking = lock && !this.conn.isSqlite;
    const headQb = this.conn
      .repo(ctx, EvaluationSchemeEntity)
      .createQueryBuilder('s')
      .where('s.year IN (:...years)', { years: [...new Set(years)] });
    if (locking) headQb.setLock('pessimistic_write');
    const heads = await headQb.getMany();
    if (heads.length === 0) return out;
    const weightQb = this.conn
      .repo(ctx, EvaluationSchemeWeightEntity)
      .createQueryBuilder('w')
      .where('w.year IN (:...years)', { years: heads.map((h) => h.year) })
      .orderBy('w.year', 'ASC')
      .addOrderBy('w.position', 'ASC');
    if (locking) weightQb.setLock('pessimistic_write');
    const weights = await weightQb.getMany();
    for (const h of heads) {
      const own = weights.filter((w) => w.year === h.year).map((w) => ({ dimension: w.dimension as EvaluationDimension, weight: w.weight }));
      out.set(h.year, { scheme: defineScheme(h.name, own), version: h.version, updatedAt: h.updatedAt });
    }
    return out;
  }

  /** The scheme of a year (the default one when it has none); for whoever may read evaluations. */
  async get(ctx: RequestContext<unknown>, year: number): Promise<{ scheme: EvaluationScheme; stored: StoredScheme | null }> {
    assertScopeNotEmpty(readScope(ctx.viewer, EVALUATIONS));
    const check = new InputChecker('');
    check.int('year', year, { required: true, min: FIRST_YEAR, max: this.currentYear() + 1 });
    check.throwIfInvalid();
    const stored = (await this.storedSchemes(ctx, [year])).get(year) ?? null;
    return { scheme: stored?.scheme ?? DEFAULT_SCHEME, stored };
  }

  /** The years that have a scheme of their own, newest first (a short list: one row a year). */
  async definedYears(ctx: RequestContext<unknown>): Promise<number[]> {
    assertScopeNotEmpty(readScope(ctx.viewer, EVALUATIONS));
    const rows = await this.conn.repo(ctx, EvaluationSchemeEntity).find({ select: { year: true }, order: { year: 'DESC' } });
    return rows.map((r) => r.year);
  }

  /**
   * Defines (or redefines) the scheme of a year: city administrators only, refused before the
   * input is read. The weights must add up to 1, each dimension once (BAD_USER_INPUT naming the
   * field); redefining needs the version read (CONFLICT when stale); a year with a recorded
   * evaluation keeps its scheme (CONFLICT).
   */
  async define(ctx: RequestContext<unknown>, input: DefineEvaluationSchemeInput): Promise<StoredScheme & { year: number }> {
    // A scheme is known by its year, not an id: the year goes in the event's detail.
    return this.audit.guard(ctx, { action: 'defineEvaluationScheme', entityType: 'EvaluationScheme', entityId: null }, async () => {
      if (!ctx.viewer.system && ctx.viewer.role !== Role.CITY_ADMIN) {
        throw new ForbiddenError('Only city administrators can define evaluation schemes.');
      }
      const check = new InputChecker('input');
      const year = check.int('year', input.year, { required: true, min: FIRST_YEAR, max: this.currentYear() + 1 });
      const weights = checkSchemeWeights(check, 'weights', input.weights);
      const name = check.text('name', input.name?.replace(/\s+/g, ' '), { min: 2, max: 100 }) || `the ${year} scheme`;
      if (input.expectedVersion !== undefined && input.expectedVersion !== null) check.int('expectedVersion', input.expectedVersion, { min: 1 });
      check.throwIfInvalid();
      const scheme = defineScheme(name, weights!);

      try {
        await this.conn.transaction(ctx, async (tx) => {
          // MySQL: FOR UPDATE also locks the gap of the year in its index, so that no evaluation
          // of the year commits while its scheme changes (recording checks under a lock too).
          const countQb = this.conn.repo(tx, EvaluationEntity).createQueryBuilder('e').where('e.year = :year', { year });
          if (!this.conn.isSqlite) countQb.setLock('pessimistic_write');
          const evaluated = await countQb.getCount();
          if (evaluated > 0) {
            throw new ConflictError(`The ${year} scheme cannot change: ${evaluated} evaluation(s) of ${year} are recorded under it already.`, { field: 'input.year' });
          }
          const repo = this.conn.repo(tx, EvaluationSchemeEntity);
          const current = await repo.findOneBy({ year: year! });
          if (current) {
            if (input.expectedVersion == null) {
              throw new ConflictError(`${year} has a scheme already (version ${current.version}): send it as expectedVersion to redefine it.`, { currentVersion: current.version });
            }
            if (input.expectedVersion !== current.version) {
              throw new StaleVersionError(`The ${year} scheme`, current.version, input.expectedVersion);
            }
            const result = await repo.createQueryBuilder().update(EvaluationSchemeEntity).set({ name }).where('year = :year AND version = :version', { year, version: current.version }).execute();
            if (result.affected === 0) throw new ConflictError(`The ${year} scheme was changed by someone else while you saved it. Reload it and try again.`);
            await this.conn.repo(tx, EvaluationSchemeWeightEntity).delete({ year: year! });
          } else {
            await repo.insert({ year: year!, name, version: 1 });
          }
          await this.conn.insertChunked(
            tx,
            EvaluationSchemeWeightEntity,
            scheme.weights.map((w, position) => ({ year: year!, dimension: w.dimension, weight: w.weight, position })),
          );
          await this.audit.record(tx, { action: 'defineEvaluationScheme', entityType: 'EvaluationScheme', entityId: null, detail: `year ${year}` });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`${year} was given a scheme by someone else at the same time. Reload it and try again.`);
        throw error;
      }
      const stored = (await this.storedSchemes(ctx, [year!])).get(year!)!;
      return { ...stored, year: year! };
    });
  }

  private currentYear(): number {
    return Number(this.today().slice(0, 4));
  }
}
