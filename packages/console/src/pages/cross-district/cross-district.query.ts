import { graphql } from '../../gql';

/** The whole grid, the empty cells with 0 (zeroFilled), in one request. */
export const CrossDistrictDocument = graphql(`
  query CrossDistrict {
    crossDistrictMatrix(zeroFilled: true) {
      personDistrict {
        code
        name
      }
      organizationDistrict {
        code
        name
      }
      persons
      memberships
      suppressed
    }
  }
`);

/** The memberships behind one cell, asked for when the cell is opened, a page at a time (after: the last page's endCursor). */
export const CrossDistrictMembersDocument = graphql(`
  query CrossDistrictMembers($personDistrictCode: String!, $organizationDistrictCode: String!, $first: Int!, $after: String) {
    crossDistrictMembers(personDistrictCode: $personDistrictCode, organizationDistrictCode: $organizationDistrictCode, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          role
          startDate
          person {
            id
            name
          }
          organization {
            id
            name
          }
        }
      }
    }
  }
`);
