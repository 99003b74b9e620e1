import { createLogger, systemContext } from '@tongxin/common';
import type { EvaluationServices } from '@tongxin/evaluation';
import { openPlatformDatabases } from '../packages/platform/src/databases';
import { seedDemoData } from '../packages/platform/src/demo/seed';
import { freshDatabase } from './harness/database';

/**
 * The demo city shows what issue 5 added to the evaluation subgraph: a scheme of the current year,
 * district pools of which some meet the quota of 50 and some do not, a city pool, next year's pools
 * under review, and political arrangements.
 */
describe('the demo city: schemes, talent pools and political arrangements', () => {
  it('has them, consistent with the rules', async () => {
    const db = freshDatabase();
    const platform = await openPlatformDatabases(db.config, createLogger('demo-test', 'silent'));
    try {
      await seedDemoData(platform.services, {
        seed: 11,
        size: { persons: 3000, activitiesPerPerson: 0.02, participantsPerActivity: 10 },
        log: createLogger('demo-test', 'silent'),
        today: '2026-06-30',
      });
      const services = platform.services.evaluation as EvaluationServices;
      const ctx = systemContext();
      expect((await services.schemes.get(ctx, 2026)).scheme.name).toBe('2026年度综合评价方案（§17）');
      const now = await services.poolQuotas.compliance(ctx, 2026);
      const districts = now.filter((c) => c.level === 'DISTRICT');
      expect(districts.some((c) => c.compliant)).toBe(true);
      expect(districts.some((c) => !c.compliant && c.count! > 0)).toBe(true);
      expect(now[0]!.count).toBeGreaterThan(0);
      expect(now[0]!.count).toBeLessThanOrEqual(200);
      const next = await services.poolQuotas.compliance(ctx, 2027);
      expect(next.every((c, i) => c.count === 0 && c.underReview === now[i]!.count)).toBe(true);
      const arrangements = await services.arrangements.list(ctx, {}, { first: 1000 });
      expect(arrangements.nodes.length).toBeGreaterThan(10);
      expect(new Set(arrangements.nodes.map((a) => a.kind)).size).toBe(3);
    } finally {
      await platform.close();
      await db.drop(Object.keys(platform.dataSources));
    }
  }, 120_000);
});
