import {
  ConflictError,
  FieldError,
  InputChecker,
  isUniqueViolation,
  keysetPage,
  Page,
  pageRequest,
  RequestContext,
  todayInChina,
  TransactionalConnection,
  UserInputError,
} from '@tongxin/common';
import { In } from 'typeorm';
import { EvaluationScoreEntity } from './evaluation-score.entity';
import { EvaluationEntity } from './evaluation.entity';
import { EvaluationDimension } from './evaluation.enums';
import { EvaluationFilter, RecordEvaluationInput } from './evaluation.inputs';
import { defaultSchemeSource, EvaluationScheme, EvaluationSchemeSource } from './evaluation.scheme';
import { checkEvaluationRecord, EvaluationDraft, evaluationKey, EvaluationRecord, FIRST_YEAR, yearOf } from './evaluation.validation';

const LOOKUP_CHUNK = 500;
const DIMENSION_ORDER = new Map(Object.values(EvaluationDimension).map((d, i) => [d as string, i]));

/** Comprehensive evaluations: recording them under the scheme of their year, and reading them. */
export class EvaluationService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly today: () => string = () => todayInChina(),
    private readonly schemes: EvaluationSchemeSource = defaultSchemeSource,
  ) {}

  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<EvaluationEntity[]> {
    return this.conn.findByIds(ctx, EvaluationEntity, ids);
  }

  /** Every evaluation of each person, newest year first (and newest first within a year). */
  findByPersonIds(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<EvaluationEntity[]> {
    return this.conn.repo(ctx, EvaluationEntity).find({
      where: { personId: In([...personIds]) },
      order: { year: 'DESC', id: 'DESC' },
    });
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
    check.throwIfInvalid();

    const qb = this.conn.repo(ctx, EvaluationEntity).createQueryBuilder('e');
    if (year !== undefined) qb.andWhere('e.year = :year', { year });
    if (personId) qb.andWhere('e.personId = :personId', { personId });
    if (evaluator) qb.andWhere('e.evaluator = :evaluator', { evaluator });
    return keysetPage(qb, [{ expr: 'e.id', valueOf: (e) => e.id }], page);
  }

  /** Records one evaluation and its scores in one transaction; a second by the same evaluator for the same person and year is a CONFLICT. */
  async record(ctx: RequestContext<unknown>, input: RecordEvaluationInput): Promise<EvaluationEntity> {
    const check = new InputChecker('input');
    const schemes = await this.schemesFor(ctx, [input]);
    const record = checkEvaluationRecord(check, input, this.currentYear(), schemes);
    if (!record) return check.throwIfInvalid() as never;
    const id = ctx.ids.next();
    try {
      await this.conn.transaction(ctx, (tx) => this.insert(tx, [{ id, record }]));
    } catch (error) {
      if (isUniqueViolation(error)) throw await this.duplicate(ctx, record);
      throw error;
    }
    return this.getById(ctx, id);
  }

  /**
   * Records many evaluations at once (the demo data), all or nothing: every row is checked first
   * (each problem named `rows[i].field`), duplicates within the batch and against the table are
   * refused, then evaluations and scores are inserted in chunks in one transaction. Returns the
   * new ids in input order.
   */
  async recordMany(ctx: RequestContext<unknown>, drafts: readonly EvaluationDraft[]): Promise<string[]> {
    const schemes = await this.schemesFor(ctx, drafts);
    const currentYear = this.currentYear();
    const errors: FieldError[] = [];
    const records: EvaluationRecord[] = [];
    const seen = new Map<string, number>();
    drafts.forEach((draft, i) => {
      const check = new InputChecker(`rows[${i}]`);
      const record = checkEvaluationRecord(check, draft, currentYear, schemes);
      errors.push(...check.errors);
      if (!record) return;
      const key = evaluationKey(record);
      const first = seen.get(key);
      if (first !== undefined) errors.push({ field: `rows[${i}].evaluator`, message: `repeats the person, year and evaluator of rows[${first}]` });
      else seen.set(key, i);
      records.push(record);
    });
    if (errors.length) throw new UserInputError(errors);
    if (records.length === 0) return [];
    try {
      return await this.conn.transaction(ctx, async (tx) => {
        const repo = this.conn.repo(tx, EvaluationEntity);
        const personIds = [...new Set(records.map((r) => r.personId))];
        const years = [...new Set(records.map((r) => r.year))];
        const clashes: FieldError[] = [];
        for (let i = 0; i < personIds.length; i += LOOKUP_CHUNK) {
          const existing = await repo.find({
            select: { personId: true, year: true, evaluator: true },
            where: { personId: In(personIds.slice(i, i + LOOKUP_CHUNK)), year: In(years) },
          });
          for (const e of existing) {
            const row = seen.get(evaluationKey(e));
            if (row !== undefined) clashes.push({ field: `rows[${row}].evaluator`, message: 'is recorded already for this person and year: one evaluation per person, year and evaluator' });
          }
        }
        if (clashes.length) throw new UserInputError(clashes.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true })));
        const rows = records.map((record) => ({ id: tx.ids.next(), record }));
        await this.insert(tx, rows);
        return rows.map((r) => r.id);
      });
    } catch (error) {
      // Only reachable when the database compares evaluators more loosely than this code (MySQL collations).
      if (isUniqueViolation(error)) throw new ConflictError('An evaluation by the same evaluator for the same person and year is recorded already.');
      throw error;
    }
  }

  private async insert(tx: RequestContext<unknown>, rows: readonly { id: string; record: EvaluationRecord }[]): Promise<void> {
    await this.conn.insertChunked(
      tx,
      EvaluationEntity,
      rows.map(({ id, record: r }) => ({ id, personId: r.personId, year: r.year, evaluator: r.evaluator, composite: r.composite, comment: r.comment })),
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

  private async duplicate(ctx: RequestContext<unknown>, r: EvaluationRecord): Promise<ConflictError> {
    const existing = await this.conn
      .repo(ctx, EvaluationEntity)
      .findOne({ select: { id: true }, where: { personId: r.personId, year: r.year, evaluator: r.evaluator } });
    return new ConflictError(
      `Person ${r.personId} already has an evaluation by ${r.evaluator} for ${r.year}${existing ? ` (${existing.id})` : ''}; recorded evaluations cannot be changed.`,
      { field: 'input.evaluator', ...(existing ? { evaluationId: existing.id } : {}) },
    );
  }
}
