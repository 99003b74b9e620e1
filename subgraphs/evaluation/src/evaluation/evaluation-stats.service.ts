import { assertScopeNotEmpty, CITY, districtOf, ForbiddenError, InputChecker, readScope, RequestContext, StatsDisclosure, TransactionalConnection } from '@tongxin/common';
import { EVALUATIONS, whereHeldBy } from './evaluation.access';
import { EvaluationEntity } from './evaluation.entity';
import { COMPOSITE_BAND_FLOORS, CompositeBand, EvaluationStatsDimension, EvaluationStatsGroup } from './evaluation-stats.type';

const BANDS: readonly CompositeBand[] = Object.values(CompositeBand);

/**
 * `evaluationStats`: a year's evaluations counted by the district whose department made them and
 * by band of the composite score, with the persons evaluated and the mean score, in one GROUP BY
 * statement. Read as evaluations are (docs/SECURITY.md): city administrators and analysts all, a
 * district administrator their own district's department's only (another district's is
 * FORBIDDEN, as its rows are); association administrators and persons none. Analysts' groups are
 * disclosure-controlled (a group's size: the persons evaluated in it).
 */
export class EvaluationStatsService {
  constructor(private readonly conn: TransactionalConnection) {}

  async stats(ctx: RequestContext<unknown>, year: number, groupBy: readonly EvaluationStatsDimension[], districtCode: string | null | undefined): Promise<EvaluationStatsGroup[]> {
    const scope = readScope(ctx.viewer, EVALUATIONS);
    assertScopeNotEmpty(scope);
    const check = new InputChecker('');
    check.int('year', year, { required: true, min: 2000, max: 2100 });
    check.district('districtCode', districtCode);
    check.throwIfInvalid();
    if (scope.kind === 'district' && districtCode && districtCode !== scope.districtCode) {
      throw new ForbiddenError(`A district administrator reads the evaluations of their own district's department only, not those of ${districtOf(districtCode)?.name ?? districtCode}.`);
    }
    const held = scope.kind === 'district' ? scope.districtCode : (districtCode ?? null);
    const dims = [...new Set(groupBy)];
    const band = `CASE ${COMPOSITE_BAND_FLOORS.map(([b, floor]) => `WHEN e.composite >= ${floor} THEN ${BANDS.indexOf(b)}`).join(' ')} ELSE ${BANDS.indexOf(CompositeBand.BELOW_70)} END`;
    const columns: Record<EvaluationStatsDimension, string> = { DISTRICT: `COALESCE(e.district_code, '${CITY.code}')`, COMPOSITE_BAND: band };
    const qb = this.conn
      .repo(ctx, EvaluationEntity)
      .createQueryBuilder('e')
      .select('COUNT(*)', 'evaluations')
      .addSelect('COUNT(DISTINCT e.person_id)', 'persons')
      .addSelect('AVG(e.composite)', 'average')
      .where('e.year = :year', { year });
    if (held) whereHeldBy(qb, held);
    dims.forEach((d, i) => {
      qb.addSelect(columns[d], `g${i}`);
      qb.addGroupBy(`g${i}`);
      qb.addOrderBy(`g${i}`, 'ASC');
    });
    const rows: Array<Record<string, string | number | null>> = await qb.getRawMany();
    const value = (r: Record<string, string | number | null>, d: EvaluationStatsDimension) => {
      const i = dims.indexOf(d);
      return i < 0 || r[`g${i}`] === null ? null : String(r[`g${i}`]);
    };
    const counted = rows.filter((r) => Number(r.evaluations) > 0);
    const disclosure = new StatsDisclosure(ctx.viewer);
    const how = disclosure.groups(
      counted,
      (r) => Number(r.persons),
      (r) => ({ districtCode: value(r, EvaluationStatsDimension.DISTRICT) ?? held }),
    );
    return counted.map((r, i) => {
      const district = value(r, EvaluationStatsDimension.DISTRICT);
      const bandIndex = value(r, EvaluationStatsDimension.COMPOSITE_BAND);
      const shown = how[i] !== 'SUPPRESSED';
      return Object.assign(new EvaluationStatsGroup(), {
        district: district === null ? null : districtOf(district),
        compositeBand: bandIndex === null ? null : BANDS[Number(bandIndex)]!,
        evaluations: disclosure.count(Number(r.evaluations), how[i]!),
        persons: disclosure.count(Number(r.persons), how[i]!),
        averageComposite: shown ? Math.round(Number(r.average) * 10) / 10 : null,
        suppressed: !shown,
      });
    });
  }
}
