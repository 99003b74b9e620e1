import { findDistrict, SeededRandom } from '@tongxin/common';
import type { EvaluationDraft } from '@tongxin/evaluation';
import { DEFAULT_SCHEME } from '@tongxin/evaluation';
import type { DemoPerson } from './persons.demo';
import { unitName } from './vocabulary';

/** 中共鹿城区委统战部 …: the department that evaluates a district's people. */
function evaluatorOf(districtCode: string): string {
  return unitName(findDistrict(districtCode)!.name, '统战部');
}

/**
 * Yearly evaluations of part of the register by their district's department, scored on the
 * default scheme: each held by the person's district, whose department made it.
 */
export function evaluationDrafts(rng: SeededRandom, person: DemoPerson, today: string): EvaluationDraft[] {
  const lastYear = Number(today.slice(0, 4)) - 1;
  const talent = rng.next();
  const drafts: EvaluationDraft[] = [];
  for (const year of [lastYear - 2, lastYear - 1, lastYear]) {
    if (!rng.chance(0.33)) continue;
    const base = 55 + talent * 35;
    drafts.push({
      personId: person.id,
      year,
      districtCode: person.districtCode,
      evaluator: evaluatorOf(person.districtCode),
      scores: DEFAULT_SCHEME.weights.map((w) => ({ dimension: w.dimension, score: Math.max(0, Math.min(100, Math.round((base + (rng.next() - 0.5) * 20) * 10) / 10)) })),
      comment: rng.chance(0.2) ? rng.pick(['政治立场坚定，社会贡献突出', '参政议政能力较强', '在本行业中有较大影响', '积极参与光彩事业']) : null,
    });
  }
  return drafts;
}
