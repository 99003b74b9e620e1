import { graphql } from '../../gql';

/** Everything 意见诉求 shows, in one request (aliases of feedbackStats); by district only for the city's roles. */
export const FeedbackDocument = graphql(`
  query Feedback($filter: FeedbackStatsFilter, $districts: Boolean!) {
    districts {
      code
      name
      kind
    }
    total: feedbackStats(filter: $filter, groupBy: []) {
      count
      open
      overdue
      responded
      respondedOnTime
      suppressed
    }
    byStatus: feedbackStats(filter: $filter, groupBy: [STATUS]) {
      status
      count
      suppressed
    }
    byKind: feedbackStats(filter: $filter, groupBy: [KIND]) {
      kind
      count
      suppressed
    }
    byDistrict: feedbackStats(filter: $filter, groupBy: [DISTRICT]) @include(if: $districts) {
      district {
        code
        name
      }
      count
      overdue
      suppressed
    }
    byMonth: feedbackStats(filter: $filter, groupBy: [MONTH]) {
      month
      count
      suppressed
    }
  }
`);
