import { graphql } from '../../gql';

/** Everything the scorecard compares, for one year, in one request. */
export const ScorecardDocument = graphql(`
  query Scorecard($year: Int!, $persons: PersonFilter!, $activities: ActivityFilter!, $feedback: FeedbackStatsFilter!) {
    districts {
      code
      name
      kind
    }
    pools: talentPoolCompliance(year: $year) {
      district {
        code
      }
      count
      compliant
      shortfall
      excess
      suppressed
    }
    registrations: personStats(filter: $persons, groupBy: [DISTRICT]) {
      district {
        code
      }
      count
      suppressed
    }
    activities: activityStats(filter: $activities, groupBy: [DISTRICT]) {
      district {
        code
      }
      activities
    }
    feedback: feedbackStats(filter: $feedback, groupBy: [DISTRICT]) {
      district {
        code
      }
      responded
      respondedOnTime
      suppressed
    }
  }
`);
