import { graphql } from '../../gql';

/** The activity page's numbers in one request: by kind, by month and by district. */
export const ActivitiesDocument = graphql(`
  query ActivityOverview($filter: ActivityFilter) {
    districts {
      code
      name
      kind
    }
    byKind: activityStats(filter: $filter, groupBy: [KIND]) {
      kind
      activities
      participations
      attended
      hours
      suppressed
    }
    byMonth: activityStats(filter: $filter, groupBy: [MONTH]) {
      month
      activities
      participations
      attended
      hours
      suppressed
    }
    byDistrict: activityStats(filter: $filter, groupBy: [DISTRICT]) {
      district {
        code
        name
      }
      activities
      participations
      attended
      hours
      suppressed
    }
  }
`);
