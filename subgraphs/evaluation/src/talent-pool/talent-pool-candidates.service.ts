import { assertInScope, assertScopeNotEmpty, encodeCursor, InputChecker, Page, pageRequest, readScope, RequestContext, todayInChina, TransactionalConnection } from '@tongxin/common';
import { EVALUATIONS, whereHeldBy } from '../evaluation/evaluation.access';
import { EvaluationEntity } from '../evaluation/evaluation.entity';
import { FIRST_YEAR } from '../evaluation/evaluation.validation';
import { personRef } from '../person/person.ref';
import { registeredPerson } from '../register/person-status.entity';
import { TalentPoolCandidate } from './talent-pool.type';

const CANDIDATE_CURSOR = ['number', 'number', 'id'] as const;

/** A candidate row as ranked: the mean composite in hundredths, exact integers. */
export interface RankedCandidate {
  readonly personId: string;
  readonly meanHundredths: number;
  readonly evaluationCount: number;
}

/**
 * The order of candidates: best mean composite first, then more evaluations first (a mean over
 * more evaluations is the better founded), then person id ascending (UUIDv7: the person
 * registered first), so that the order is total and the same on every database.
 */
export function compareCandidates(a: RankedCandidate, b: RankedCandidate): number {
  return b.meanHundredths - a.meanHundredths || b.evaluationCount - a.evaluationCount || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);
}

/** Σ composites (2 decimals) / n, rounded half up to 2 decimals, on integers (hundredths). */
export function meanHundredths(sum: number | string, count: number): number {
  const sumH = Math.round(Number(sum) * 100);
  return Math.floor((2 * sumH + count) / (2 * count));
}

/** Candidates for the pools, ranked from a year's evaluations (read as evaluations are: EVALUATIONS). */
export class TalentPoolCandidateService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  /**
   * Persons evaluated in `year` by the department of `districtCode` (330300: the city's), ranked
   * by the mean composite of those evaluations (rounded half up to 2 decimals), then by the
   * number of them, then by person id (compareCandidates). One grouped statement, ranked here on
   * exact integers so that every database orders ties alike; a district's year is at most a few
   * thousand persons.
   */
  async candidates(ctx: RequestContext<unknown>, year: number, districtCode: string, args: { first?: number | null; after?: string | null }): Promise<Page<TalentPoolCandidate>> {
    const page = pageRequest(args, CANDIDATE_CURSOR);
    const check = new InputChecker('');
    check.int('year', year, { required: true, min: FIRST_YEAR, max: this.currentYear() });
    check.district('districtCode', districtCode, { required: true });
    check.throwIfInvalid();
    const scope = readScope(ctx.viewer, EVALUATIONS);
    assertScopeNotEmpty(scope);
    assertInScope(scope, ctx.viewer, { districtCode }, 'rank candidates from the evaluations');
    const qb = this.conn
      .repo(ctx, EvaluationEntity)
      .createQueryBuilder('e')
      .select('e.personId', 'personId')
      .addSelect('SUM(e.composite)', 'total')
      .addSelect('COUNT(*)', 'n')
      .where('e.year = :year', { year })
      // Candidates are registered persons: archived and moved-away persons are not proposed.
      .andWhere(registeredPerson('e.person_id'));
    whereHeldBy(qb, districtCode);
    const rows: Array<{ personId: string; total: number | string; n: number | string }> = await qb.groupBy('e.personId').getRawMany();
    const ranked = rows.map((r) => ({ personId: r.personId, evaluationCount: Number(r.n), meanHundredths: meanHundredths(r.total, Number(r.n)) })).sort(compareCandidates);
    let start = 0;
    if (page.after) {
      const [m, n, id] = page.after as [number, number, string];
      const cursor = { meanHundredths: m, evaluationCount: n, personId: id };
      start = ranked.findIndex((r) => compareCandidates(r, cursor) > 0);
      if (start < 0) start = ranked.length;
    }
    const slice = ranked.slice(start, start + page.first);
    return {
      nodes: slice.map((r, i) => {
        const c = new TalentPoolCandidate();
        c.rank = start + i + 1;
        c.person = personRef(r.personId);
        c.meanComposite = r.meanHundredths / 100;
        c.evaluationCount = r.evaluationCount;
        return c;
      }),
      hasNextPage: start + page.first < ranked.length,
      hasPreviousPage: page.after !== null,
      cursorOf: (c) => encodeCursor([Math.round(c.meanComposite * 100), c.evaluationCount, c.person.id]),
      count: async () => ranked.length,
    };
  }

  private currentYear(): number {
    return Number(this.today().slice(0, 4));
  }
}
