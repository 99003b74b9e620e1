import { graphql } from '../../gql';

/** Everything the scorecard compares, and the city's expectations it compares against, for one year, in one request. */
export const ScorecardDocument = graphql(`
  query Scorecard($year: Int!, $persons: PersonFilter!, $activities: ActivityFilter!, $feedback: FeedbackStatsFilter!) {
    expectations: scorecardExpectations(year: $year) {
      year
      registrations
      activitiesPerMonth
      onTimeRate
      poolCompliant
      defaults
      version
    }
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

/** The city administrator sets the year's expectations (区县考核标准). */
export const SetScorecardExpectationsDocument = graphql(`
  mutation SetScorecardExpectations($input: SetScorecardExpectationsInput!) {
    setScorecardExpectations(input: $input) {
      expectations {
        year
        registrations
        activitiesPerMonth
        onTimeRate
        poolCompliant
        defaults
        version
      }
    }
  }
`);
