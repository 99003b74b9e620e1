import { graphql } from '../../gql';

/**
 * Everything the overview shows, in one request (aliases of personStats); streets only for one
 * district; registrations per month over their own period ($monthFilter: the year, or the last years).
 */
export const OverviewDocument = graphql(`
  query Overview($filter: PersonFilter, $monthFilter: PersonFilter, $streets: Boolean!) {
    districts {
      code
      name
      kind
    }
    total: personStats(filter: $filter, groupBy: []) {
      count
      suppressed
    }
    byDistrict: personStats(filter: $filter, groupBy: [DISTRICT]) {
      district {
        code
        name
      }
      count
      suppressed
    }
    byStreet: personStats(filter: $filter, groupBy: [STREET]) @include(if: $streets) {
      street {
        code
        name
      }
      count
      suppressed
    }
    byCategory: personStats(filter: $filter, groupBy: [CATEGORY]) {
      category
      count
      suppressed
    }
    byAffiliation: personStats(filter: $filter, groupBy: [POLITICAL_AFFILIATION]) {
      politicalAffiliation
      count
      suppressed
    }
    byEducation: personStats(filter: $filter, groupBy: [EDUCATION]) {
      education
      count
      suppressed
    }
    byReturnee: personStats(filter: $filter, groupBy: [RETURNEE]) {
      returnee
      count
      suppressed
    }
    byAgeBand: personStats(filter: $filter, groupBy: [AGE_BAND]) {
      ageBand
      count
      suppressed
    }
    byMonth: personStats(filter: $monthFilter, groupBy: [REGISTERED_MONTH]) {
      registeredMonth
      count
      suppressed
    }
  }
`);
