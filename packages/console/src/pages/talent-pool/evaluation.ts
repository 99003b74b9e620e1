import { COMPOSITE_BAND_LABELS, labelOf } from '../../labels';
import { inOrderOf, measureRows, StatRow } from '../../stats';

/** One group of evaluationStats as the API answers it. */
export interface EvaluationGroup {
  readonly district?: { readonly code: string; readonly name: string } | null;
  readonly compositeBand?: string | null;
  readonly evaluations?: number | null;
  readonly persons?: number | null;
  readonly averageComposite?: number | null;
  readonly suppressed: boolean;
}

/**
 * The persons evaluated in a year, by the district whose department evaluated them (in code
 * order: 温州市, the city's department, first) and by band of the composite score (from 90 down);
 * a withheld group "<5" under its own label.
 */
export function evaluationRows(byDistrict: readonly EvaluationGroup[], byBand: readonly EvaluationGroup[]): { district: StatRow[]; band: StatRow[] } {
  const persons = (g: EvaluationGroup) => g.persons;
  return {
    district: measureRows(
      [...byDistrict].sort((a, b) => (a.district?.code ?? '').localeCompare(b.district?.code ?? '')),
      (g) => g.district?.code,
      (code) => byDistrict.find((g) => g.district?.code === code)?.district?.name ?? code,
      persons,
    ),
    band: inOrderOf(
      COMPOSITE_BAND_LABELS,
      measureRows(
        byBand,
        (g) => g.compositeBand,
        (v) => labelOf(COMPOSITE_BAND_LABELS, v),
        persons,
      ),
    ),
  };
}

/** The mean composite score as shown: 85.3 分, "—" when withheld or there is none. */
export function averageLabel(group: EvaluationGroup | undefined): string {
  return group && !group.suppressed && group.averageComposite != null ? `${group.averageComposite.toFixed(1)} 分` : '—';
}
