import { graphql } from '../../gql';

/** A year's evaluations (evaluationStats): in all, by the district whose department made them, and by band of the composite score. */
export const EvaluationStatsDocument = graphql(`
  query EvaluationStats($year: Int!) {
    total: evaluationStats(year: $year, groupBy: []) {
      evaluations
      persons
      averageComposite
      suppressed
    }
    byDistrict: evaluationStats(year: $year, groupBy: [DISTRICT]) {
      district {
        code
        name
      }
      evaluations
      persons
      averageComposite
      suppressed
    }
    byBand: evaluationStats(year: $year, groupBy: [COMPOSITE_BAND]) {
      compositeBand
      evaluations
      persons
      averageComposite
      suppressed
    }
  }
`);
