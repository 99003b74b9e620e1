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

/** The memberships behind one cell, asked for when the cell is opened. */
export const CrossDistrictMembersDocument = graphql(`
  query CrossDistrictMembers($personDistrictCode: String!, $organizationDistrictCode: String!, $first: Int!) {
    crossDistrictMembers(personDistrictCode: $personDistrictCode, organizationDistrictCode: $organizationDistrictCode, first: $first) {
      totalCount
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
