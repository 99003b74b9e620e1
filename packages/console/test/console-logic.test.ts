import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSchema, GraphQLEnumType } from 'graphql';
import { homeOf, mayViewDistrict, viewerOf } from '../src/auth/claims';
import { activityFilterOf, feedbackFilterOf, monthOf, monthRangeOf, personFilterOf, readActivityFilters, readFilters, recentYears, registrationMonthsFilterOf, writeFilters } from '../src/filters';
import { barOption } from '../src/charts/options';
import { formatCompact, formatCount, formatDate, formatDateTime, formatShare } from '../src/format';
import {
  ACTIVITY_KIND_LABELS,
  AFFILIATION_LABELS,
  COMPOSITE_BAND_LABELS,
  AGE_BAND_LABELS,
  FEEDBACK_KIND_LABELS,
  FEEDBACK_STATUS_LABELS,
  CATEGORY_LABELS,
  EDUCATION_LABELS,
  GENDER_LABELS,
  MEMBERSHIP_ROLE_LABELS,
  ORGANIZATION_KIND_LABELS,
  PERSON_STATUS_LABELS,
  PROFESSION_LABELS,
  monthLabel,
} from '../src/labels';
import { complianceLabel, complianceSheet, poolCount, quotaLabel, yearOf } from '../src/pages/talent-pool/compliance';
import { averageLabel, evaluationRows } from '../src/pages/talent-pool/evaluation';
import { matrixOf } from '../src/pages/cross-district/matrix';
import { appendPage } from '../src/pages/cross-district/pair-list';
import { expectationsText, expectedActivities, formatRate, monthsSoFar, scorecardOf, scorecardSheet, scorecardVariables } from '../src/pages/scorecard/scorecard';
import { apiErrorsOf, expectationsInputOf, formValuesOf } from '../src/pages/scorecard/expectations-form';
import { ApiError } from '../src/api/client';
import { displayCount, fillMonths, inOrderOf, measureRows, monthsBetween, rateOf, sheetOf, shownTotal, StatRow, SUPPRESSED_LABEL, toRows } from '../src/stats';

/** The console's own logic: filters in the address, Chinese formats, suppressed groups, claims, labels. */

describe('filters in the address', () => {
  it('reads district and category, dropping what the API would refuse', () => {
    expect(readFilters('?district=330302&category=PRIVATE_TECH')).toEqual({ district: '330302', category: 'PRIVATE_TECH', year: null });
    expect(readFilters('?year=2025')).toEqual({ district: null, category: null, year: '2025' });
    expect(readFilters('')).toEqual({ district: null, category: null, year: null });
    expect(readFilters('?district=33030&category=NOPE&year=25')).toEqual({ district: null, category: null, year: null });
    expect(readFilters('?district=330302x&category=&year=2025x')).toEqual({ district: null, category: null, year: null });
  });

  it('writes them over the other parameters, removing an emptied one', () => {
    expect(writeFilters('', { district: '330302', category: null })).toBe('?district=330302');
    expect(writeFilters('?district=330302&tab=2', { district: null, category: 'FREELANCER' })).toBe('?tab=2&category=FREELANCER');
    expect(writeFilters('?district=330302', { district: null, category: null })).toBe('');
    const filters = { district: '330303', category: 'SELF_EMPLOYED', year: '2024' } as const;
    expect(readFilters(writeFilters('', filters))).toEqual(filters);
  });

  it('makes the API filter, a fixed district (a district administrator) winning over the address', () => {
    expect(personFilterOf({ district: null, category: null })).toEqual({});
    expect(personFilterOf({ district: '330303', category: 'FREELANCER' })).toEqual({ districtCode: '330303', category: 'FREELANCER' });
    expect(personFilterOf({ district: '330303', category: null }, '330302')).toEqual({ districtCode: '330302' });
    expect(personFilterOf({ district: null, category: null, year: '2025' })).toEqual({ registeredFrom: '2025-01-01', registeredTo: '2025-12-31' });
  });

  it('counts registrations per month over the chosen year, or else the last three years', () => {
    const now = new Date(2026, 11, 7);
    expect(registrationMonthsFilterOf({ district: null, category: null, year: null }, null, now)).toEqual({ registeredFrom: '2024-01-01' });
    expect(registrationMonthsFilterOf({ district: '330303', category: 'FREELANCER', year: null }, '330302', now)).toEqual({
      districtCode: '330302',
      category: 'FREELANCER',
      registeredFrom: '2024-01-01',
    });
    expect(registrationMonthsFilterOf({ district: null, category: null, year: '2025' }, null, now)).toEqual({ registeredFrom: '2025-01-01', registeredTo: '2025-12-31' });
  });
});

describe("the activity page's filters", () => {
  it('reads district and year, dropping malformed ones', () => {
    expect(readActivityFilters('?district=330302&year=2026')).toEqual({ district: '330302', year: '2026' });
    expect(readActivityFilters('?year=26&district=x')).toEqual({ district: null, year: null });
  });

  it('asks the API for the activities that start in the year, China time', () => {
    expect(activityFilterOf({ district: null, year: '2026' })).toEqual({ startsFrom: '2026-01-01T00:00:00+08:00', startsBefore: '2027-01-01T00:00:00+08:00' });
    expect(activityFilterOf({ district: '330303', year: null }, '330302')).toEqual({ districtCode: '330302' });
    expect(activityFilterOf({ district: null, year: null })).toEqual({});
  });

  it('offers this year and the four before it', () => {
    expect(recentYears(new Date(2026, 11, 7))).toEqual(['2026', '2025', '2024', '2023', '2022']);
  });

  it('writes months as 年月', () => {
    expect(monthLabel('2026-03')).toBe('2026年3月');
    expect(monthLabel('2026-12')).toBe('2026年12月');
  });
});

describe('feedback statistics', () => {
  it('asks the API for the feedback submitted in the year (China dates), a fixed district winning', () => {
    expect(feedbackFilterOf({ district: '330303', year: '2026' })).toEqual({ districtCode: '330303', submittedFrom: '2026-01-01', submittedTo: '2026-12-31' });
    expect(feedbackFilterOf({ district: '330303', year: null }, '330302')).toEqual({ districtCode: '330302' });
    expect(feedbackFilterOf({ district: null, year: null })).toEqual({});
  });

  it('shows one measure per group, "<5" where the group or the measure is withheld', () => {
    const groups = [
      { code: '330302', overdue: 3, suppressed: false },
      { code: '330303', overdue: null, suppressed: false },
      { code: '330304', overdue: 7, suppressed: true },
      { code: null, overdue: null, suppressed: true },
    ];
    const rows = measureRows(
      groups,
      (g) => g.code,
      (c) => `区${c}`,
      (g) => g.overdue,
    );
    expect(rows.map((r) => [r.label, displayCount(r)])).toEqual([
      ['区330302', '3'],
      ['区330303', '<5'],
      ['区330304', '<5'],
      [SUPPRESSED_LABEL, '<5'],
    ]);
    expect(shownTotal(rows)).toBe(3);
  });

  it('rates replies on time only when there are replies and they are not withheld', () => {
    expect(rateOf(9, 10)).toBe(0.9);
    expect(rateOf(0, 0)).toBeNull();
    expect(rateOf(null, 10)).toBeNull();
  });
});

describe('talent-pool compliance', () => {
  const city = { district: { code: '330300', name: '温州市' }, count: 120, underReview: 3, minimum: 100, maximum: 150, compliant: true, shortfall: 0, excess: 0, suppressed: false };
  const short = { district: { code: '330302', name: '鹿城区' }, count: 18, underReview: null, minimum: 30, maximum: null, compliant: false, shortfall: 12, excess: 0, suppressed: true };

  it('marks shortfalls and excesses, and withheld counts as "<5"', () => {
    expect(complianceLabel(city)).toBe('达标');
    expect(complianceLabel(short)).toBe('缺 12 人');
    expect(complianceLabel({ compliant: false, shortfall: 0, excess: 1200, suppressed: false })).toBe('超出 1,200 人');
    expect(complianceLabel({ compliant: false, shortfall: null, excess: null, suppressed: true })).toBe('未达标');
    expect(poolCount(1234, false)).toBe('1,234');
    expect(poolCount(null, true)).toBe('<5');
    expect(quotaLabel(city)).toBe('100–150 人');
    expect(quotaLabel(short)).toBe('至少 30 人');
  });

  it('writes the download with the numbers, "<5" where withheld', () => {
    expect(complianceSheet(2026, [city, short])).toEqual([
      ['2026年人才库达标情况'],
      ['人才库', '在库人数', '待确认', '最低人数', '最高人数', '是否达标', '缺额'],
      ['温州市', 120, 3, 100, 150, '达标', 0],
      ['鹿城区', 18, '<5', 30, '', '未达标', 12],
    ]);
  });

  it('reads the year from the address, this year by default', () => {
    expect(yearOf('?year=2025', new Date(2026, 5, 1))).toBe(2025);
    expect(yearOf('?year=abc', new Date(2026, 5, 1))).toBe(2026);
    expect(yearOf('', new Date(2026, 5, 1))).toBe(2026);
  });
});

describe('Chinese number and date formats', () => {
  it('groups counts, writes large ones in 万 and 亿, shares in percent', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
    expect(formatCompact(9800)).toBe('9,800');
    expect(formatCompact(12345)).toBe('1.2万');
    expect(formatCompact(123456789)).toBe('1.2亿');
    expect(formatShare(1, 8)).toBe('12.5%');
    expect(formatShare(1, 0)).toBe('—');
  });

  it('writes dates as 年月日', () => {
    expect(formatDate('2026-12-07')).toBe('2026年12月7日');
    expect(formatDate(null)).toBe('');
    expect(formatDateTime(new Date(2026, 0, 5, 9, 3))).toBe('2026年1月5日 09:03');
  });
});

describe('suppressed groups', () => {
  const groups = [
    { category: 'SELF_EMPLOYED', count: 10, suppressed: false },
    { category: null, count: null, suppressed: true },
    { category: 'PRIVATE_TECH', count: 25, suppressed: false },
    { category: 'FREELANCER', count: 5, suppressed: false },
  ];
  const rows = toRows(
    groups,
    (g) => g.category,
    (v) => CATEGORY_LABELS[v]!,
  );

  it('are shown as "<5", last, apart from the groups shown by count', () => {
    expect(rows.map((r) => [r.label, displayCount(r)])).toEqual([
      ['民营科技企业创业人员和技术人员', '25'],
      ['个体户', '10'],
      ['自由职业人员', '5'],
      [SUPPRESSED_LABEL, '<5'],
    ]);
    expect(displayCount({ count: 12345, suppressed: false })).toBe('12,345');
  });

  it('stay out of the total of the counts shown', () => {
    expect(shownTotal(rows)).toBe(40);
    expect(shownTotal(toRows([{ category: null, count: null, suppressed: true }], (g) => g.category, String))).toBeNull();
    expect(shownTotal([])).toBe(0);
  });

  it('are written "<5" in the downloaded sheet, the other counts as numbers', () => {
    expect(sheetOf('各类别登记人员', '类别', rows)).toEqual([
      ['各类别登记人员'],
      ['类别', '人数'],
      ['民营科技企业创业人员和技术人员', 25],
      ['个体户', 10],
      ['自由职业人员', 5],
      [SUPPRESSED_LABEL, '<5'],
    ]);
  });

  it('stay last when rows follow the order of an enum', () => {
    const education = toRows(
      [
        { education: 'MASTER', count: 7, suppressed: false },
        { education: null, count: null, suppressed: true },
        { education: 'JUNIOR_HIGH_OR_BELOW', count: 9, suppressed: false },
        { education: null, count: 6, suppressed: false },
      ],
      (g) => g.education,
      (v) => EDUCATION_LABELS[v]!,
      true,
    );
    expect(inOrderOf(EDUCATION_LABELS, education).map((r) => r.label)).toEqual(['初中及以下', '硕士研究生', '未填写', SUPPRESSED_LABEL]);
  });

  it('label a group whose value is not recorded 未填写', () => {
    expect(toRows([{ category: null, count: 3, suppressed: false }], (g) => g.category, String)[0]!.label).toBe('未填写');
  });
});

describe('the viewer of an access token', () => {
  const token = (claims: Record<string, unknown>) => `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.y`;

  it('reads role, district, organization and person, names in Chinese included', () => {
    expect(viewerOf(token({ sub: 'a1', role: 'DISTRICT_ADMIN', district: '330302', name: '鹿城区管理员' }))).toEqual({
      sub: 'a1',
      name: '鹿城区管理员',
      role: 'DISTRICT_ADMIN',
      district: '330302',
      org: null,
      person: null,
    });
    expect(viewerOf(token({ sub: 'p', role: 'PERSON', person: 'per-1' }), '张三')).toMatchObject({ name: '张三', person: 'per-1' });
  });

  it('is null for a token without a known role, or not a JWT', () => {
    expect(viewerOf(token({ sub: 'a', role: 'SERVICE' }))).toBeNull();
    expect(viewerOf('opaque-token')).toBeNull();
    expect(viewerOf('a.%%%.b')).toBeNull();
  });

  it('reads the claims the gateway names (/console-config.json): renamed, dotted paths, an array of roles, mapped role values', () => {
    const keycloak = { claims: { role: 'realm_access.roles', district: 'https://tongxin.example/district', org: 'tongxin.org', person: 'tx_person' } };
    expect(viewerOf(token({ sub: 'd', realm_access: { roles: ['offline_access', 'DISTRICT_ADMIN'] }, 'https://tongxin.example/district': '330302' }), null, keycloak)).toMatchObject({
      role: 'DISTRICT_ADMIN',
      district: '330302',
    });
    // A dotted name whole first, then as a path.
    expect(viewerOf(token({ sub: 'a', realm_access: { roles: 'ASSOCIATION_ADMIN' }, 'tongxin.org': 'o1' }), null, keycloak)).toMatchObject({ role: 'ASSOCIATION_ADMIN', org: 'o1' });
    expect(viewerOf(token({ sub: 'a', realm_access: { roles: ['ASSOCIATION_ADMIN'] }, tongxin: { org: 'o2' } }), null, keycloak)).toMatchObject({ org: 'o2' });
    expect(viewerOf(token({ sub: 'p', realm_access: { roles: ['PERSON'] }, tx_person: 'p1', person: 'other' }), null, keycloak)).toMatchObject({ person: 'p1' });
    // The default names are not read any more; two roles are none (the services refuse such a token).
    expect(viewerOf(token({ sub: 'c', role: 'CITY_ADMIN' }), null, keycloak)).toBeNull();
    expect(viewerOf(token({ sub: 'c', realm_access: { roles: ['CITY_ADMIN', 'ANALYST'] } }), null, keycloak)).toBeNull();
    expect(viewerOf(token({ sub: 'c', realm_access: { roles: ['CITY_ADMIN', 'CITY_ADMIN'] } }), null, keycloak)).toMatchObject({ role: 'CITY_ADMIN' });
    const mapped = { ...keycloak, roleValues: { 'tongxin-city': 'CITY_ADMIN', 'tongxin-analyst': 'ANALYST' } as const };
    expect(viewerOf(token({ sub: 'c', realm_access: { roles: ['tongxin-analyst', 'staff'] } }), null, mapped)).toMatchObject({ role: 'ANALYST' });
    expect(viewerOf(token({ sub: 'c', realm_access: { roles: ['CITY_ADMIN'] } }), null, mapped)).toBeNull();
    expect(viewerOf(token({ sub: 'c', realm_access: { roles: ['constructor', 'toString'] } }), null, mapped)).toBeNull();
  });

  it('lands each role on its own page, a district administrator on their district only', () => {
    const v = (role: string, more: Record<string, unknown> = {}) => viewerOf(token({ sub: 's', role, ...more }))!;
    expect(homeOf(v('CITY_ADMIN'))).toBe('/overview');
    expect(homeOf(v('ANALYST'))).toBe('/overview');
    expect(homeOf(v('DISTRICT_ADMIN', { district: '330302' }))).toBe('/districts/330302');
    expect(homeOf(v('ASSOCIATION_ADMIN', { org: 'o1' }))).toBe('/organization');
    expect(homeOf(v('PERSON', { person: 'p1' }))).toBe('/me');
    expect(mayViewDistrict(v('DISTRICT_ADMIN', { district: '330302' }), '330302')).toBe(true);
    expect(mayViewDistrict(v('DISTRICT_ADMIN', { district: '330302' }), '330303')).toBe(false);
    expect(mayViewDistrict(v('ANALYST'), '330303')).toBe(true);
    expect(mayViewDistrict(v('ASSOCIATION_ADMIN', { org: 'o1' }), '330302')).toBe(false);
    expect(mayViewDistrict(v('PERSON', { person: 'p1' }), '330302')).toBe(false);
  });
});

it('names every value of the API enums it shows as the schema describes it', () => {
  const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../gateway/api-schema.graphql'), 'utf8'));
  const described = (name: string) => Object.fromEntries((schema.getType(name) as GraphQLEnumType).getValues().map((v) => [v.name, v.description]));
  expect(CATEGORY_LABELS).toEqual(described('PersonCategory'));
  expect(AFFILIATION_LABELS).toEqual(described('PoliticalAffiliation'));
  expect(GENDER_LABELS).toEqual(described('Gender'));
  expect(EDUCATION_LABELS).toEqual(described('Education'));
  expect(PROFESSION_LABELS).toEqual(described('Profession'));
  expect(MEMBERSHIP_ROLE_LABELS).toEqual(described('MembershipRole'));
  expect(ORGANIZATION_KIND_LABELS).toEqual(described('OrganizationKind'));
  expect(PERSON_STATUS_LABELS).toEqual(described('PersonStatus'));
  expect(ACTIVITY_KIND_LABELS).toEqual(described('ActivityKind'));
  expect(AGE_BAND_LABELS).toEqual(described('AgeBand'));
  expect(FEEDBACK_KIND_LABELS).toEqual(described('FeedbackKind'));
  expect(FEEDBACK_STATUS_LABELS).toEqual(described('FeedbackStatus'));
  expect(COMPOSITE_BAND_LABELS).toEqual(described('CompositeBand'));
});

describe('the cross-district matrix', () => {
  const d = (code: string, name: string) => ({ code, name });
  const cells = [
    { personDistrict: d('330303', '龙湾区'), organizationDistrict: d('330300', '温州市'), persons: 7, suppressed: false },
    { personDistrict: d('330302', '鹿城区'), organizationDistrict: d('330303', '龙湾区'), persons: null, suppressed: true },
    { personDistrict: d('330302', '鹿城区'), organizationDistrict: d('330300', '温州市'), persons: 12, suppressed: false },
    { personDistrict: d('330303', '龙湾区'), organizationDistrict: d('330303', '龙湾区'), persons: 0, suppressed: false },
    { personDistrict: d('330302', '鹿城区'), organizationDistrict: d('330302', '鹿城区'), persons: 30, suppressed: false },
    { personDistrict: d('330303', '龙湾区'), organizationDistrict: d('330302', '鹿城区'), persons: 5, suppressed: false },
  ];

  it('puts districts in code order, the city last as a column, and each cell where its pair meets', () => {
    const m = matrixOf(cells);
    expect(m.rows.map((r) => r.name)).toEqual(['鹿城区', '龙湾区']);
    expect(m.columns.map((c) => c.name)).toEqual(['鹿城区', '龙湾区', '温州市']);
    expect(m.cells.map((c) => c.value)).toEqual([
      [0, 0, 30],
      [1, 0, '-'],
      [2, 0, 12],
      [0, 1, 5],
      [1, 1, 0],
      [2, 1, 7],
    ]);
    expect(m.max).toBe(30);
  });

  it('lists every cell in the table, withheld ones "<5"', () => {
    expect(matrixOf(cells).table.map((r) => [r.label, displayCount(r)])).toEqual([
      ['鹿城区 → 鹿城区', '30'],
      ['鹿城区 → 龙湾区', '<5'],
      ['鹿城区 → 温州市', '12'],
      ['龙湾区 → 鹿城区', '5'],
      ['龙湾区 → 龙湾区', '0'],
      ['龙湾区 → 温州市', '7'],
    ]);
  });
});

describe('the district scorecard', () => {
  /** The API's defaults (scorecardExpectations when the city has set none). */
  const DEFAULTS = { registrations: 1, activitiesPerMonth: 1, onTimeRate: 0.9, poolCompliant: true };
  const data = {
    districts: [
      { code: '330300', name: '温州市', kind: 'CITY' },
      { code: '330303', name: '龙湾区', kind: 'DISTRICT' },
      { code: '330302', name: '鹿城区', kind: 'DISTRICT' },
    ],
    pools: [
      { district: { code: '330302' }, count: 40, compliant: true, shortfall: 0, excess: 0, suppressed: false },
      { district: { code: '330303' }, count: 10, compliant: false, shortfall: 5, excess: 0, suppressed: false },
    ],
    registrations: [{ district: { code: '330302' }, count: 25, suppressed: false }],
    activities: [
      { district: { code: '330302' }, activities: 12 },
      { district: { code: '330303' }, activities: 11 },
    ],
    feedback: [
      { district: { code: '330302' }, responded: 10, respondedOnTime: 9, suppressed: false },
      { district: { code: '330303' }, responded: 10, respondedOnTime: 8, suppressed: false },
    ],
  };

  it('counts the months of the year so far', () => {
    expect(monthsSoFar(2025, new Date(2026, 11, 7))).toBe(12);
    expect(monthsSoFar(2026, new Date(2026, 2, 7))).toBe(3);
    expect(monthsSoFar(2027, new Date(2026, 2, 7))).toBe(0);
  });

  it('marks each measure that falls short of the expectations, the city not assessed', () => {
    const rows = scorecardOf(data, 2025, DEFAULTS, new Date(2026, 0, 5));
    expect(rows.map((r) => r.name)).toEqual(['鹿城区', '龙湾区']);
    expect(rows[0]).toMatchObject({
      pool: { text: '40 人，达标', short: false },
      registrations: { text: '25 人', short: false },
      activities: { text: '12 场 / 应 12 场', short: false },
      onTime: { text: '90%（9/10）', short: false },
      shortfalls: 0,
    });
    expect(rows[1]).toMatchObject({
      pool: { text: '10 人，缺 5 人', short: true },
      registrations: { text: '0 人', short: true },
      activities: { short: true },
      onTime: { text: '80%（8/10）', short: true },
      shortfalls: 4,
    });
  });

  it('judges against the expectations it is given: another year, another judgement', () => {
    const now = new Date(2026, 0, 5);
    const strict = { registrations: 30, activitiesPerMonth: 1.5, onTimeRate: 0.95, poolCompliant: true };
    const rows = scorecardOf(data, 2025, strict, now);
    expect(rows[0]).toMatchObject({
      registrations: { text: '25 人', short: true },
      activities: { text: '12 场 / 应 18 场', short: true },
      onTime: { text: '90%（9/10）', short: true },
      shortfalls: 3,
    });
    const lenient = { registrations: 0, activitiesPerMonth: 0.5, onTimeRate: 0.8, poolCompliant: false };
    const easy = scorecardOf(data, 2025, lenient, now);
    expect(easy[1]).toMatchObject({
      pool: { text: '10 人，缺 5 人', short: false },
      registrations: { short: false },
      activities: { text: '11 场 / 应 6 场', short: false },
      onTime: { short: false },
      shortfalls: 0,
    });
    // 0.3 a month over 5 months is 1.5: two activities, rounded up.
    expect(expectedActivities({ ...lenient, activitiesPerMonth: 0.3 }, 2026, new Date(2026, 4, 5))).toBe(2);
    expect(expectedActivities({ ...lenient, activitiesPerMonth: 0.1 }, 2025, now)).toBe(2);
  });

  it('says the expectations in words, with the rate as a percentage', () => {
    expect(expectationsText(DEFAULTS)).toBe('人才库达标；本年登记至少 1 人；每月至少举办 1 场活动；按期答复率不低于 90%');
    expect(expectationsText({ registrations: 1200, activitiesPerMonth: 1.5, onTimeRate: 0.875, poolCompliant: false })).toBe(
      '人才库不作要求；本年登记至少 1,200 人；每月至少举办 1.5 场活动；按期答复率不低于 87.5%',
    );
    expect(formatRate(0.9999)).toBe('99.99%');
  });

  it('turns the form into the mutation input and the API errors into field errors in Chinese', () => {
    expect(formValuesOf({ ...DEFAULTS, onTimeRate: 0.875 })).toEqual({ registrations: 1, activitiesPerMonth: 1, onTimePercent: 87.5, poolCompliant: true });
    expect(expectationsInputOf({ registrations: 50, activitiesPerMonth: 2, onTimePercent: 87.55, poolCompliant: false }, 2026, 3)).toEqual({
      year: 2026,
      registrations: 50,
      activitiesPerMonth: 2,
      onTimeRate: 0.8755,
      poolCompliant: false,
      expectedVersion: 3,
    });
    const refused = new ApiError('查询条件无效。', 'BAD_USER_INPUT', [
      { field: 'input.onTimeRate', message: 'must be at most 1' },
      { field: 'input.registrations', message: 'must be at least 0' },
      { field: 'input.activitiesPerMonth', message: 'is required' },
      { field: 'input.year', message: 'must be at most 2027' },
    ]);
    expect(apiErrorsOf(refused)).toEqual({
      fields: [
        { name: 'onTimePercent', errors: ['须在 0% 到 100% 之间'] },
        { name: 'registrations', errors: ['不能小于 0'] },
        { name: 'activitiesPerMonth', errors: ['必填'] },
      ],
      form: '年度不能大于 2027',
    });
    expect(apiErrorsOf(new ApiError('数据已被他人修改，请刷新后重试。', 'CONFLICT'))).toEqual({ fields: [], form: '数据已被他人修改，请刷新后重试。' });
  });

  it('asks for the year from January 1 to December 31, China time, and writes the download', () => {
    expect(scorecardVariables(2026).activities).toEqual({ startsFrom: '2026-01-01T00:00:00+08:00', startsBefore: '2027-01-01T00:00:00+08:00' });
    const sheet = scorecardSheet(2025, scorecardOf(data, 2025, DEFAULTS, new Date(2026, 0, 5)), { ...DEFAULTS, defaults: true });
    expect(sheet[1]).toEqual(['考核标准（默认）：人才库达标；本年登记至少 1 人；每月至少举办 1 场活动；按期答复率不低于 90%']);
    expect(sheet[2]).toEqual(['区县', '人才库', '本年登记', '举办活动', '按期答复率', '未达标项']);
    expect(sheet[4]).toEqual(['龙湾区', '10 人，缺 5 人', '0 人', '11 场 / 应 12 场', '80%（8/10）', 4]);
  });
});

describe('monthly charts', () => {
  const row = (key: string, count: number | null, suppressed = false): StatRow => ({ key, label: monthLabel(key), count, suppressed });
  const shown = (rows: readonly StatRow[]) => rows.map((r) => [r.key, displayCount(r)]);

  it('count the months of a range, over the turn of a year', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04', '2026-03')).toEqual([]);
  });

  it('show every month of the range, 0 where the API answered none, in order', () => {
    const rows = fillMonths([row('2026-03', 12), row('2026-01', 7)], '2026-01', '2026-05');
    expect(shown(rows)).toEqual([
      ['2026-01', '7'],
      ['2026-02', '0'],
      ['2026-03', '12'],
      ['2026-04', '0'],
      ['2026-05', '0'],
    ]);
    expect(rows[1]).toEqual({ key: '2026-02', label: '2026年2月', count: 0, suppressed: false });
  });

  it('keep a suppressed month "<5", not 0', () => {
    expect(shown(fillMonths([row('2026-01', 7), row('2026-02', null, true)], '2026-01', '2026-03'))).toEqual([
      ['2026-01', '7'],
      ['2026-02', '<5'],
      ['2026-03', '0'],
    ]);
  });

  it('withhold the months left out when a suppressed row without a month may hold them, and keep that row last', () => {
    const suppressed: StatRow = { key: '__suppressed__', label: SUPPRESSED_LABEL, count: null, suppressed: true };
    const rows = fillMonths([row('2026-02', 10), suppressed], '2026-01', '2026-03');
    expect(shown(rows)).toEqual([
      ['2026-01', '<5'],
      ['2026-02', '10'],
      ['2026-03', '<5'],
      ['__suppressed__', '<5'],
    ]);
    expect(rows[0]).toEqual({ key: '2026-01', label: '2026年1月', count: null, suppressed: true });
    expect(shownTotal(rows)).toBe(10);
  });

  it("widen the range to the data's months, and take the data's own when none is given", () => {
    expect(fillMonths([row('2025-12', 3), row('2026-02', 4)], '2026-01', '2026-01').map((r) => r.key)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(fillMonths([row('2026-04', 3), row('2026-01', 4)], null, null).map((r) => r.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(fillMonths([], null, null)).toEqual([]);
    expect(fillMonths([], '2026-01', '2026-02').map((r) => r.count)).toEqual([0, 0]);
  });

  it("cover a year's months, or the last years' up to this month, China time", () => {
    const now = new Date('2026-06-30T17:00:00Z'); // 2026-07-01 01:00 in China
    expect(monthOf(now)).toBe('2026-07');
    expect(monthRangeOf('2025', { upToNow: true }, now)).toEqual({ from: '2025-01', to: '2025-12' });
    expect(monthRangeOf('2026', { upToNow: true }, now)).toEqual({ from: '2026-01', to: '2026-07' });
    expect(monthRangeOf('2026', { upToNow: false }, now)).toEqual({ from: '2026-01', to: '2026-12' });
    expect(monthRangeOf(null, { sinceYear: 2024, upToNow: true }, now)).toEqual({ from: '2024-01', to: '2026-07' });
    expect(monthRangeOf(null, { upToNow: false }, now)).toEqual({ from: null, to: null });
  });

  it('keep a withheld month on the axis with no bar, but not the row of every small group', () => {
    const rows = [row('2026-01', 7), row('2026-02', null, true), row('2026-03', 0), { key: '__suppressed__', label: SUPPRESSED_LABEL, count: null, suppressed: true }];
    const option = barOption(rows, false, '人', true) as { xAxis: { data: string[] }; series: { data: unknown[] }[] };
    expect(option.xAxis.data).toEqual(['2026年1月', '2026年2月', '2026年3月']);
    expect(option.series[0]!.data).toEqual([7, '-', 0]);
    const plain = barOption(rows) as { xAxis: { data: string[] } };
    expect(plain.xAxis.data).toEqual(['2026年1月', '2026年3月']);
  });

  it('step a count axis by whole numbers, an axis of hours as it likes', () => {
    const counts = barOption([row('2026-01', 1), row('2026-02', 0)]) as { yAxis: { minInterval?: number } };
    expect(counts.yAxis.minInterval).toBe(1);
    const hours = barOption([row('2026-01', 1.5), row('2026-02', 2)], false, '小时') as { yAxis: { minInterval?: number } };
    expect(hours.yAxis.minInterval).toBeUndefined();
  });
});

describe('the list of a cross-district pair, page after page', () => {
  const edge = (id: string) => ({ node: { id } });
  const page = (ids: string[], endCursor: string | null, hasNextPage: boolean, totalCount = 5) => ({ totalCount, edges: ids.map(edge), pageInfo: { endCursor, hasNextPage } });

  it('adds each page after the last, with its count and next cursor', () => {
    const first = appendPage(null, null, page(['a', 'b'], 'c2', true));
    expect(first).toMatchObject({ totalCount: 5, endCursor: 'c2', hasNextPage: true });
    const second = appendPage(first, 'c2', page(['c', 'd'], 'c4', true));
    const third = appendPage(second, 'c4', page(['e'], 'c5', false));
    expect(third.edges.map((e) => e.node.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(third).toMatchObject({ endCursor: 'c5', hasNextPage: false, pages: [null, 'c2', 'c4'] });
  });

  it('never adds a page twice nor lists a row twice, and starts afresh with the first page', () => {
    const first = appendPage(null, null, page(['a', 'b'], 'c2', true));
    const second = appendPage(first, 'c2', page(['b', 'c'], 'c3', false));
    expect(appendPage(second, 'c2', page(['b', 'c'], 'c3', false))).toBe(second);
    expect(second.edges.map((e) => e.node.id)).toEqual(['a', 'b', 'c']);
    expect(appendPage({ ...second, pages: ['c2'] }, null, page(['x'], null, false, 1)).edges.map((e) => e.node.id)).toEqual(['x']);
  });
});

describe("a year's evaluations", () => {
  const d = (code: string, name: string) => ({ code, name });

  it('count the persons evaluated by district in code order (the city first) and by band from 90 down, withheld groups "<5"', () => {
    const rows = evaluationRows(
      [
        { district: d('330303', '龙湾区'), persons: 10, evaluations: 12, suppressed: false },
        { district: d('330300', '温州市'), persons: 25, evaluations: 25, suppressed: false },
        { district: d('330302', '鹿城区'), persons: null, evaluations: null, suppressed: true },
      ],
      [
        { compositeBand: 'BELOW_70', persons: 5, suppressed: false },
        { compositeBand: 'FROM_70', persons: null, suppressed: true },
        { compositeBand: 'FROM_90', persons: 20, suppressed: false },
        { compositeBand: 'FROM_80', persons: 10, suppressed: false },
      ],
    );
    expect(rows.district.map((r) => [r.label, displayCount(r)])).toEqual([
      ['温州市', '25'],
      ['鹿城区', '<5'],
      ['龙湾区', '10'],
    ]);
    expect(rows.band.map((r) => [r.label, displayCount(r)])).toEqual([
      ['90分及以上', '20'],
      ['80至89分', '10'],
      ['70分以下', '5'],
      ['70至79分', '<5'],
    ]);
    expect(sheetOf('综合得分段分布', '综合得分段', rows.band)).toContainEqual(['70至79分', '<5']);
  });

  it('show the mean score to one decimal, "—" when withheld', () => {
    expect(averageLabel({ averageComposite: 85, suppressed: false })).toBe('85.0 分');
    expect(averageLabel({ averageComposite: null, suppressed: true })).toBe('—');
    expect(averageLabel(undefined)).toBe('—');
  });
});
