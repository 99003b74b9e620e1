import { assertCanReadAggregates, districtOf, ForbiddenError, personListDistricts, RequestContext, Role, StatsDisclosure, streetOf, todayInChina, TransactionalConnection } from '@tongxin/common';
import type { PersonFilter } from '../person/person.inputs';
import type { CheckedPersonFilter, PersonService } from '../person/person.service';
import { PERSON_TALLY_TABLE, PersonTallyFacet, PersonTallyPlan } from './person-tally';
import { Education, Gender, PersonCategory, PersonStatus, PoliticalAffiliation, Profession } from '../person/person.enums';
import { AGE_BAND_BOUNDS, AgeBand, PersonStatsDimension, PersonStatsGroup } from './person-stats.types';

/** The column each dimension groups by (the derived ones: `derived`). */
const COLUMN: Readonly<Record<Exclude<PersonStatsDimension, DerivedDimension>, string>> = {
  DISTRICT: 'p.districtCode',
  STREET: 'p.streetCode',
  CATEGORY: 'p.category',
  PROFESSION: 'p.profession',
  POLITICAL_AFFILIATION: 'p.politicalAffiliation',
  EDUCATION: 'p.education',
  GENDER: 'p.gender',
  RETURNEE: 'p.returnee',
};

/** The bands, youngest first. */
const AGE_BANDS: readonly AgeBand[] = Object.values(AgeBand);

type DerivedDimension = PersonStatsDimension.AGE_BAND | PersonStatsDimension.REGISTERED_MONTH;

function isDerived(d: PersonStatsDimension): d is DerivedDimension {
  return d === PersonStatsDimension.AGE_BAND || d === PersonStatsDimension.REGISTERED_MONTH;
}

/**
 * The SQL of a derived dimension: the age band from the birth year (the age reached in `year`),
 * the month of registration as YYYY-MM.
 */
function derived(d: DerivedDimension, year: number, isSqlite: boolean, birthYear = 'p.birthYear'): string {
  if (d === PersonStatsDimension.REGISTERED_MONTH) return isSqlite ? 'substr(p.registeredOn, 1, 7)' : "DATE_FORMAT(p.registeredOn, '%Y-%m')";
  // The band's position in AGE_BANDS (so that bands sort youngest first). Age a = year - birthYear
  // <= bound  <=>  birthYear >= year - bound (whole numbers, inlined).
  const cases = AGE_BAND_BOUNDS.map(([band, bound]) => `WHEN ${birthYear} >= ${year - bound} THEN ${AGE_BANDS.indexOf(band)}`).join(' ');
  return `CASE ${cases} ELSE ${AGE_BANDS.indexOf(AgeBand.FROM_56)} END`;
}

/**
 * Counts of the register for dashboards (`personStats`): one GROUP BY statement over the same
 * filter as `persons`. Every role but a person reads aggregates; a district administrator's are
 * limited to their district as their lists are (a filter of another district is FORBIDDEN);
 * analysts and association administrators count the whole city (association administrators
 * without the text filter: counts by name would list the register to them).
 *
 * Disclosure control (`StatsDisclosure`, docs/SECURITY.md "Statistics"): city administrators and
 * district administrators (whose counts are always of their own district) see exact groups. For
 * analysts and association administrators, groups under k are suppressed with their complement,
 * and shown counts are rounded to a multiple of k. A group's values are the persons' attributes,
 * so a suppressed group hides its values too: all of them are answered as one row whose
 * dimensions and count are null and `suppressed` true (also when nothing matches, since an empty
 * answer would say "none").
 */
export class PersonStatsService {
  constructor(
    private readonly persons: PersonService,
    private readonly conn: TransactionalConnection,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  private get isSqlite(): boolean {
    return this.conn.isSqlite;
  }

  async stats(ctx: RequestContext<unknown>, groupBy: readonly PersonStatsDimension[], filter: PersonFilter | null | undefined): Promise<PersonStatsGroup[]> {
    assertCanReadAggregates(ctx.viewer);
    const viewer = ctx.viewer;
    // Counts by name would tell an association administrator who is in the register, which they may not list.
    if (!viewer.system && viewer.role === Role.ASSOCIATION_ADMIN && filter?.text) {
      throw new ForbiddenError('An association administrator cannot search the register: count it by district, category and the other dimensions.');
    }
    // One counting rule everywhere (DOMAIN.md, "Counting people"): registered (ACTIVE) persons unless the filter names statuses.
    const counted = { ...(filter ?? {}), statuses: filter?.statuses?.length ? filter.statuses : [PersonStatus.ACTIVE] };
    const checked = this.persons.checkFilter(ctx, counted, (district) =>
      !viewer.system && viewer.role === Role.DISTRICT_ADMIN ? personListDistricts(viewer, district) : district ? [district] : null,
    );
    const byNumber = checked.byNumber;
    // A count by a whole number confirms it as a search does: the same daily limit (OutsideMatchLimiter).
    if (byNumber) await this.persons.admitNumberSearch(ctx, byNumber);
    const dimensions = [...new Set(groupBy)];
    const year = Number(this.today().slice(0, 4));
    const plan = tallyPlan(dimensions, checked);
    const rows = plan ? await this.fromTally(ctx, plan, dimensions, checked, year) : await this.fromRegister(ctx, dimensions, checked, year);
    if (byNumber)
      await this.persons.auditNumberSearch(
        ctx,
        byNumber,
        rows.reduce((n, r) => n + Number(r.count), 0),
      );
    // The one district all of the answer counts, if it is limited to one (a district
    // administrator's always is); grouped by district, each group's own.
    const scoped = !viewer.system && viewer.role === Role.DISTRICT_ADMIN ? viewer.districtCode : (filter?.districtCode ?? null);
    const byDistrict = dimensions.indexOf(PersonStatsDimension.DISTRICT);
    const disclosure = new StatsDisclosure(viewer);
    const how = disclosure.groups(
      rows,
      (r) => Number(r.count),
      (r) => ({ districtCode: byDistrict >= 0 ? (r[`g${byDistrict}`] === null ? null : String(r[`g${byDistrict}`])) : scoped }),
    );
    const suppressed = how.includes('SUPPRESSED') || (rows.length === 0 && !disclosure.exempt({ districtCode: scoped }));
    const groups: PersonStatsGroup[] = [];
    rows.forEach((r, i) => {
      if (how[i] === 'SUPPRESSED') return;
      const g = emptyGroup(disclosure.count(Number(r.count), how[i]!), false);
      dimensions.forEach((d, j) => {
        const v = r[`g${j}`] ?? null;
        switch (d) {
          case PersonStatsDimension.DISTRICT:
            g.district = v === null ? null : districtOf(String(v));
            break;
          case PersonStatsDimension.STREET:
            g.street = streetOf(v === null ? null : String(v));
            break;
          case PersonStatsDimension.CATEGORY:
            g.category = v as PersonCategory | null;
            break;
          case PersonStatsDimension.PROFESSION:
            g.profession = v as Profession | null;
            break;
          case PersonStatsDimension.POLITICAL_AFFILIATION:
            g.politicalAffiliation = v as PoliticalAffiliation | null;
            break;
          case PersonStatsDimension.EDUCATION:
            g.education = v as Education | null;
            break;
          case PersonStatsDimension.GENDER:
            g.gender = v as Gender | null;
            break;
          case PersonStatsDimension.RETURNEE:
            g.returnee = v === null ? null : Boolean(Number(v));
            break;
          case PersonStatsDimension.AGE_BAND:
            g.ageBand = v === null ? null : AGE_BANDS[Number(v)]!;
            break;
          case PersonStatsDimension.REGISTERED_MONTH:
            g.registeredMonth = v === null ? null : String(v);
            break;
        }
      });
      groups.push(g);
    });
    if (suppressed) groups.push(emptyGroup(null, true));
    return groups;
  }

  /** The groups counted on the register itself: one GROUP BY over the persons the filter selects. */
  fromRegister(ctx: RequestContext<unknown>, dimensions: readonly PersonStatsDimension[], checked: CheckedPersonFilter, year: number): Promise<Record<string, string | number | null>[]> {
    const qb = this.persons.select(ctx, checked);
    qb.select('COUNT(*)', 'count');
    dimensions.forEach((d, i) => {
      // A column is grouped by itself (an index may serve it); a derived value by its alias.
      const expr = isDerived(d) ? derived(d, year, this.isSqlite) : COLUMN[d];
      const key = isDerived(d) ? `g${i}` : expr;
      qb.addSelect(expr, `g${i}`);
      if (i === 0) qb.groupBy(key);
      else qb.addGroupBy(key);
      qb.addOrderBy(key, 'ASC');
    });
    return qb.getRawMany();
  }

  /**
   * The same groups from the maintained counts (`person_tally`, see person-tally.ts): the rows of
   * one facet, summed as the register's GROUP BY would count them, with the same values and order
   * (a null value is stored as '' and sorts first, as NULL does).
   */
  async fromTally(
    ctx: RequestContext<unknown>,
    plan: PersonTallyPlan,
    dimensions: readonly PersonStatsDimension[],
    checked: CheckedPersonFilter,
    year: number,
  ): Promise<Record<string, string | number | null>[]> {
    const qb = this.conn
      .manager(ctx)
      .createQueryBuilder()
      .from(PERSON_TALLY_TABLE, 't')
      .select('SUM(t.n)', 'count')
      .where('t.facet = :facet', { facet: plan.facet })
      .andWhere('t.status IN (:...statuses)', { statuses: checked.statuses });
    if (checked.districts) qb.andWhere('t.district_code IN (:...districts)', { districts: checked.districts });
    if (checked.category) qb.andWhere('t.category = :category', { category: checked.category });
    if (plan.value !== null) qb.andWhere('t.value = :value', { value: plan.value });
    if (plan.months?.from) qb.andWhere('t.value >= :monthFrom', { monthFrom: plan.months.from });
    if (plan.months?.to) qb.andWhere('t.value <= :monthTo', { monthTo: plan.months.to });
    const birthYear = this.isSqlite ? 'CAST(t.value AS INTEGER)' : 'CAST(t.value AS SIGNED)';
    dimensions.forEach((d, i) => {
      const expr =
        d === PersonStatsDimension.DISTRICT
          ? 't.district_code'
          : d === PersonStatsDimension.CATEGORY
            ? 't.category'
            : d === PersonStatsDimension.AGE_BAND
              ? derived(d, year, this.isSqlite, birthYear)
              : 't.value';
      qb.addSelect(expr, `g${i}`);
      if (i === 0) qb.groupBy(expr);
      else qb.addGroupBy(expr);
      qb.addOrderBy(expr, 'ASC');
    });
    // Groups whose persons all went stay in the tally as zero rows; with no dimension the one
    // total is answered even when it is 0, as COUNT(*) answers it.
    if (dimensions.length) qb.having('SUM(t.n) > 0');
    const rows: Record<string, string | number | null>[] = await qb.getRawMany();
    // The facets whose value may be null on the register: stored as ''.
    const nullable = dimensions.map((d) => d === PersonStatsDimension.STREET || d === PersonStatsDimension.EDUCATION);
    return rows.map((r) => {
      const out: Record<string, string | number | null> = { count: r.count ?? 0 };
      dimensions.forEach((_d, i) => {
        const v = r[`g${i}`] ?? null;
        out[`g${i}`] = nullable[i] && v === '' ? null : v;
      });
      return out;
    });
  }
}

/** The facet of the tally that holds a dimension of personStats (DISTRICT and CATEGORY: every facet; GENDER and PROFESSION: none). */
const FACET_OF: Partial<Record<PersonStatsDimension, PersonTallyFacet>> = {
  STREET: PersonTallyFacet.STREET,
  POLITICAL_AFFILIATION: PersonTallyFacet.POLITICAL_AFFILIATION,
  EDUCATION: PersonTallyFacet.EDUCATION,
  RETURNEE: PersonTallyFacet.RETURNEE,
  AGE_BAND: PersonTallyFacet.BIRTH_YEAR,
  REGISTERED_MONTH: PersonTallyFacet.REGISTERED_MONTH,
};

/** The last day of a date's month, as YYYY-MM-DD. */
function lastDayOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date.slice(0, 8)}${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * Whether the tally can answer a request, and how: grouped and filtered only by status, district,
 * category and at most one facet (a street, a political affiliation, an education, returnee or not,
 * the birth year for age bands, the month of registration for a filter by registration dates that
 * begin and end on whole months). Anything else (a text or number search, a community, a
 * profession or gender, two facets, dates inside a month) is counted on the register (null).
 */
export function tallyPlan(dimensions: readonly PersonStatsDimension[], f: CheckedPersonFilter): PersonTallyPlan | null {
  if (f.text || f.byNumber || f.community !== null || f.profession) return null;
  const facets = new Set<PersonTallyFacet>();
  for (const d of dimensions) {
    if (d === PersonStatsDimension.DISTRICT || d === PersonStatsDimension.CATEGORY) continue;
    const facet = FACET_OF[d];
    if (!facet) return null;
    facets.add(facet);
  }
  let value: string | null = null;
  if (f.streetCode) {
    facets.add(PersonTallyFacet.STREET);
    value = f.streetCode;
  }
  if (f.politicalAffiliation) {
    facets.add(PersonTallyFacet.POLITICAL_AFFILIATION);
    value = f.politicalAffiliation;
  }
  if (f.returnee !== null) {
    facets.add(PersonTallyFacet.RETURNEE);
    value = f.returnee ? '1' : '0';
  }
  let months: PersonTallyPlan['months'] = null;
  if (f.registeredFrom || f.registeredTo) {
    if (f.registeredFrom && !f.registeredFrom.endsWith('-01')) return null;
    if (f.registeredTo && f.registeredTo !== lastDayOfMonth(f.registeredTo)) return null;
    facets.add(PersonTallyFacet.REGISTERED_MONTH);
    months = { from: f.registeredFrom?.slice(0, 7) ?? null, to: f.registeredTo?.slice(0, 7) ?? null };
  }
  if (facets.size > 1) return null;
  // With no facet asked for, the smallest one (two values per group) serves: every facet counts every person once.
  return { facet: [...facets][0] ?? PersonTallyFacet.RETURNEE, value, months };
}

/** A group with no dimension set: filled in for a shown group, or, as `emptyGroup(null, true)`, the groups too small to show, together. */
function emptyGroup(count: number | null, suppressed: boolean): PersonStatsGroup {
  return Object.assign(new PersonStatsGroup(), {
    district: null,
    street: null,
    category: null,
    profession: null,
    politicalAffiliation: null,
    education: null,
    gender: null,
    returnee: null,
    ageBand: null,
    registeredMonth: null,
    count,
    suppressed,
  });
}
