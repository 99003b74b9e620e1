/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ActivityOverview($filter: ActivityFilter) {\n    districts {\n      code\n      name\n      kind\n    }\n    byKind: activityStats(filter: $filter, groupBy: [KIND]) {\n      kind\n      activities\n      participations\n      attended\n      hours\n      suppressed\n    }\n    byMonth: activityStats(filter: $filter, groupBy: [MONTH]) {\n      month\n      activities\n      participations\n      attended\n      hours\n      suppressed\n    }\n    byDistrict: activityStats(filter: $filter, groupBy: [DISTRICT]) {\n      district {\n        code\n        name\n      }\n      activities\n      participations\n      attended\n      hours\n      suppressed\n    }\n  }\n": typeof types.ActivityOverviewDocument,
    "\n  query Me($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      gender\n      birthYear\n      ethnicity\n      politicalAffiliation\n      education\n      category\n      profession\n      employer\n      position\n      returnee\n      district {\n        name\n      }\n      street {\n        name\n      }\n      community\n      idNumber\n      mobile\n      status\n      registeredOn\n    }\n  }\n": typeof types.MeDocument,
    "\n  query OwnOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      kind\n      district {\n        name\n      }\n      foundedOn\n      memberCount\n      members(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            role\n            startDate\n            person {\n              id\n              name\n              employer\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.OwnOrganizationDocument,
    "\n  query Overview($filter: PersonFilter, $streets: Boolean!) {\n    districts {\n      code\n      name\n      kind\n    }\n    total: personStats(filter: $filter, groupBy: []) {\n      count\n      suppressed\n    }\n    byDistrict: personStats(filter: $filter, groupBy: [DISTRICT]) {\n      district {\n        code\n        name\n      }\n      count\n      suppressed\n    }\n    byStreet: personStats(filter: $filter, groupBy: [STREET]) @include(if: $streets) {\n      street {\n        code\n        name\n      }\n      count\n      suppressed\n    }\n    byCategory: personStats(filter: $filter, groupBy: [CATEGORY]) {\n      category\n      count\n      suppressed\n    }\n    byAffiliation: personStats(filter: $filter, groupBy: [POLITICAL_AFFILIATION]) {\n      politicalAffiliation\n      count\n      suppressed\n    }\n    byEducation: personStats(filter: $filter, groupBy: [EDUCATION]) {\n      education\n      count\n      suppressed\n    }\n    byReturnee: personStats(filter: $filter, groupBy: [RETURNEE]) {\n      returnee\n      count\n      suppressed\n    }\n  }\n": typeof types.OverviewDocument,
    "\n  query TalentPoolCompliance($year: Int!) {\n    talentPoolCompliance(year: $year) {\n      level\n      district {\n        code\n        name\n      }\n      year\n      count\n      underReview\n      minimum\n      maximum\n      compliant\n      shortfall\n      excess\n      suppressed\n    }\n  }\n": typeof types.TalentPoolComplianceDocument,
};
const documents: Documents = {
    "\n  query ActivityOverview($filter: ActivityFilter) {\n    districts {\n      code\n      name\n      kind\n    }\n    byKind: activityStats(filter: $filter, groupBy: [KIND]) {\n      kind\n      activities\n      participations\n      attended\n      hours\n      suppressed\n    }\n    byMonth: activityStats(filter: $filter, groupBy: [MONTH]) {\n      month\n      activities\n      participations\n      attended\n      hours\n      suppressed\n    }\n    byDistrict: activityStats(filter: $filter, groupBy: [DISTRICT]) {\n      district {\n        code\n        name\n      }\n      activities\n      participations\n      attended\n      hours\n      suppressed\n    }\n  }\n": types.ActivityOverviewDocument,
    "\n  query Me($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      gender\n      birthYear\n      ethnicity\n      politicalAffiliation\n      education\n      category\n      profession\n      employer\n      position\n      returnee\n      district {\n        name\n      }\n      street {\n        name\n      }\n      community\n      idNumber\n      mobile\n      status\n      registeredOn\n    }\n  }\n": types.MeDocument,
    "\n  query OwnOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      kind\n      district {\n        name\n      }\n      foundedOn\n      memberCount\n      members(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            role\n            startDate\n            person {\n              id\n              name\n              employer\n            }\n          }\n        }\n      }\n    }\n  }\n": types.OwnOrganizationDocument,
    "\n  query Overview($filter: PersonFilter, $streets: Boolean!) {\n    districts {\n      code\n      name\n      kind\n    }\n    total: personStats(filter: $filter, groupBy: []) {\n      count\n      suppressed\n    }\n    byDistrict: personStats(filter: $filter, groupBy: [DISTRICT]) {\n      district {\n        code\n        name\n      }\n      count\n      suppressed\n    }\n    byStreet: personStats(filter: $filter, groupBy: [STREET]) @include(if: $streets) {\n      street {\n        code\n        name\n      }\n      count\n      suppressed\n    }\n    byCategory: personStats(filter: $filter, groupBy: [CATEGORY]) {\n      category\n      count\n      suppressed\n    }\n    byAffiliation: personStats(filter: $filter, groupBy: [POLITICAL_AFFILIATION]) {\n      politicalAffiliation\n      count\n      suppressed\n    }\n    byEducation: personStats(filter: $filter, groupBy: [EDUCATION]) {\n      education\n      count\n      suppressed\n    }\n    byReturnee: personStats(filter: $filter, groupBy: [RETURNEE]) {\n      returnee\n      count\n      suppressed\n    }\n  }\n": types.OverviewDocument,
    "\n  query TalentPoolCompliance($year: Int!) {\n    talentPoolCompliance(year: $year) {\n      level\n      district {\n        code\n        name\n      }\n      year\n      count\n      underReview\n      minimum\n      maximum\n      compliant\n      shortfall\n      excess\n      suppressed\n    }\n  }\n": types.TalentPoolComplianceDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActivityOverview($filter: ActivityFilter) {\n    districts {\n      code\n      name\n      kind\n    }\n    byKind: activityStats(filter: $filter, groupBy: [KIND]) {\n      kind\n      activities\n      participations\n      attended\n      hours\n      suppressed\n    }\n    byMonth: activityStats(filter: $filter, groupBy: [MONTH]) {\n      month\n      activities\n      participations\n      attended\n      hours\n      suppressed\n    }\n    byDistrict: activityStats(filter: $filter, groupBy: [DISTRICT]) {\n      district {\n        code\n        name\n      }\n      activities\n      participations\n      attended\n      hours\n      suppressed\n    }\n  }\n"): typeof import('./graphql').ActivityOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      gender\n      birthYear\n      ethnicity\n      politicalAffiliation\n      education\n      category\n      profession\n      employer\n      position\n      returnee\n      district {\n        name\n      }\n      street {\n        name\n      }\n      community\n      idNumber\n      mobile\n      status\n      registeredOn\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OwnOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      kind\n      district {\n        name\n      }\n      foundedOn\n      memberCount\n      members(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            role\n            startDate\n            person {\n              id\n              name\n              employer\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OwnOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Overview($filter: PersonFilter, $streets: Boolean!) {\n    districts {\n      code\n      name\n      kind\n    }\n    total: personStats(filter: $filter, groupBy: []) {\n      count\n      suppressed\n    }\n    byDistrict: personStats(filter: $filter, groupBy: [DISTRICT]) {\n      district {\n        code\n        name\n      }\n      count\n      suppressed\n    }\n    byStreet: personStats(filter: $filter, groupBy: [STREET]) @include(if: $streets) {\n      street {\n        code\n        name\n      }\n      count\n      suppressed\n    }\n    byCategory: personStats(filter: $filter, groupBy: [CATEGORY]) {\n      category\n      count\n      suppressed\n    }\n    byAffiliation: personStats(filter: $filter, groupBy: [POLITICAL_AFFILIATION]) {\n      politicalAffiliation\n      count\n      suppressed\n    }\n    byEducation: personStats(filter: $filter, groupBy: [EDUCATION]) {\n      education\n      count\n      suppressed\n    }\n    byReturnee: personStats(filter: $filter, groupBy: [RETURNEE]) {\n      returnee\n      count\n      suppressed\n    }\n  }\n"): typeof import('./graphql').OverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TalentPoolCompliance($year: Int!) {\n    talentPoolCompliance(year: $year) {\n      level\n      district {\n        code\n        name\n      }\n      year\n      count\n      underReview\n      minimum\n      maximum\n      compliant\n      shortfall\n      excess\n      suppressed\n    }\n  }\n"): typeof import('./graphql').TalentPoolComplianceDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
