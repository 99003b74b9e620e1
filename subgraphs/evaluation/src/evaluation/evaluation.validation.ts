import { InputChecker } from '@tongxin/common';
import { checkScores, compositeOf, EvaluationScheme, ScoreDraft, WeightedScore } from './evaluation.scheme';

/** The first year evaluated: the policy dates from 2011. */
export const FIRST_YEAR = 2011;

/** An evaluation as stored. */
export interface EvaluationRecord {
  personId: string;
  year: number;
  /** The district whose department made it, which holds it (330300: the city's). */
  districtCode: string;
  evaluator: string;
  scores: WeightedScore[];
  composite: number;
  comment: string | null;
  /** The name of the scheme of its year (kept for the explanation of the composite). */
  schemeName: string;
}

/** An evaluation as a user or the demo-data generator sends it: anything may be missing or wrong. */
export interface EvaluationDraft {
  personId?: string | null;
  year?: number | null;
  districtCode?: string | null;
  evaluator?: string | null;
  scores?: readonly ScoreDraft[] | null;
  comment?: string | null;
}

/** The year whose scheme a draft needs, if it is a plausible one (it is checked properly later). */
export function yearOf(draft: EvaluationDraft): number | undefined {
  return Number.isInteger(draft.year) ? (draft.year as number) : undefined;
}

/** The key of the one evaluation allowed per person, year and evaluator. */
export function evaluationKey(r: Pick<EvaluationRecord, 'personId' | 'year' | 'evaluator'>): string {
  return JSON.stringify([r.personId, r.year, r.evaluator]);
}

/**
 * Checks a whole evaluation against the scheme of its year and returns the record to store, or
 * null with every problem recorded in `check` (always null without `schemes`: a first pass). The person lives in the persons subgraph, whose
 * tables this one never reads: only the id's format can be checked here.
 */
export function checkEvaluationRecord(check: InputChecker, draft: EvaluationDraft, currentYear: number, schemes: ReadonlyMap<number, EvaluationScheme> | null): EvaluationRecord | null {
  const personId = check.id('personId', draft.personId);
  const year = check.int('year', draft.year, { required: true, min: FIRST_YEAR, max: currentYear });
  const yearValid = year !== undefined && check.errors.every((e) => e.field !== check.path('year'));
  // The city's own code is accepted: the city's department evaluates too (city-held evaluations).
  const districtCode = check.district('districtCode', draft.districtCode, { required: true });
  // Runs of spaces are collapsed so that the same body written twice is one evaluator.
  const evaluator = check.text('evaluator', draft.evaluator?.replace(/\s+/g, ' '), { required: true, min: 2, max: 50 });
  // Without schemes (null) only what needs no scheme is checked, and no record is returned.
  const scheme = yearValid && schemes ? schemes.get(year) : undefined;
  if (yearValid && schemes && !scheme) check.fail('year', `has no evaluation scheme`);
  const scores = checkScores(check, 'scores', draft.scores, scheme);
  const comment = check.text('comment', draft.comment, { max: 1000 });

  if (!check.ok || !scores) return null;
  return {
    personId: personId!,
    year: year!,
    districtCode: districtCode!,
    evaluator: evaluator!,
    scores,
    composite: compositeOf(scores),
    comment: comment || null,
    schemeName: scheme!.name,
  };
}
