import { graphql } from '../../gql';

/** The city pool and the 12 district pools of a year against their quotas, in one request. */
export const TalentPoolComplianceDocument = graphql(`
  query TalentPoolCompliance($year: Int!) {
    talentPoolCompliance(year: $year) {
      level
      district {
        code
        name
      }
      year
      count
      underReview
      minimum
      maximum
      compliant
      shortfall
      excess
      suppressed
    }
  }
`);
