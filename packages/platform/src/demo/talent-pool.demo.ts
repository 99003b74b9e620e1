import { COUNTY_LEVEL_UNITS, CITY, Logger, RequestContext, SeededRandom } from '@tongxin/common';
import { ArrangementKind, ArrangementLevel, ArrangementStatus, EvaluationDimension, EvaluationServices, PoolLevel } from '@tongxin/evaluation';

/**
 * The representative persons of the demo city (§7, §15, §17), chosen the way a department would:
 * a scheme of its own for the current year (§17's four aspects), each district's pool of this year
 * filled from the best candidates of last year's evaluations (most districts reach the quota of
 * 50, a few fall short, so that compliance has something to show), the city pool from the best of
 * all districts (up to 200), last year's pools rolled into next year for review, and political
 * arrangements for part of the city pool. Everything goes through the services, deterministic per
 * seed.
 */
export async function seedRepresentatives(services: EvaluationServices, ctx: RequestContext<unknown>, rng: SeededRandom, today: string, log: Logger): Promise<void> {
  const year = Number(today.slice(0, 4));
  await services.schemes.define(ctx, {
    year,
    name: `${year}年度综合评价方案（§17）`,
    weights: [
      { dimension: EvaluationDimension.POLITICAL_THINKING, weight: 0.3 },
      { dimension: EvaluationDimension.PROFESSIONAL_QUALITY, weight: 0.25 },
      { dimension: EvaluationDimension.OVERALL_STRENGTH, weight: 0.25 },
      { dimension: EvaluationDimension.PUBLIC_IMAGE, weight: 0.2 },
    ],
  });

  const ranked: Array<{ personId: string; districtCode: string; mean: number }> = [];
  const entries: Array<{ personId: string; level: PoolLevel; districtCode: string | null; year: number; reason: string }> = [];
  for (const d of COUNTY_LEVEL_UNITS) {
    const page = await services.poolCandidates.candidates(ctx, year - 1, d.code, { first: 1000 });
    const candidates = page.nodes.map((c) => ({ personId: c.person.id, districtCode: d.code, mean: c.meanComposite }));
    ranked.push(...candidates);
    // Most districts fill their pool to 50 to 60; about one in four stays short of the quota.
    const target = rng.chance(0.25) ? rng.int(35, 49) : rng.int(50, 60);
    for (const c of candidates.slice(0, target)) {
      entries.push({ personId: c.personId, level: PoolLevel.DISTRICT, districtCode: d.code, year: year - 1, reason: `${year - 1}年度综合评价 ${c.mean} 分` });
      entries.push({ personId: c.personId, level: PoolLevel.DISTRICT, districtCode: d.code, year, reason: `${year - 1}年度综合评价 ${c.mean} 分，复核留库` });
    }
  }
  ranked.sort((a, b) => b.mean - a.mean || (a.personId < b.personId ? -1 : 1));
  const cityPool = ranked.slice(0, 200);
  for (const c of cityPool) entries.push({ personId: c.personId, level: PoolLevel.CITY, districtCode: CITY.code, year, reason: `全市综合评价前列（${c.mean} 分）` });
  await services.talentPool.addMany(ctx, entries);

  // Next year's review: this year's pools rolled over, UNDER_REVIEW.
  await services.talentPool.renew(ctx, { fromYear: year, toYear: year + 1, level: PoolLevel.DISTRICT });
  await services.talentPool.renew(ctx, { fromYear: year, toYear: year + 1, level: PoolLevel.CITY });

  const arrangements = cityPool
    .filter(() => rng.chance(0.3))
    .map((c) => {
      const kind = rng.pick([ArrangementKind.PEOPLES_CONGRESS_DEPUTY, ArrangementKind.CPPCC_MEMBER, ArrangementKind.CPPCC_MEMBER, ArrangementKind.ORGANIZATION_LEADER]);
      const cityLevel = rng.chance(0.4);
      const body =
        kind === ArrangementKind.PEOPLES_CONGRESS_DEPUTY
          ? cityLevel
            ? '温州市人民代表大会'
            : '县（市、区）人民代表大会'
          : kind === ArrangementKind.CPPCC_MEMBER
            ? cityLevel
              ? '政协温州市委员会'
              : '县（市、区）政协'
            : rng.pick(['温州市工商业联合会', '温州市律师协会', '温州市注册会计师协会', '温州市青年联合会']);
      const start = rng.pick([year - 4, year - 3, year - 2, year - 1, year]);
      const status = start < year ? ArrangementStatus.APPOINTED : rng.pick([ArrangementStatus.RECOMMENDED, ArrangementStatus.APPOINTED]);
      return {
        personId: c.personId,
        kind,
        level: cityLevel || kind === ArrangementKind.ORGANIZATION_LEADER ? ArrangementLevel.CITY : ArrangementLevel.DISTRICT,
        body,
        position: kind === ArrangementKind.ORGANIZATION_LEADER ? rng.pick(['副会长', '常务理事', '副主席']) : null,
        districtCode: cityLevel || kind === ArrangementKind.ORGANIZATION_LEADER ? CITY.code : c.districtCode,
        termStart: `${start}-01-01`,
        termEnd: `${start + 5}-12-31`,
        status,
      };
    });
  await services.arrangements.recordMany(ctx, arrangements);
  log.info({ talentPool: entries.length, politicalArrangements: arrangements.length }, 'demo: talent pool and political arrangements');
}
