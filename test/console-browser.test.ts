import * as fs from 'node:fs';
import * as path from 'node:path';
import { claimConfigFromEnv, createLogger } from '@tongxin/common';
import { buildConsoleIfStale, DEMO_ASSOCIATION_NAME, DEMO_PASSWORDS } from '@tongxin/platform';
import ExcelJS from 'exceljs';
import { Browser, chromium, Page } from 'playwright-core';
import { formatCount } from '../packages/console/src/format';
import { AFFILIATION_LABELS, CATEGORY_LABELS } from '../packages/console/src/labels';
import { ConsolePlatform, startConsolePlatform } from './harness/console';
import { postGraphQL } from './harness/graphql-client';

/**
 * Issue 16, end to end in headless Chromium (Debian's chromium driven by playwright-core): the
 * console built and served by the gateway, the embedded provider's sign-in for every role of the
 * demo city, the overview's numbers against the API's for the same filters, a filter change in
 * the charts and the address, a district administrator kept to their district (UI and API), a
 * wrong password and an ended session, sign-out. A screenshot of every page in test/artifacts/.
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, 'artifacts');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must run the browser tests (.ci/run installs chromium with apt-get)`);
if (!haveChromium) console.warn(`Skipping the console's browser tests: ${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium fonts-noto-cjk)`);
const describeInBrowser = haveChromium ? describe : describe.skip;

const STATS = `query Stats($filter: PersonFilter) {
  total: personStats(filter: $filter, groupBy: []) { count suppressed }
  byDistrict: personStats(filter: $filter, groupBy: [DISTRICT]) { district { code name } count suppressed }
  byCategory: personStats(filter: $filter, groupBy: [CATEGORY]) { category count suppressed }
  byAffiliation: personStats(filter: $filter, groupBy: [POLITICAL_AFFILIATION]) { politicalAffiliation count suppressed }
}`;

/** The console's words for a suppressed group and its count (the test's own oracle, not the console's code). */
const SUPPRESSED_LABEL = '其他小组（人数过少，不予显示）';
const displayCount = (g: { count: number | null; suppressed: boolean }) => (g.suppressed || g.count === null ? '<5' : formatCount(g.count));

const ACTIVITIES = `query Activities($filter: ActivityFilter) {
  byKind: activityStats(filter: $filter, groupBy: [KIND]) { kind activities participations suppressed }
  byMonth: activityStats(filter: $filter, groupBy: [MONTH]) { month activities participations suppressed }
}`;
const ACTIVITY_KINDS: Record<string, string> = {
  STUDY_TRAINING: '学习培训',
  INSPECTION_RESEARCH: '考察调研',
  SOCIAL_SERVICE: '社会服务 (扶贫帮困、专业咨询、光彩事业、慈善公益)',
  CULTURE_SPORTS: '文娱体育',
  EDUCATION: '教育培训',
};
const sum = (groups: { activities: number }[]) => groups.reduce((n, g) => n + g.activities, 0);

const REGISTRATIONS = `query Registrations($filter: PersonFilter, $monthFilter: PersonFilter) {
  total: personStats(filter: $filter, groupBy: []) { count suppressed }
  byAgeBand: personStats(filter: $filter, groupBy: [AGE_BAND]) { ageBand count suppressed }
  byMonth: personStats(filter: $monthFilter, groupBy: [REGISTERED_MONTH]) { registeredMonth count suppressed }
}`;
const AGE_BANDS: Record<string, string> = { UP_TO_35: '35岁及以下', FROM_36_TO_45: '36至45岁', FROM_46_TO_55: '46至55岁', FROM_56: '56岁及以上' };
const AGE_BAND_ORDER = Object.keys(AGE_BANDS);
const monthName = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;
/** Groups in an order (an enum's, or else their key's), each [label, count as shown]; the suppressed ones last as one row. */
function inOrder(groups: any[], key: string, order: string[] | null, label: (v: string) => string): string[][] {
  const shown = groups.filter((g) => !g.suppressed);
  const rank = (g: any) => (order ? order.indexOf(g[key]) : 0);
  shown.sort((a, b) => rank(a) - rank(b) || String(a[key]).localeCompare(String(b[key])));
  const rows = shown.map((g) => [g[key] == null ? '未填写' : label(g[key]), displayCount(g)]);
  return groups.some((g) => g.suppressed) ? [...rows, [SUPPRESSED_LABEL, '<5']] : rows;
}

/** This month in China (YYYY-MM), and the months from `from` to `to`. */
const chinaMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  for (let d = new Date(`${from}-01T00:00:00Z`); d.toISOString().slice(0, 7) <= to; d.setUTCMonth(d.getUTCMonth() + 1)) months.push(d.toISOString().slice(0, 7));
  return months;
}
/**
 * A monthly chart's table: every month from `from` to `to`, [label, measure as shown], 0 for a month
 * the API does not answer ("<5" when the API's suppressed row without a month may hold it), that row last.
 */
function everyMonth(groups: any[], key: string, measure: string, from: string, to: string): string[][] {
  const hidden = groups.some((g) => g.suppressed && g[key] == null);
  const rows = monthsFrom(from, to).map((m) => {
    const g = groups.find((x) => x[key] === m);
    if (!g) return [monthName(m), hidden ? '<5' : '0'];
    return [monthName(m), displayCount({ count: g[measure], suppressed: g.suppressed })];
  });
  return hidden ? [...rows, [SUPPRESSED_LABEL, '<5']] : rows;
}
const monthSpan = (groups: any[], key: string) =>
  groups
    .map((g) => g[key])
    .filter((m) => m != null)
    .sort();

const FEEDBACK = `query Feedback($filter: FeedbackStatsFilter) {
  total: feedbackStats(filter: $filter, groupBy: []) { count open overdue responded respondedOnTime suppressed }
  byStatus: feedbackStats(filter: $filter, groupBy: [STATUS]) { status count suppressed }
  byKind: feedbackStats(filter: $filter, groupBy: [KIND]) { kind count suppressed }
  byDistrict: feedbackStats(filter: $filter, groupBy: [DISTRICT]) { district { code name } count overdue suppressed }
  byMonth: feedbackStats(filter: $filter, groupBy: [MONTH]) { month count suppressed }
}`;
const FEEDBACK_STATUSES: Record<string, string> = { SUBMITTED: '已提交', ACCEPTED: '已受理', FORWARDED: '已转办', ANSWERED: '已答复', CLOSED: '已办结', REJECTED: '不予受理' };
const FEEDBACK_STATUS_ORDER = Object.keys(FEEDBACK_STATUSES);
const FEEDBACK_KINDS: Record<string, string> = {
  OPINION: '意见建议',
  SUGGESTION: '建言献策',
  PUBLIC_OPINION: '社情民意',
  RIGHTS_PROTECTION: '维权服务',
  INFORMATION: '信息服务',
  CONSULTATION: '咨询服务',
};
const FEEDBACK_KIND_ORDER = Object.keys(FEEDBACK_KINDS);
const percentOf = (part: number, whole: number) => new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(part / whole);
/** One measure of groups in an enum's order, [label, value as shown]; withheld ones "<5" (under their label, or the suppressed label without one), last. */
function measured(groups: any[], key: string, order: string[], label: (v: string) => string, measure: string): string[][] {
  const rank = (g: any) => (g.suppressed || g[measure] == null ? order.length + 1 : order.includes(g[key]) ? order.indexOf(g[key]) : order.length);
  return [...groups]
    .sort((a, b) => rank(a) - rank(b))
    .map((g) => {
      const withheld = g.suppressed || g[measure] == null;
      return [g[key] == null ? (withheld ? SUPPRESSED_LABEL : '未填写') : label(g[key]), withheld ? '<5' : formatCount(g[measure])];
    });
}

const EVALUATIONS = `query($year: Int!) {
  total: evaluationStats(year: $year, groupBy: []) { evaluations persons averageComposite suppressed }
  byDistrict: evaluationStats(year: $year, groupBy: [DISTRICT]) { district { code name } persons suppressed }
  byBand: evaluationStats(year: $year, groupBy: [COMPOSITE_BAND]) { compositeBand persons suppressed }
}`;
const COMPOSITE_BANDS: Record<string, string> = { FROM_90: '90分及以上', FROM_80: '80至89分', FROM_70: '70至79分', BELOW_70: '70分以下' };

const MATRIX = `{ crossDistrictMatrix(zeroFilled: true) { personDistrict { code name } organizationDistrict { code name } persons suppressed } }`;
const PAIR = `query($person: String!, $org: String!) {
  crossDistrictMembers(personDistrictCode: $person, organizationDistrictCode: $org, first: 1000) { totalCount pageInfo { hasNextPage } edges { node { person { name } organization { name } } } }
}`;
/** The drawer's page size in this test: its requests are rewritten in flight to ask for this many, so that the demo's pairs need 加载更多. */
const PAIR_PAGE = 5;

const SCORECARD = `query($year: Int!, $persons: PersonFilter!, $activities: ActivityFilter!, $feedback: FeedbackStatsFilter!) {
  expectations: scorecardExpectations(year: $year) { registrations activitiesPerMonth onTimeRate poolCompliant defaults version }
  pools: talentPoolCompliance(year: $year) { district { code name } count compliant }
  registrations: personStats(filter: $persons, groupBy: [DISTRICT]) { district { code } count }
  activities: activityStats(filter: $activities, groupBy: [DISTRICT]) { district { code } activities }
  feedback: feedbackStats(filter: $feedback, groupBy: [DISTRICT]) { district { code } responded respondedOnTime }
}`;

interface Group {
  count: number | null;
  suppressed: boolean;
  district?: { code: string; name: string } | null;
  category?: string | null;
  politicalAffiliation?: string | null;
}

describeInBrowser('the console in a browser', () => {
  let site: ConsolePlatform;
  let browser: Browser;
  const graphqlUrl = () => `${site.origin}/graphql`;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const dir = buildConsoleIfStale(createLogger('console-build', process.env.LOG_LEVEL ?? 'silent'));
    site = await startConsolePlatform({ consoleDir: dir, demoPersons: 400 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /** A fresh browser (no cookies), whose /graphql requests' bearer token is recorded. */
  async function newPage(): Promise<{ page: Page; token: () => string; errors: string[] }> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    let bearer = '';
    const errors: string[] = [];
    page.on('request', (r) => {
      if (r.url() === graphqlUrl()) bearer = r.headers().authorization ?? bearer;
    });
    // A Content-Security-Policy violation or an uncaught error is a failure of the page.
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, token: () => bearer, errors };
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${site.origin}/`);
    await page.click('[data-action=signin]');
    await page.waitForSelector('#username');
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
  }

  async function landed(page: Page, pathname: string): Promise<void> {
    await page.waitForURL((u) => u.pathname === pathname, { timeout: 30_000 });
    await page.waitForSelector('[data-viewer-name]');
  }

  const api = async (token: string, query: string, variables: Record<string, unknown> = {}) => postGraphQL<any>(graphqlUrl(), query, variables, { authorization: token });

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS, `console-${name}.png`), fullPage: true });
  }

  /** The rows of a chart card's table view: [label, count as shown]. */
  async function tableOf(page: Page, card: string): Promise<string[][]> {
    const box = page.locator(`[data-card="${card}"]`);
    await box.getByText('表格', { exact: true }).click();
    await box.locator('.ant-table-tbody tr').first().waitFor();
    const rows = await box.locator('.ant-table-tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    await box.getByText('图表', { exact: true }).click();
    return rows;
  }

  const expectedRows = (groups: Group[], label: (g: Group) => string) => {
    const shown = groups.filter((g) => !g.suppressed).sort((a, b) => (b.count ?? 0) - (a.count ?? 0));
    const rows = shown.map((g) => [label(g), displayCount(g)]);
    return groups.some((g) => g.suppressed) ? [...rows, [SUPPRESSED_LABEL, '<5']] : rows;
  };

  const statistic = async (page: Page, attribute: string) => (await page.locator(`[${attribute}] .ant-statistic-content-value`).textContent())?.trim();
  const totalShown = async (page: Page) => (await page.locator('[data-total] .ant-statistic-content-value').textContent())?.trim();

  it('signs a city administrator in through the provider onto 城市总览, with the numbers the API gives', async () => {
    const { page, token, errors } = await newPage();
    await signIn(page, 'city', DEMO_PASSWORDS.city);
    await landed(page, '/overview');
    expect(await page.textContent('[data-viewer-role]')).toBe('市级管理员');
    expect(await page.locator('[data-menu] .ant-menu-item').allTextContents()).toEqual(['城市总览', '活动统计', '人才库达标', '意见诉求', '跨区交流', '区县考核']);
    await page.waitForSelector('[data-state=done]');
    const stats = await api(token(), STATS, { filter: {} });
    expect(stats.errors).toBeUndefined();
    expect(await totalShown(page)).toBe(formatCount(stats.data.total[0].count));
    expect(await tableOf(page, '各区县登记人员')).toEqual(expectedRows(stats.data.byDistrict, (g) => g.district!.name));
    expect(await tableOf(page, '各类别登记人员')).toEqual(expectedRows(stats.data.byCategory, (g) => CATEGORY_LABELS[g.category!]!));
    expect(await tableOf(page, '政治面貌')).toEqual(expectedRows(stats.data.byAffiliation, (g) => AFFILIATION_LABELS[g.politicalAffiliation!]!));
    await shot(page, 'overview-city-admin');

    // The chart's numbers as an .xlsx file: the same rows as its table.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-card="各类别登记人员"]').getByText('下载 Excel').click()]);
    expect(download.suggestedFilename()).toBe('各类别登记人员.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheetRows = book.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    const cells = sheetRows.map((r) => r.slice(1));
    expect(cells.slice(0, 2)).toEqual([['各类别登记人员'], ['类别', '人数']]);
    expect(cells.slice(2).map(([label, count]) => [label, typeof count === 'number' ? formatCount(count) : count])).toEqual(expectedRows(stats.data.byCategory, (g) => CATEGORY_LABELS[g.category!]!));

    // A filter: the address, the total, the tables and the chart follow it.
    const before = await page.locator('[data-chart="各区县登记人员"] canvas').evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
    await page.click('[data-filter=category]');
    await page.locator('.ant-select-item-option', { hasText: /^个体户$/ }).click();
    await page.waitForURL((u) => u.searchParams.get('category') === 'SELF_EMPLOYED');
    await page.waitForSelector('[data-state=done]');
    const filtered = await api(token(), STATS, { filter: { category: 'SELF_EMPLOYED' } });
    expect(await totalShown(page)).toBe(formatCount(filtered.data.total[0].count));
    expect(filtered.data.total[0].count).toBeLessThan(stats.data.total[0].count);
    expect(await tableOf(page, '各区县登记人员')).toEqual(expectedRows(filtered.data.byDistrict, (g) => g.district!.name));
    const after = await page.locator('[data-chart="各区县登记人员"] canvas').evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
    expect(after).not.toBe(before);

    // A district too; a reload keeps both (the address holds them) and signs in again without asking.
    await page.click('[data-filter=district]');
    await page.locator('.ant-select-item-option', { hasText: /^鹿城区$/ }).click();
    await page.waitForURL((u) => u.searchParams.get('district') === '330302' && u.searchParams.get('category') === 'SELF_EMPLOYED');
    await page.waitForSelector('[data-state=done]');
    const both = await api(token(), STATS, { filter: { category: 'SELF_EMPLOYED', districtCode: '330302' } });
    expect(await totalShown(page)).toBe(formatCount(both.data.total[0].count));
    await page.reload();
    await page.waitForURL((u) => u.pathname === '/overview' && u.searchParams.get('district') === '330302');
    await page.waitForSelector('[data-state=done]');
    expect(await totalShown(page)).toBe(formatCount(both.data.total[0].count));
    await shot(page, 'overview-filtered');

    // No one registered under a filter: the empty state, not an empty chart (330300 is the city itself, no person's district).
    await page.goto(`${site.origin}/overview?district=330300`);
    await page.waitForSelector('[data-state=empty]');
    expect(await page.textContent('[data-state=empty]')).toContain('当前筛选条件下没有登记人员');
    expect((await api(token(), STATS, { filter: { districtCode: '330300' } })).data.total[0].count).toBe(0);
    await shot(page, 'overview-empty');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows age bands and registrations per month on 城市总览, and a year of registration in the address', async () => {
    const { page, token, errors } = await newPage();
    await signIn(page, 'city', DEMO_PASSWORDS.city);
    await landed(page, '/overview');
    await page.waitForSelector('[data-state=done]');
    const thisYear = new Date().getFullYear();
    const all = await api(token(), REGISTRATIONS, { filter: {}, monthFilter: { registeredFrom: `${thisYear - 2}-01-01` } });
    expect(all.errors).toBeUndefined();
    expect(await tableOf(page, '年龄段')).toEqual(inOrder(all.data.byAgeBand, 'ageBand', AGE_BAND_ORDER, (v) => AGE_BANDS[v]!));
    // Every month of the three years up to this one, 0 where nobody registered.
    const months = everyMonth(all.data.byMonth, 'registeredMonth', 'count', `${thisYear - 2}-01`, chinaMonth());
    expect(months.length).toBeGreaterThan(24);
    expect(await tableOf(page, '近3年每月登记')).toEqual(months);
    expect(all.data.byMonth.every((g: any) => g.registeredMonth == null || g.registeredMonth >= `${thisYear - 2}-01`)).toBe(true);
    await shot(page, 'overview-age-months');

    // A year of registration: the address, the total and every chart follow it.
    const year = String(thisYear - 1);
    await page.click('[data-filter=year]');
    await page.locator('.ant-select-item-option', { hasText: new RegExp(`^${year}年登记$`) }).click();
    await page.waitForURL((u) => u.searchParams.get('year') === year);
    const period = { registeredFrom: `${year}-01-01`, registeredTo: `${year}-12-31` };
    const inYear = await api(token(), REGISTRATIONS, { filter: period, monthFilter: period });
    expect(inYear.errors).toBeUndefined();
    if (!inYear.data.total[0].suppressed && inYear.data.total[0].count === 0) {
      await page.waitForSelector('[data-state=empty]');
    } else {
      await page.waitForSelector('[data-state=done]');
      expect(await totalShown(page)).toBe(displayCount(inYear.data.total[0]));
      expect(inYear.data.total[0].count).toBeLessThan(all.data.total[0].count);
      expect(await tableOf(page, `${year}年每月登记`)).toEqual(everyMonth(inYear.data.byMonth, 'registeredMonth', 'count', `${year}-01`, `${year}-12`));
      expect(inYear.data.byMonth.every((g: any) => g.registeredMonth == null || g.registeredMonth.startsWith(year))).toBe(true);
      expect(await tableOf(page, '年龄段')).toEqual(inOrder(inYear.data.byAgeBand, 'ageBand', AGE_BAND_ORDER, (v) => AGE_BANDS[v]!));
    }
    await page.reload();
    await page.waitForURL((u) => u.pathname === '/overview' && u.searchParams.get('year') === year);
    await page.waitForSelector('[data-state=done], [data-state=empty]');
    await shot(page, 'overview-year');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows 活动统计 with the numbers the API gives, for the year in the address', async () => {
    const { page, token, errors } = await newPage();
    await signIn(page, 'city', DEMO_PASSWORDS.city);
    await landed(page, '/overview');
    await page.locator('[data-menu] .ant-menu-item', { hasText: '活动统计' }).click();
    await page.waitForURL((u) => u.pathname === '/activities');
    await page.waitForSelector('[data-state=done]');
    const all = await api(token(), ACTIVITIES, { filter: {} });
    expect(all.errors).toBeUndefined();
    expect(await page.locator('[data-activities-total] .ant-statistic-content-value').textContent()).toBe(formatCount(sum(all.data.byKind)));
    const kinds = Object.keys(ACTIVITY_KINDS);
    const byKind = [...all.data.byKind].sort((a: any, b: any) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind));
    expect(await tableOf(page, '各类活动场次')).toEqual(byKind.map((g: any) => [ACTIVITY_KINDS[g.kind], formatCount(g.activities)]));
    // From the first month with activities to the last (some are planned ahead), 0 in the months without.
    const span = monthSpan(all.data.byMonth, 'month');
    expect(await tableOf(page, '每月参与人次')).toEqual(everyMonth(all.data.byMonth, 'month', 'participations', span[0], span.at(-1)));
    expect(await tableOf(page, '每月活动场次')).toEqual(everyMonth(all.data.byMonth, 'month', 'activities', span[0], span.at(-1)));
    await shot(page, 'activities');

    // A year: the address and the numbers follow it.
    const year = String(new Date().getFullYear());
    await page.click('[data-filter=year]');
    await page.locator('.ant-select-item-option', { hasText: new RegExp(`^${year}年$`) }).click();
    await page.waitForURL((u) => u.searchParams.get('year') === year);
    const inYear = await api(token(), ACTIVITIES, { filter: { startsFrom: `${year}-01-01T00:00:00+08:00`, startsBefore: `${Number(year) + 1}-01-01T00:00:00+08:00` } });
    expect(inYear.errors).toBeUndefined();
    if (sum(inYear.data.byKind) === 0) {
      await page.waitForSelector('[data-state=empty]');
    } else {
      await page.waitForSelector('[data-state=done]');
      expect(await page.locator('[data-activities-total] .ant-statistic-content-value').textContent()).toBe(formatCount(sum(inYear.data.byKind)));
      expect(inYear.data.byMonth.every((g: any) => g.month.startsWith(year))).toBe(true);
      expect(await tableOf(page, '每月活动场次')).toEqual(everyMonth(inYear.data.byMonth, 'month', 'activities', `${year}-01`, `${year}-12`));
    }
    await shot(page, 'activities-year');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the talent pools of the year against their quotas, shortfalls marked, as the API answers', async () => {
    const { page, token, errors } = await newPage();
    await signIn(page, 'city', DEMO_PASSWORDS.city);
    await landed(page, '/overview');
    await page.locator('[data-menu] .ant-menu-item', { hasText: '人才库达标' }).click();
    await page.waitForURL((u) => u.pathname === '/talent-pool');
    await page.waitForSelector('[data-state=done]');
    const year = new Date().getFullYear();
    const answer = await api(token(), 'query($year: Int!) { talentPoolCompliance(year: $year) { district { name } count minimum maximum compliant shortfall excess suppressed } }', { year });
    expect(answer.errors).toBeUndefined();
    const pools = answer.data.talentPoolCompliance as any[];
    expect(pools).toHaveLength(13);
    const quota = (p: any) => (p.maximum == null ? `至少 ${formatCount(p.minimum)} 人` : `${formatCount(p.minimum)}–${formatCount(p.maximum)} 人`);
    const state = (p: any) => (p.compliant ? '达标' : p.shortfall ? `缺 ${formatCount(p.shortfall)} 人` : p.excess ? `超出 ${formatCount(p.excess)} 人` : '未达标');
    expect(await tableOf(page, '人才库达标情况')).toEqual(pools.map((p) => [p.district.name, p.count == null ? '<5' : formatCount(p.count), expect.any(String), quota(p), state(p)]));
    const missing = pools.filter((p) => !p.compliant).length;
    if (missing) expect(await page.textContent('[data-missing]')).toBe(`${missing} 个人才库未达标`);

    // The year's evaluations (evaluationStats): the demo city's run to last year, so this year has none.
    const none = await api(token(), EVALUATIONS, { year });
    expect(none.errors).toBeUndefined();
    expect(none.data.total).toEqual([]);
    await page.waitForSelector('[data-evaluation-state=empty]');
    // Last year's, persons evaluated by district and by band of the composite score, as the API answers.
    const lastYear = year - 1;
    await page.click('[data-filter=year]');
    await page.locator('.ant-select-item-option', { hasText: new RegExp(`^${lastYear}年$`) }).click();
    await page.waitForURL((u) => u.searchParams.get('year') === String(lastYear));
    const evaluations = await api(token(), EVALUATIONS, { year: lastYear });
    expect(evaluations.errors).toBeUndefined();
    const { total, byDistrict, byBand } = evaluations.data;
    expect(total[0].evaluations).toBeGreaterThan(0);
    await page.waitForSelector('[data-evaluation-state=done]');
    expect(await statistic(page, 'data-evaluation-persons')).toBe(displayCount({ count: total[0].persons, suppressed: total[0].suppressed }));
    expect(await statistic(page, 'data-evaluation-count')).toBe(displayCount({ count: total[0].evaluations, suppressed: total[0].suppressed }));
    expect(await statistic(page, 'data-evaluation-average')).toBe(`${total[0].averageComposite.toFixed(1)} 分`);
    const districts = [...byDistrict].sort((a: any, b: any) => a.district.code.localeCompare(b.district.code));
    expect(await tableOf(page, '各区县参评人数')).toEqual(districts.map((g: any) => [g.district.name, displayCount({ count: g.persons, suppressed: g.suppressed })]));
    expect(await tableOf(page, '综合得分段分布')).toEqual(measured(byBand, 'compositeBand', Object.keys(COMPOSITE_BANDS), (v) => COMPOSITE_BANDS[v]!, 'persons'));
    await shot(page, 'talent-pool');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows 意见诉求 by status, kind, month and overdue by district, with the on-time rate the API gives', async () => {
    const { page, token, errors } = await newPage();
    await signIn(page, 'city', DEMO_PASSWORDS.city);
    await landed(page, '/overview');
    await page.locator('[data-menu] .ant-menu-item', { hasText: '意见诉求' }).click();
    await page.waitForURL((u) => u.pathname === '/feedback');
    await page.waitForSelector('[data-state=done]');
    const all = await api(token(), FEEDBACK, { filter: {} });
    expect(all.errors).toBeUndefined();
    const total = all.data.total[0];
    expect(total.count).toBeGreaterThan(0);
    expect(await statistic(page, 'data-feedback-total')).toBe(formatCount(total.count));
    expect(await statistic(page, 'data-feedback-overdue')).toBe(formatCount(total.overdue));
    expect(await statistic(page, 'data-feedback-on-time')).toBe(total.responded ? percentOf(total.respondedOnTime, total.responded) : '—');
    expect(await tableOf(page, '办理状态')).toEqual(measured(all.data.byStatus, 'status', FEEDBACK_STATUS_ORDER, (v) => FEEDBACK_STATUSES[v]!, 'count'));
    expect(await tableOf(page, '诉求类型')).toEqual(measured(all.data.byKind, 'kind', FEEDBACK_KIND_ORDER, (v) => FEEDBACK_KINDS[v]!, 'count'));
    const byDistrict = [...all.data.byDistrict].sort((a: any, b: any) => a.district.code.localeCompare(b.district.code));
    expect(await tableOf(page, '各区县逾期件数')).toEqual(byDistrict.map((g: any) => [g.district.name, displayCount({ count: g.overdue, suppressed: g.suppressed })]));
    // From the first month with feedback to this one, 0 in the months without.
    expect(await tableOf(page, '每月提交件数')).toEqual(everyMonth(all.data.byMonth, 'month', 'count', monthSpan(all.data.byMonth, 'month')[0], chinaMonth()));
    await shot(page, 'feedback');

    // A district and a year: the address and the numbers follow them.
    const year = String(new Date().getFullYear());
    await page.click('[data-filter=district]');
    await page.locator('.ant-select-item-option', { hasText: /^鹿城区$/ }).click();
    await page.waitForURL((u) => u.searchParams.get('district') === '330302');
    await page.click('[data-filter=year]');
    await page.locator('.ant-select-item-option', { hasText: new RegExp(`^${year}年$`) }).click();
    await page.waitForURL((u) => u.searchParams.get('year') === year && u.searchParams.get('district') === '330302');
    const narrowed = await api(token(), FEEDBACK, { filter: { districtCode: '330302', submittedFrom: `${year}-01-01`, submittedTo: `${year}-12-31` } });
    if (narrowed.data.total[0].count === 0) {
      await page.waitForSelector('[data-state=empty]');
    } else {
      await page.waitForSelector('[data-state=done]');
      expect(await statistic(page, 'data-feedback-total')).toBe(formatCount(narrowed.data.total[0].count));
      expect(narrowed.data.byMonth.every((g: any) => g.month.startsWith(year))).toBe(true);
      expect(await tableOf(page, '每月提交件数')).toEqual(everyMonth(narrowed.data.byMonth, 'month', 'count', `${year}-01`, chinaMonth()));
      expect(await tableOf(page, '办理状态')).toEqual(measured(narrowed.data.byStatus, 'status', FEEDBACK_STATUS_ORDER, (v) => FEEDBACK_STATUSES[v]!, 'count'));
    }
    await shot(page, 'feedback-filtered');
    expect(errors).toEqual([]);
    await page.context().close();

    // A district administrator: their district only, whatever the address says; no district chart.
    const lucheng = await newPage();
    await signIn(lucheng.page, 'lucheng', DEMO_PASSWORDS.district);
    await landed(lucheng.page, '/districts/330302');
    await lucheng.page.locator('[data-menu] .ant-menu-item', { hasText: '本区意见诉求' }).click();
    await lucheng.page.waitForURL((u) => u.pathname === '/feedback');
    await lucheng.page.waitForSelector('[data-state=done]');
    expect(await lucheng.page.textContent('[data-page-title]')).toBe('鹿城区意见诉求');
    const own = await api(lucheng.token(), FEEDBACK, { filter: { districtCode: '330302' } });
    expect(own.errors).toBeUndefined();
    expect(await statistic(lucheng.page, 'data-feedback-total')).toBe(formatCount(own.data.total[0].count));
    expect(await lucheng.page.locator('[data-card="各区县逾期件数"]').count()).toBe(0);
    await lucheng.page.goto(`${site.origin}/feedback?district=330303`);
    await lucheng.page.waitForSelector('[data-state=done]');
    expect(await statistic(lucheng.page, 'data-feedback-total')).toBe(formatCount(own.data.total[0].count));
    await shot(lucheng.page, 'feedback-district-admin');
    expect(lucheng.errors).toEqual([]);
    await lucheng.page.context().close();
  });

  it('draws 跨区交流 as a heat map of the zero-filled matrix the API gives; a cell opens the list of its pair', async () => {
    const { page, token, errors } = await newPage();
    await signIn(page, 'city', DEMO_PASSWORDS.city);
    await landed(page, '/overview');
    await page.locator('[data-menu] .ant-menu-item', { hasText: '跨区交流' }).click();
    await page.waitForURL((u) => u.pathname === '/cross-district');
    await page.waitForSelector('[data-state=done]');
    const answer = await api(token(), MATRIX);
    expect(answer.errors).toBeUndefined();
    const cells = answer.data.crossDistrictMatrix as any[];
    // Districts by code, the city's organizations (温州市) the last column.
    const order = (codes: string[]) => [...new Set(codes)].sort((a, b) => Number(a === '330300') - Number(b === '330300') || Number(a) - Number(b));
    const rows = order(cells.map((c) => c.personDistrict.code));
    const columns = order(cells.map((c) => c.organizationDistrict.code));
    expect(columns.at(-1)).toBe('330300');
    expect(cells).toHaveLength(rows.length * columns.length);
    const sorted = [...cells].sort(
      (a, b) => rows.indexOf(a.personDistrict.code) - rows.indexOf(b.personDistrict.code) || columns.indexOf(a.organizationDistrict.code) - columns.indexOf(b.organizationDistrict.code),
    );
    expect(await tableOf(page, '跨区交流热力图')).toEqual(
      sorted.map((c) => [`${c.personDistrict.name} → ${c.organizationDistrict.name}`, displayCount({ count: c.persons, suppressed: c.suppressed })]),
    );
    await shot(page, 'cross-district');

    // A click on the busiest cross-district cell: its pair's list in a drawer, the pair in the address.
    const cell = sorted.filter((c) => !c.suppressed && c.personDistrict.code !== c.organizationDistrict.code).sort((a, b) => b.persons - a.persons)[0];
    expect(cell?.persons).toBeGreaterThan(0);
    const chart = (await page.locator('[data-chart="跨区交流热力图"]').boundingBox())!;
    const x = columns.indexOf(cell.organizationDistrict.code);
    const y = rows.indexOf(cell.personDistrict.code);
    const width = (chart.width - 96 - 16) / columns.length;
    const height = (chart.height - 48 - 64) / rows.length;
    await page.route(graphqlUrl(), async (route) => {
      const body = route.request().postDataJSON();
      if (!String(body?.query).includes('crossDistrictMembers')) return route.continue();
      return route.continue({ postData: JSON.stringify({ ...body, variables: { ...body.variables, first: PAIR_PAGE } }) });
    });
    await page.mouse.click(chart.x + 96 + (x + 0.5) * width, chart.y + 48 + (y + 0.5) * height);
    await page.waitForURL((u) => u.searchParams.get('person') === cell.personDistrict.code && u.searchParams.get('org') === cell.organizationDistrict.code);
    await page.waitForSelector('[data-pair-state=done]');
    const members = await api(token(), PAIR, { person: cell.personDistrict.code, org: cell.organizationDistrict.code });
    expect(members.errors).toBeUndefined();
    const list = members.data.crossDistrictMembers;
    expect(list.totalCount).toBeGreaterThanOrEqual(cell.persons);
    expect(await page.textContent('[data-pair-total]')).toContain(`共 ${formatCount(list.totalCount)} 条成员关系`);
    expect(list.pageInfo.hasNextPage).toBe(false);
    expect(list.totalCount).toBeGreaterThan(PAIR_PAGE);
    const listed = () =>
      page.locator('[data-pair-list] .ant-table-tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => (td.textContent ?? '').trim())));
    const expected = list.edges.map((e: any) => [e.node.person?.name ?? '（已不在册）', e.node.organization.name]);
    // The API's pages one after another: 加载更多 until the whole list is there, in the API's order.
    expect(await listed()).toEqual(expected.slice(0, PAIR_PAGE));
    expect(await page.textContent('[data-pair-total]')).toContain(`已显示 ${PAIR_PAGE} 条`);
    for (let shown = PAIR_PAGE; shown < list.totalCount; shown += PAIR_PAGE) {
      await page.click('[data-action=load-more]');
      await page
        .locator('[data-pair-list] .ant-table-tbody tr')
        .nth(Math.min(shown + PAIR_PAGE, list.totalCount) - 1)
        .waitFor();
    }
    expect(await listed()).toEqual(expected);
    expect(await page.locator('[data-action=load-more]').count()).toBe(0);
    expect(await page.textContent('.ant-drawer-title')).toBe(`${cell.personDistrict.name}登记人员在${cell.organizationDistrict.name}组织的成员名单`);
    await shot(page, 'cross-district-pair');
    // Closing it leaves the pair out of the address; a district administrator may not open the page.
    await page.locator('.ant-drawer-close').click();
    await page.waitForURL((u) => !u.searchParams.has('person'));
    expect(errors).toEqual([]);
    await page.context().close();

    const lucheng = await newPage();
    await signIn(lucheng.page, 'lucheng', DEMO_PASSWORDS.district);
    await landed(lucheng.page, '/districts/330302');
    await lucheng.page.goto(`${site.origin}/cross-district`);
    await lucheng.page.waitForSelector('[data-state=forbidden]');
    await lucheng.page.context().close();
  });

  it('shows 区县考核 of a year: each district against the expectations the API keeps, shortfalls in red; the city administrator changes one and the table is judged again', async () => {
    const { page, token, errors } = await newPage();
    await signIn(page, 'city', DEMO_PASSWORDS.city);
    await landed(page, '/overview');
    await page.locator('[data-menu] .ant-menu-item', { hasText: '区县考核' }).click();
    await page.waitForURL((u) => u.pathname === '/scorecard');
    await page.waitForSelector('[data-state=done]');
    const year = new Date().getFullYear();
    const ask = async (year: number) => {
      const answer = await api(token(), SCORECARD, {
        year,
        persons: { registeredFrom: `${year}-01-01`, registeredTo: `${year}-12-31` },
        activities: { startsFrom: `${year}-01-01T00:00:00+08:00`, startsBefore: `${year + 1}-01-01T00:00:00+08:00` },
        feedback: { submittedFrom: `${year}-01-01`, submittedTo: `${year}-12-31` },
      });
      expect(answer.errors).toBeUndefined();
      return answer.data;
    };
    /** What the table shows: [name, [text, short] per measure]. */
    const shownRows = () =>
      page.locator('[data-card="区县考核"] .ant-table-tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [
          (tr.querySelector('td')?.textContent ?? '').trim(),
          ...['pool', 'registrations', 'activities', 'onTime'].map((m) => {
            const el = tr.querySelector(`[data-measure=${m}]`)!;
            return [(el.textContent ?? '').trim(), el.getAttribute('data-short')];
          }),
        ]),
      );
    /** The table against the API's numbers and expectations of the year; returns the expectations. */
    const check = async (year: number) => {
      const { expectations: e, pools, registrations, activities, feedback } = await ask(year);
      const months = year < new Date().getFullYear() ? 12 : new Date().getMonth() + 1;
      const expectedActivities = Math.ceil(Number((e.activitiesPerMonth * months).toFixed(6)));
      const of = (groups: any[], code: string) => groups.find((g) => g.district?.code === code);
      const districts = pools.filter((p: any) => p.district.code !== '330300').sort((a: any, b: any) => Number(a.district.code) - Number(b.district.code));
      const expected = districts.map((p: any) => {
        const code = p.district.code;
        const registered = of(registrations, code)?.count ?? 0;
        const held = of(activities, code)?.activities ?? 0;
        const f = of(feedback, code);
        const onTime =
          !f || !f.responded
            ? ['无答复', false]
            : [`${percentOf(f.respondedOnTime, f.responded)}（${formatCount(f.respondedOnTime)}/${formatCount(f.responded)}）`, f.respondedOnTime / f.responded < e.onTimeRate];
        return [
          p.district.name,
          [expect.stringMatching(new RegExp(`^${formatCount(p.count)} 人，`)), String(e.poolCompliant && !p.compliant)],
          [`${formatCount(registered)} 人`, String(registered < e.registrations)],
          [`${formatCount(held)} 场 / 应 ${formatCount(expectedActivities)} 场`, String(held < expectedActivities)],
          [onTime[0], String(onTime[1])],
        ];
      });
      expect(await shownRows()).toEqual(expected);
      expect(districts).toHaveLength(12);
      // The expectations above the table, as the API keeps them.
      const shown = page.locator('[data-expectations]');
      expect(await shown.getAttribute('data-defaults')).toBe(String(e.defaults));
      const text = (await shown.textContent()) ?? '';
      expect(text).toContain(`本年度考核标准${e.defaults ? '（默认）' : ''}：`);
      expect(text).toContain(`本年登记至少 ${formatCount(e.registrations)} 人`);
      expect(text).toContain(`每月至少举办 ${e.activitiesPerMonth} 场活动`);
      expect(text).toContain(`按期答复率不低于 ${Number((e.onTimeRate * 100).toFixed(2))}%`);
      return { e, feedback };
    };
    const now = await check(year);
    expect(now.e).toMatchObject({ defaults: true, registrations: 1, activitiesPerMonth: 1, onTimeRate: 0.9, poolCompliant: true });
    await shot(page, 'scorecard');

    // The city administrator changes an expectation of this year so that some district's judgement
    // turns: the on-time rate where replies allow (0% clears every shortfall there, 100% marks every
    // district below 100%), else the registrations (one more than the most any district registered).
    const rates = now.feedback.filter((f: any) => f.responded > 0 && f.district).map((f: any) => f.respondedOnTime / f.responded);
    const registered = (await ask(year)).registrations.filter((r: any) => r.district && r.district.code !== '330300').map((r: any) => r.count ?? 0);
    const change = rates.some((r: number) => r < now.e.onTimeRate)
      ? { field: 'onTimePercent', value: 0, column: 4, set: { onTimeRate: 0 } }
      : rates.some((r: number) => r < 1)
        ? { field: 'onTimePercent', value: 100, column: 4, set: { onTimeRate: 1 } }
        : {
            field: 'registrations',
            value: Math.max(0, ...registered) + 1,
            column: 2,
            set: { registrations: Math.max(0, ...registered) + 1 },
          };
    const before = await shownRows();
    await page.locator('[data-edit-expectations]').click();
    const modal = page.locator('.scorecard-expectations-modal .ant-modal');
    await modal.waitFor();
    // An empty field is refused in the form, in Chinese, and nothing is sent.
    const input = modal.locator(`[data-field=${change.field}] input, input[data-field=${change.field}]`).first();
    await input.fill('');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.getByText(change.field === 'onTimePercent' ? '请填写按期答复率' : '请填写本年登记人数').waitFor();
    expect((await ask(year)).expectations.defaults).toBe(true);
    // What the API refuses shows at its field: the request is rewritten in flight to a rate of 150%
    // and a negative number of registrations; both fields say why, in Chinese, and nothing is saved.
    await page.route(graphqlUrl(), async (route) => {
      const body = route.request().postDataJSON();
      if (!String(body?.query).includes('setScorecardExpectations')) return route.continue();
      return route.continue({ postData: JSON.stringify({ ...body, variables: { input: { ...body.variables.input, onTimeRate: 1.5, registrations: -1 } } }) });
    });
    await input.fill(String(change.value));
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal
      .locator('.ant-form-item-has-error', { has: page.locator('[data-field=onTimePercent]') })
      .getByText('须在 0% 到 100% 之间')
      .waitFor();
    await modal
      .locator('.ant-form-item-has-error', { has: page.locator('[data-field=registrations]') })
      .getByText('不能小于 0')
      .waitFor();
    await shot(page, 'scorecard-expectations-refused');
    await page.unroute(graphqlUrl());
    expect((await ask(year)).expectations.defaults).toBe(true);
    await input.fill(String(change.value));
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`${year}年考核标准已保存`).waitFor();
    await modal.waitFor({ state: 'detached' });
    await page.waitForSelector(`[data-expectations][data-defaults=false]`);
    await page.waitForSelector('[data-state=done]');
    const changed = await check(year);
    expect(changed.e).toMatchObject({ ...now.e, ...change.set, defaults: false, version: 1 });
    const after = await shownRows();
    const judged = (rows: any[]) => rows.map((r) => r[change.column][1]);
    expect(judged(after)).not.toEqual(judged(before));
    await shot(page, 'scorecard-expectations-changed');

    // Last year, from the address.
    await page.click('[data-filter=year]');
    await page.locator('.ant-select-item-option', { hasText: new RegExp(`^${year - 1}年$`) }).click();
    await page.waitForURL((u) => u.searchParams.get('year') === String(year - 1));
    await page.waitForSelector(`[data-card="区县考核"] .ant-card-head-title:has-text("${year - 1}年区县考核")`);
    // Only this year's changed: last year keeps the defaults.
    expect((await check(year - 1)).e.defaults).toBe(true);

    // The download: the expectations, the header and the same rows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-card="区县考核"]').getByText('下载 Excel').click()]);
    expect(download.suggestedFilename()).toBe(`${year - 1}年区县考核.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    const cells = (book.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    expect(cells[0]).toEqual([`${year - 1}年区县考核`]);
    expect(cells[1]![0]).toBe('考核标准（默认）：人才库达标；本年登记至少 1 人；每月至少举办 1 场活动；按期答复率不低于 90%');
    expect(cells[2]).toEqual(['区县', '人才库', '本年登记', '举办活动', '按期答复率', '未达标项']);
    expect(cells).toHaveLength(3 + 12);
    await shot(page, 'scorecard-last-year');
    expect(errors).toEqual([]);
    await page.context().close();

    // Only the city administrator's: an analyst is refused.
    const analyst = await newPage();
    await signIn(analyst.page, 'analyst', DEMO_PASSWORDS.analyst);
    await landed(analyst.page, '/overview');
    expect(await analyst.page.locator('[data-menu] .ant-menu-item').allTextContents()).not.toContain('区县考核');
    await analyst.page.goto(`${site.origin}/scorecard`);
    await analyst.page.waitForSelector('[data-state=forbidden]');
    await analyst.page.context().close();
  });

  it('shows an analyst the suppressed groups as "<5", as the API answers them', async () => {
    const { page, token, errors } = await newPage();
    await signIn(page, 'analyst', DEMO_PASSWORDS.analyst);
    await landed(page, '/overview');
    expect(await page.textContent('[data-viewer-role]')).toBe('数据分析员');
    await page.waitForSelector('[data-state=done]');
    const stats = await api(token(), STATS, { filter: {} });
    expect(stats.errors).toBeUndefined();
    const affiliation = stats.data.byAffiliation as Group[];
    // 400 persons: some political affiliations are held by fewer than 5 of them.
    expect(affiliation.some((g) => g.suppressed)).toBe(true);
    const table = await tableOf(page, '政治面貌');
    expect(table).toEqual(expectedRows(affiliation, (g) => AFFILIATION_LABELS[g.politicalAffiliation!]!));
    expect(table.at(-1)).toEqual([SUPPRESSED_LABEL, '<5']);
    // Months: the small ones are hidden in one row without a month, so a month left out is "<5", never 0.
    const thisYear = new Date().getFullYear();
    const registrations = await api(token(), REGISTRATIONS, { filter: {}, monthFilter: { registeredFrom: `${thisYear - 2}-01-01` } });
    expect(registrations.errors).toBeUndefined();
    expect(await tableOf(page, '近3年每月登记')).toEqual(everyMonth(registrations.data.byMonth, 'registeredMonth', 'count', `${thisYear - 2}-01`, chinaMonth()));
    await page.locator('[data-card="政治面貌"]').getByText('表格', { exact: true }).click();
    await shot(page, 'overview-analyst');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("keeps a district administrator to their district's view, in the console and in the API", async () => {
    const { page, token, errors } = await newPage();
    await signIn(page, 'lucheng', DEMO_PASSWORDS.district);
    await landed(page, '/districts/330302');
    expect(await page.textContent('[data-viewer-role]')).toBe('区县管理员');
    expect(await page.textContent('[data-page-title]')).toBe('鹿城区总览');
    expect(await page.locator('[data-menu] .ant-menu-item').allTextContents()).toEqual(['本区总览', '本区活动', '本区意见诉求']);
    await page.waitForSelector('[data-state=done]');
    const own = await api(token(), STATS, { filter: { districtCode: '330302' } });
    expect(await totalShown(page)).toBe(formatCount(own.data.total[0].count));
    await shot(page, 'district-admin');

    // Their district's activities, from the menu; the city's and another district's are refused.
    await page.locator('[data-menu] .ant-menu-item', { hasText: '本区活动' }).click();
    await page.waitForURL((u) => u.pathname === '/districts/330302/activities');
    await page.waitForSelector('[data-state=done]');
    const ownActivities = await api(token(), ACTIVITIES, { filter: { districtCode: '330302' } });
    expect(await page.locator('[data-activities-total] .ant-statistic-content-value').textContent()).toBe(formatCount(sum(ownActivities.data.byKind)));
    await shot(page, 'district-admin-activities');

    for (const other of ['/districts/330303', '/districts/330303/activities', '/overview', '/activities', '/overview?district=330303']) {
      await page.goto(`${site.origin}${other}`);
      await page.waitForSelector('[data-state=forbidden]');
      expect(await page.textContent('[data-state=forbidden]')).toContain('无权访问');
    }
    await shot(page, 'district-admin-forbidden');
    const refused = await api(token(), STATS, { filter: { districtCode: '330303' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lands an association administrator on their organization, a person on their own record', async () => {
    const assoc = await newPage();
    await signIn(assoc.page, 'association', DEMO_PASSWORDS.association);
    await landed(assoc.page, '/organization');
    await assoc.page.waitForSelector('[data-state=done]');
    expect(await assoc.page.textContent('[data-page-title]')).toBe(DEMO_ASSOCIATION_NAME);
    const org = await api(assoc.token(), 'query($id: ID!) { organization(id: $id) { memberCount } }', { id: site.demo!.organizationId });
    expect(await assoc.page.textContent('[data-member-count]')).toBe(org.data.organization.memberCount == null ? '<5' : `${formatCount(org.data.organization.memberCount)} 人`);
    await shot(assoc.page, 'organization');
    expect(assoc.errors).toEqual([]);
    await assoc.page.context().close();

    const person = await newPage();
    await signIn(person.page, 'person', DEMO_PASSWORDS.person);
    await landed(person.page, '/me');
    await person.page.waitForSelector('[data-state=done]');
    const me = await api(person.token(), 'query($id: ID!) { person(id: $id) { name } }', { id: site.demo!.personId });
    expect(await person.page.textContent('[data-person-name]')).toBe(me.data.person.name);
    expect(await person.page.locator('[data-menu] .ant-menu-item').allTextContents()).toEqual(['我的信息']);
    await person.page.goto(`${site.origin}/overview`);
    await person.page.waitForSelector('[data-state=forbidden]');
    await person.page.goto(`${site.origin}/me`);
    await person.page.waitForSelector('[data-state=done]');
    await shot(person.page, 'me');
    expect(person.errors).toEqual([]);
    await person.page.context().close();
  });

  it('says so when the password is wrong', async () => {
    const { page } = await newPage();
    await signIn(page, 'city', 'not-the-password');
    await page.waitForSelector('[role=alert]');
    expect(await page.textContent('[role=alert]')).toBe('用户名或密码错误');
    expect(new URL(page.url()).pathname.startsWith('/oidc/')).toBe(true);
    await shot(page, 'wrong-password');
    await page.context().close();
  });

  it('says clearly when the session has ended, and signs in again from there', async () => {
    const { page, errors } = await newPage();
    await page.clock.install();
    let refreshToken = '';
    page.on('response', async (r) => {
      if (r.url() === `${site.origin}/oidc/token` && r.ok()) refreshToken = ((await r.json()) as { refresh_token?: string }).refresh_token ?? refreshToken;
    });
    await signIn(page, 'city', DEMO_PASSWORDS.city);
    await landed(page, '/overview');
    await page.waitForSelector('[data-state=done]');
    expect(refreshToken).not.toBe('');
    // The provider forgets the refresh token (as when its session ends elsewhere); ten minutes later the access token runs out.
    const revoked = await fetch(`${site.origin}/oidc/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: site.idp.clientId, token: refreshToken, token_type_hint: 'refresh_token' }),
    });
    expect(revoked.status).toBe(200);
    await page.clock.fastForward('10:00');
    await page.waitForSelector('[data-session-message]');
    expect(await page.textContent('[data-session-message]')).toContain('登录已过期，请重新登录。');
    expect(await page.textContent('[data-action=signin]')).toBe('重新登录');
    await shot(page, 'session-expired');
    // Still signed in at the provider: 重新登录 comes straight back.
    await page.click('[data-action=signin]');
    await landed(page, '/overview');
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    await page.context().close();
  });

  it('signs out through the provider, which then asks for the password again', async () => {
    const { page, errors } = await newPage();
    await signIn(page, 'city', DEMO_PASSWORDS.city);
    await landed(page, '/overview');
    await page.click('[data-action=signout]');
    await page.waitForURL((u) => u.pathname.startsWith('/oidc/'));
    await shot(page, 'sign-out-confirm');
    await page.click('button[name=logout]');
    await page.waitForURL((u) => u.pathname === '/');
    await page.waitForSelector('[data-page=signin]');
    await shot(page, 'signed-out');
    await page.click('[data-action=signin]');
    await page.waitForSelector('#username');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows loading while the statistics come, and a clear error with 重试 when the gateway cannot be reached', async () => {
    const { page } = await newPage();
    await signIn(page, 'city', DEMO_PASSWORDS.city);
    await landed(page, '/overview');
    await page.waitForSelector('[data-state=done]');

    // The next answer held back: the page says it is loading until it comes.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(graphqlUrl(), async (route) => {
      await held;
      await route.continue();
    });
    await page.click('[data-filter=category]');
    await page.locator('.ant-select-item-option', { hasText: /^自由职业人员$/ }).click();
    await page.waitForSelector('[data-state=loading]');
    await shot(page, 'overview-loading');
    release();
    await page.waitForSelector('[data-state=done]');
    await page.unroute(graphqlUrl());

    // The network fails: a Chinese message and 重试, which loads the page once the gateway answers again.
    await page.route(graphqlUrl(), (route) => route.abort('connectionrefused'));
    await page.click('[data-filter=category]');
    await page.locator('.ant-select-item-option', { hasText: /^个体户$/ }).click();
    await page.waitForSelector('[data-state=error]');
    expect(await page.textContent('[data-state=error]')).toContain('无法连接服务器，请检查网络后重试。');
    await shot(page, 'overview-error');
    await page.unroute(graphqlUrl());
    await page
      .locator('[data-state=error]')
      .getByRole('button', { name: /重\s*试/ })
      .click();
    await page.waitForSelector('[data-state=done]');
    expect(new URL(page.url()).searchParams.get('category')).toBe('SELF_EMPLOYED');
    await page.context().close();
  });
});

describeInBrowser('the console with claims under configured names (TONGXIN_CLAIM_*)', () => {
  let site: ConsolePlatform;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const dir = buildConsoleIfStale(createLogger('console-build', process.env.LOG_LEVEL ?? 'silent'));
    // As with a department's provider: roles in a nested array's place, the district under a namespaced name.
    const claims = claimConfigFromEnv({
      TONGXIN_CLAIM_ROLE: 'tongxin.roles',
      TONGXIN_CLAIM_DISTRICT: 'https://tongxin.example/district',
      TONGXIN_ROLE_VALUES: 'tx-district=DISTRICT_ADMIN,tx-city=CITY_ADMIN',
    });
    site = await startConsolePlatform({ consoleDir: dir, demoPersons: 60, identity: { claims } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it("signs a district administrator in onto their district's view, the console and the services reading the configured claims", async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    let bearer = '';
    page.on('request', (r) => {
      if (r.url() === `${site.origin}/graphql`) bearer = r.headers().authorization ?? bearer;
    });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}/`);
    await page.click('[data-action=signin]');
    await page.waitForSelector('#username');
    await page.fill('#username', 'lucheng');
    await page.fill('#password', DEMO_PASSWORDS.district);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/districts/330302', { timeout: 30_000 });
    await page.waitForSelector('[data-state=done]');
    expect(await page.textContent('[data-viewer-role]')).toBe('区县管理员');
    const claims = JSON.parse(Buffer.from(bearer.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ 'tongxin.roles': 'tx-district', 'https://tongxin.example/district': '330302' });
    expect(claims).not.toHaveProperty('role');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-district-admin-configured-claims.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
