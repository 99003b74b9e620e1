import {
  assertInScope,
  assertScopeNotEmpty,
  AuditLog,
  chunksOf,
  ConflictError,
  FieldError,
  ForbiddenError,
  InputChecker,
  isUniqueViolation,
  keysetPage,
  limitToDistrictScope,
  Page,
  pageRequest,
  inRowScope,
  readScope,
  RequestContext,
  scopeRefusal,
  todayInChina,
  TransactionalConnection,
  UserInputError,
  writeScope,
} from '@tongxin/common';
import { In } from 'typeorm';
import { checkRows } from '../batch';
import { EVALUATIONS, heldEvaluation, whereHeldBy } from './evaluation.access';
import { EvaluationScoreEntity } from './evaluation-score.entity';
import { EvaluationEntity } from './evaluation.entity';
import { EvaluationDimension } from './evaluation.enums';
import { EvaluationFilter, RecordEvaluationInput } from './evaluation.inputs';
import { defaultSchemeSource, EvaluationScheme, EvaluationSchemeSource, scoredUnder } from './evaluation.scheme';
import { checkEvaluationRecord, EvaluationDraft, evaluationKey, EvaluationRecord, FIRST_YEAR, yearOf } from './evaluation.validation';

const DIMENSION_ORDER = new Map(Object.values(EvaluationDimension).map((d, i) => [d as string, i]));

/**
 * Comprehensive evaluations: recording them under the scheme of their year, and reading them.
 *
 * Who may read and record which (docs/SECURITY.md; the rule `EVALUATIONS`) is decided here, not
 * in the resolvers: an evaluation is held by the district whose department made it (the city for
 * the city's department and for rows recorded before the district was kept). City administrators
 * and analysts read all; a district administrator reads their district's only (lists are limited
 * to it in SQL, a filter or a row of another district is FORBIDDEN); association administrators
 * and persons read none. City administrators record any, district administrators their own
 * district's, nobody else any; every refusal comes before anything is written, and every call of
 * a mutation is in the audit log.
 */
export class EvaluationService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly today: () => string = () => todayInChina(),
    private readonly schemes: EvaluationSchemeSource = defaultSchemeSource,
  ) {}

  /**
   * The rows of these ids, for the `evaluationById` loader, which checks each with `readRefusal`.
   * A viewer who may read no evaluation at all is refused before any SQL.
   */
  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<EvaluationEntity[]> {
    assertScopeNotEmpty(readScope(ctx.viewer, EVALUATIONS));
    return this.conn.findByIds(ctx, EvaluationEntity, ids);
  }

  /** Why the viewer may not read this evaluation, or null when they may (evaluation(id), `_entities`, row by row). */
  readRefusal(ctx: RequestContext<unknown>, evaluation: EvaluationEntity): ForbiddenError | null {
    return scopeRefusal(readScope(ctx.viewer, EVALUATIONS), ctx.viewer, heldEvaluation(evaluation), 'read evaluations');
  }

  /**
   * The evaluations of each person that the viewer may read, newest year first (and newest first
   * within a year): a district administrator's are limited to their district in the statement;
   * a viewer who may read none is refused (the fields of Person that use this are nullable).
   */
  findByPersonIds(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<EvaluationEntity[]> {
    const scope = readScope(ctx.viewer, EVALUATIONS);
    assertScopeNotEmpty(scope);
    const qb = this.conn
      .repo(ctx, EvaluationEntity)
      .createQueryBuilder('e')
      .where('e.personId IN (:...personIds)', { personIds: [...personIds] });
    limitToDistrictScope(qb, 'e.districtCode', scope, whereHeldBy);
    return qb.orderBy('e.year', 'DESC').addOrderBy('e.id', 'DESC').getMany();
  }

  /** The scores of many evaluations, each evaluation's in the order of the dimensions. */
  async findScoresByEvaluationIds(ctx: RequestContext<unknown>, evaluationIds: readonly string[]): Promise<EvaluationScoreEntity[]> {
    const rows = await this.conn.repo(ctx, EvaluationScoreEntity).findBy({ evaluationId: In([...evaluationIds]) });
    return rows.sort((a, b) => (DIMENSION_ORDER.get(a.dimension) ?? 99) - (DIMENSION_ORDER.get(b.dimension) ?? 99));
  }

  getById(ctx: RequestContext<unknown>, id: string): Promise<EvaluationEntity> {
    return this.conn.getEntityOrThrow(ctx, EvaluationEntity, id, 'Evaluation');
  }

  /** One page of evaluations in the order they were recorded, filtered as asked. */
  list(ctx: RequestContext<unknown>, filter: EvaluationFilter | null | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<EvaluationEntity>> {
    const page = pageRequest(args);
    const f = filter ?? {};
    const check = new InputChecker('filter');
    const year = check.int('year', f.year, { min: FIRST_YEAR, max: this.currentYear() });
    const personId = check.id('personId', f.personId, { required: false });
    const evaluator = check.text('evaluator', f.evaluator?.replace(/\s+/g, ' '), { max: 50 });
    const districtCode = check.district('districtCode', f.districtCode);
    check.throwIfInvalid();
    // A district filter outside the viewer's scope is refused, not narrowed; without one a
    // district administrator's list is limited to their district.
    const scope = readScope(ctx.viewer, EVALUATIONS);
    assertScopeNotEmpty(scope);
    if (districtCode) assertInScope(scope, ctx.viewer, { districtCode }, 'read evaluations');

    const qb = this.conn.repo(ctx, EvaluationEntity).createQueryBuilder('e');
    if (districtCode) whereHeldBy(qb, districtCode);
    else limitToDistrictScope(qb, 'e.districtCode', scope, whereHeldBy);
    if (year !== undefined) qb.andWhere('e.year = :year', { year });
    if (personId) qb.andWhere('e.personId = :personId', { personId });
    if (evaluator) qb.andWhere('e.evaluator = :evaluator', { evaluator });
    return keysetPage(qb, [{ expr: 'e.id', valueOf: (e) => e.id }], page);
  }

  /**
   * Records one evaluation and its scores in one transaction; a second by the same evaluator for
   * the same person and year is a CONFLICT. A caller who may record none is refused before the
   * input is checked; a district administrator may record their own district's only.
   */
  async record(ctx: RequestContext<unknown>, input: RecordEvaluationInput): Promise<EvaluationEntity> {
    const id = await this.audit.guard(ctx, { action: 'recordEvaluation', entityType: 'Evaluation', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, EVALUATIONS);
      assertScopeNotEmpty(scope);
      // Everything the scheme is not needed for is checked first, then the district, so that a
      // refused district costs no read of the scheme of the year.
      const pre = new InputChecker('input');
      checkEvaluationRecord(pre, input, this.currentYear(), null);
      pre.throwIfInvalid();
      assertInScope(scope, ctx.viewer, { districtCode: input.districtCode }, 'record evaluations');
      const check = new InputChecker('input');
      const schemes = await this.schemesFor(ctx, [input]);
      const record = checkEvaluationRecord(check, input, this.currentYear(), schemes);
      if (!record) return check.throwIfInvalid() as never;
      assertInScope(scope, ctx.viewer, { districtCode: record.districtCode }, 'record evaluations');
      const newId = ctx.ids.next();
      try {
        await this.conn.transaction(ctx, async (tx) => {
          await this.insert(tx, [{ id: newId, record }]);
          await this.audit.record(tx, { action: 'recordEvaluation', entityType: 'Evaluation', entityId: newId });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw await this.duplicate(ctx, record);
        throw error;
      }
      return newId;
    });
    return this.getById(ctx, id);
  }

  /**
   * Records many evaluations at once (the demo data), all or nothing: every row is checked first
   * (each problem named `rows[i].field`), duplicates within the batch and against the table are
   * refused, then evaluations and scores are inserted in chunks in one transaction. Returns the
   * new ids in input order.
   */
  async recordMany(ctx: RequestContext<unknown>, drafts: readonly EvaluationDraft[]): Promise<string[]> {
    return this.audit.guard(ctx, { action: 'recordMany', entityType: 'Evaluation', entityId: null }, () => this.recordManyChecked(ctx, drafts));
  }

  private async recordManyChecked(ctx: RequestContext<unknown>, drafts: readonly EvaluationDraft[]): Promise<string[]> {
    const scope = writeScope(ctx.viewer, EVALUATIONS);
    assertScopeNotEmpty(scope);
    const schemes = await this.schemesFor(ctx, drafts);
    const currentYear = this.currentYear();
    const { records, rowOfKey } = checkRows<EvaluationDraft, EvaluationRecord>(
      drafts,
      (check, draft) => checkEvaluationRecord(check, draft, currentYear, schemes),
      { scope, viewer: ctx.viewer, doing: 'record evaluations' },
      { key: evaluationKey, field: 'evaluator', what: 'the person, year and evaluator' },
    );
    // Nothing to write, nothing to record.
    if (records.length === 0) return [];
    try {
      return await this.conn.transaction(ctx, async (tx) => {
        const repo = this.conn.repo(tx, EvaluationEntity);
        const personIds = [...new Set(records.map((r) => r.personId))];
        const years = [...new Set(records.map((r) => r.year))];
        const clashes: FieldError[] = [];
        for (const chunk of chunksOf(personIds)) {
          const existing = await repo.find({
            select: { personId: true, year: true, evaluator: true },
            where: { personId: In(chunk), year: In(years) },
          });
          for (const e of existing) {
            const row = rowOfKey.get(evaluationKey(e));
            if (row !== undefined) clashes.push({ field: `rows[${row}].evaluator`, message: 'is recorded already for this person and year: one evaluation per person, year and evaluator' });
          }
        }
        if (clashes.length) throw new UserInputError(clashes.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true })));
        const rows = records.map((record) => ({ id: tx.ids.next(), record }));
        await this.insert(tx, rows);
        await this.audit.record(tx, { action: 'recordMany', entityType: 'Evaluation', entityId: null, detail: `${rows.length} records` });
        return rows.map((r) => r.id);
      });
    } catch (error) {
      // Only reachable when the database compares evaluators more loosely than this code (MySQL collations).
      if (isUniqueViolation(error)) throw new ConflictError('An evaluation by the same evaluator for the same person and year is recorded already.');
      throw error;
    }
  }

  /**
   * Inserts evaluations and their scores, then checks, under a lock, that the scheme of each
   * year is still the one they were scored under: a scheme redefined meanwhile is a CONFLICT
   * (the transaction rolls back; score again under the new one).
   */
  private async insert(tx: RequestContext<unknown>, rows: readonly { id: string; record: EvaluationRecord }[]): Promise<void> {
    await this.insertRows(tx, rows);
    if (!this.schemes.lockedSchemesFor || rows.length === 0) return;
    const current = await this.schemes.lockedSchemesFor(tx, [...new Set(rows.map((r) => r.record.year))]);
    const changed = rows.find(({ record: r }) => !scoredUnder(current.get(r.year)!, r.schemeName, r.scores));
    if (changed) {
      throw new ConflictError(`The evaluation scheme of ${changed.record.year} changed while this was recorded: reload it and score again.`, { field: 'input.scores' });
    }
  }

  private async insertRows(tx: RequestContext<unknown>, rows: readonly { id: string; record: EvaluationRecord }[]): Promise<void> {
    await this.conn.insertChunked(
      tx,
      EvaluationEntity,
      rows.map(({ id, record: r }) => ({
        id,
        personId: r.personId,
        year: r.year,
        districtCode: r.districtCode,
        evaluator: r.evaluator,
        composite: r.composite,
        comment: r.comment,
        schemeName: r.schemeName,
      })),
    );
    await this.conn.insertChunked(
      tx,
      EvaluationScoreEntity,
      rows.flatMap(({ id, record }) => record.scores.map((s) => ({ evaluationId: id, dimension: s.dimension, score: s.score, weight: s.weight }))),
    );
  }

  private async schemesFor(ctx: RequestContext<unknown>, drafts: readonly EvaluationDraft[]): Promise<ReadonlyMap<number, EvaluationScheme>> {
    const currentYear = this.currentYear();
    const years = new Set<number>();
    for (const d of drafts) {
      const year = yearOf(d);
      if (year !== undefined && year >= FIRST_YEAR && year <= currentYear) years.add(year);
    }
    return years.size ? this.schemes.schemesFor(ctx, [...years]) : new Map();
  }

  private currentYear(): number {
    return Number(this.today().slice(0, 4));
  }

  /**
   * The CONFLICT of a second evaluation by the same evaluator for the same person and year. It
   * names the existing evaluation only to a caller who may read it: one held by another district
   * is not revealed beyond its existence, which the uniqueness rule itself implies.
   */
  private async duplicate(ctx: RequestContext<unknown>, r: EvaluationRecord): Promise<ConflictError> {
    const existing = await this.conn.repo(ctx, EvaluationEntity).findOne({ select: { id: true, districtCode: true }, where: { personId: r.personId, year: r.year, evaluator: r.evaluator } });
    const readable = existing && inRowScope(readScope(ctx.viewer, EVALUATIONS), heldEvaluation(existing)) ? existing : null;
    return new ConflictError(`Person ${r.personId} already has an evaluation by ${r.evaluator} for ${r.year}${readable ? ` (${readable.id})` : ''}; recorded evaluations cannot be changed.`, {
      field: 'input.evaluator',
      ...(readable ? { evaluationId: readable.id } : {}),
    });
  }
}
