import { CountingTypeOrmLogger, systemContext } from '@tongxin/common';
import { OrganizationDraft, organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * organizationStats groups the organization table (issue 16 §4: statistics answer from indexes or
 * maintained counts): each grouping the dashboard asks for, and a district's, is read from an
 * index alone and in its order, with no temporary table or sort (idx_organization_stats on
 * district, kind and level), and still counts right. The plan of the very statement the request
 * sent, on SQLite and on MariaDB.
 */

const STATS = `query($g: [OrganizationStatsDimension!]!, $f: OrganizationFilter) { organizationStats(groupBy: $g, filter: $f) { district { code } kind level count } }`;
const DISTRICTS = ['330302', '330303', '330304', '330305', '330324', '330326'];
const KINDS = ['FRIENDSHIP_ASSOCIATION', 'INDUSTRY_ASSOCIATION', 'JOINT_MEETING'];

describe('organizationStats from an index', () => {
  let sg: TestSubgraph<OrganizationsServices>;
  let mysql: boolean;
  beforeAll(async () => {
    sg = await startTestSubgraph(organizationsSubgraph);
    mysql = !String(sg.running.dataSource.options.type).includes('sqlite');
    const drafts = Array.from({ length: 60 }, (_, i) => ({ name: `分组统计组织${i}`, kind: KINDS[i % 3], level: 'DISTRICT', districtCode: DISTRICTS[i % 6] }) as OrganizationDraft);
    await sg.running.services.organizations.createMany(systemContext(), drafts);
    if (mysql) await sg.running.dataSource.query('ANALYZE TABLE organization');
  });
  afterAll(async () => sg?.stop());

  /** The request's answer, and the plan of the GROUP BY statement it sent. */
  const planOf = async (groupBy: string[], filter?: Record<string, unknown>) => {
    const sent: Array<[string, unknown[] | undefined]> = [];
    const original = CountingTypeOrmLogger.prototype.logQuery;
    const spy = jest.spyOn(CountingTypeOrmLogger.prototype, 'logQuery').mockImplementation(function (this: CountingTypeOrmLogger, query: string, parameters?: unknown[]) {
      sent.push([query, parameters]);
      return original.call(this, query, parameters);
    });
    let rows: Array<Record<string, any>>;
    try {
      rows = expectData(await sg.request(STATS, { g: groupBy, f: filter })).organizationStats;
    } finally {
      spy.mockRestore();
    }
    const grouping = sent.filter(([q]) => /COUNT\(\*\)/.test(q));
    expect(grouping).toHaveLength(1);
    const [query, parameters] = grouping[0]!;
    const plan = (await sg.running.dataSource.query(`${mysql ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${query}`, parameters ?? [])) as Array<Record<string, unknown>>;
    return { rows, plan: plan.map((r) => (mysql ? `${r.type} ${r.key} ${r.Extra}` : String(r.detail))) };
  };
  /** Read from an index only, in its order: no table rows, no temporary table, no sort. */
  const fromIndexAlone = (plan: string[]) => {
    if (mysql) {
      expect(plan).toHaveLength(1);
      expect(plan[0]).toMatch(/Using index/);
      expect(plan[0]).not.toMatch(/^ALL |temporary|filesort/);
    } else {
      expect(plan.join('; ')).toMatch(/USING COVERING INDEX/);
      expect(plan.join('; ')).not.toMatch(/TEMP B-TREE/);
    }
  };

  it.each([[['DISTRICT', 'KIND']], [['DISTRICT', 'KIND', 'LEVEL']], [['DISTRICT']], [['KIND']], [['LEVEL']]])('groups by %j from an index', async (groupBy) => {
    const { rows, plan } = await planOf(groupBy);
    fromIndexAlone(plan);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(60);
    if (groupBy.length === 2) expect(rows).toHaveLength(6);
  });

  it("groups a district's organizations by kind from an index", async () => {
    const { rows, plan } = await planOf(['KIND'], { districtCode: '330303' });
    fromIndexAlone(plan);
    expect(rows.map((r) => [r.kind, r.count])).toEqual([['INDUSTRY_ASSOCIATION', 10]]);
  });
});
