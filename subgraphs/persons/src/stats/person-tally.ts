import type { TallyColumn, TallyDialect, TallyRow, TallySpec } from '@tongxin/common';

/**
 * The register's counts kept by the database (issue 16 §4): `person_tally` holds, per facet, how
 * many persons share a status, a district, a category and the facet's value, kept exact by
 * triggers in every transaction that writes `person` (packages/common/src/db/tally.ts). A
 * `personStats` request that groups and filters by those columns and one facet reads a few
 * hundred of its rows instead of the register (PersonStatsService says which requests do).
 *
 * Changing a facet's definition needs a migration that drops and recreates the tally (the
 * PersonTally migrations create it from these specs).
 */
export enum PersonTallyFacet {
  STREET = 'STREET',
  POLITICAL_AFFILIATION = 'POLITICAL_AFFILIATION',
  EDUCATION = 'EDUCATION',
  RETURNEE = 'RETURNEE',
  BIRTH_YEAR = 'BIRTH_YEAR',
  REGISTERED_MONTH = 'REGISTERED_MONTH',
}

export const PERSON_TALLY_TABLE = 'person_tally';

/** A facet's value: text, '' for null. */
const FACET_VALUE: Readonly<Record<PersonTallyFacet, { readonly column: string; readonly value: (r: TallyRow, dialect: TallyDialect) => string }>> = {
  STREET: { column: 'street_code', value: (r) => `${r.src}.street_code` },
  POLITICAL_AFFILIATION: { column: 'political_affiliation', value: (r) => `${r.src}.political_affiliation` },
  EDUCATION: { column: 'education', value: (r) => `${r.src}.education` },
  RETURNEE: { column: 'returnee', value: (r) => `CASE WHEN ${r.src}.returnee THEN '1' ELSE '0' END` },
  BIRTH_YEAR: { column: 'birth_year', value: (r, d) => `CAST(${r.src}.birth_year AS ${d === 'mysql' ? 'CHAR' : 'TEXT'})` },
  REGISTERED_MONTH: { column: 'registered_on', value: (r, d) => (d === 'mysql' ? `DATE_FORMAT(${r.src}.registered_on, '%Y-%m')` : `substr(${r.src}.registered_on, 1, 7)`) },
};

const column = (name: string, type: string, value: TallyColumn['value'], empty?: string): TallyColumn => ({ column: name, type, value, ...(empty === undefined ? {} : { empty }) });

/** One spec per facet, all adding to `person_tally`. */
export const PERSON_TALLY_SPECS: readonly TallySpec[] = Object.values(PersonTallyFacet).map((facet) => ({
  table: PERSON_TALLY_TABLE,
  source: 'person',
  watch: ['status', 'district_code', 'category', FACET_VALUE[facet].column],
  dimensions: [
    column('facet', 'varchar(24)', () => `'${facet}'`),
    column('status', 'varchar(12)', (r) => `${r.src}.status`),
    column('district_code', 'varchar(6)', (r) => `${r.src}.district_code`),
    column('category', 'varchar(24)', (r) => `${r.src}.category`),
    column('value', 'varchar(32)', FACET_VALUE[facet].value, ''),
  ],
  measures: [column('n', 'int', () => '1')],
}));

/** The tally rows a personStats request reads: one facet, and what the filter asks of its columns. */
export interface PersonTallyPlan {
  readonly facet: PersonTallyFacet;
  /** The facet's value the filter asks for, if any. */
  readonly value: string | null;
  /** For REGISTERED_MONTH: the months (YYYY-MM) the filter's registration dates span, whole months only. */
  readonly months: { readonly from: string | null; readonly to: string | null } | null;
}
