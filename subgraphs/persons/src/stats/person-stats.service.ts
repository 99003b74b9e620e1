import { assertCanReadAggregates, districtOf, ForbiddenError, personListDistricts, RequestContext, Role, StatsDisclosure, streetOf, todayInChina } from '@tongxin/common';
import type { PersonFilter } from '../person/person.inputs';
import type { PersonService } from '../person/person.service';
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
function derived(d: DerivedDimension, year: number, isSqlite: boolean): string {
  if (d === PersonStatsDimension.REGISTERED_MONTH) return isSqlite ? 'substr(p.registeredOn, 1, 7)' : "DATE_FORMAT(p.registeredOn, '%Y-%m')";
  // The band's position in AGE_BANDS (so that bands sort youngest first). Age a = year - birthYear
  // <= bound  <=>  birthYear >= year - bound (whole numbers, inlined).
  const cases = AGE_BAND_BOUNDS.map(([band, bound]) => `WHEN p.birthYear >= ${year - bound} THEN ${AGE_BANDS.indexOf(band)}`).join(' ');
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
    private readonly isSqlite: boolean,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  async stats(ctx: RequestContext<unknown>, groupBy: readonly PersonStatsDimension[], filter: PersonFilter | null | undefined): Promise<PersonStatsGroup[]> {
    assertCanReadAggregates(ctx.viewer);
    const viewer = ctx.viewer;
    // Counts by name would tell an association administrator who is in the register, which they may not list.
    if (!viewer.system && viewer.role === Role.ASSOCIATION_ADMIN && filter?.text) {
      throw new ForbiddenError('An association administrator cannot search the register: count it by district, category and the other dimensions.');
    }
    // One counting rule everywhere (DOMAIN.md, "Counting people"): registered (ACTIVE) persons unless the filter names statuses.
    const counted = { ...(filter ?? {}), statuses: filter?.statuses?.length ? filter.statuses : [PersonStatus.ACTIVE] };
    const { qb, byNumber } = this.persons.filtered(ctx, counted, (district) =>
      !viewer.system && viewer.role === Role.DISTRICT_ADMIN ? personListDistricts(viewer, district) : district ? [district] : null,
    );
    // A count by a whole number confirms it as a search does: the same daily limit (OutsideMatchLimiter).
    if (byNumber) await this.persons.admitNumberSearch(ctx, byNumber);
    const dimensions = [...new Set(groupBy)];
    qb.select('COUNT(*)', 'count');
    const year = Number(this.today().slice(0, 4));
    dimensions.forEach((d, i) => {
      // A column is grouped by itself (an index may serve it); a derived value by its alias.
      const expr = isDerived(d) ? derived(d, year, this.isSqlite) : COLUMN[d];
      const key = isDerived(d) ? `g${i}` : expr;
      qb.addSelect(expr, `g${i}`);
      if (i === 0) qb.groupBy(key);
      else qb.addGroupBy(key);
      qb.addOrderBy(key, 'ASC');
    });
    const rows: Record<string, string | number | null>[] = await qb.getRawMany();
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
