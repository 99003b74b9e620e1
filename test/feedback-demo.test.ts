import { createLogger, todayInChina } from '@tongxin/common';
import { openPlatformDatabases } from '../packages/platform/src/databases';
import { seedDemoData } from '../packages/platform/src/demo/seed';
import { freshDatabase } from './harness/database';

describe('the demo city: feedback', () => {
  it('holds feedback at every stage of the workflow, some of it overdue, each with its steps', async () => {
    const db = freshDatabase();
    const platform = await openPlatformDatabases(db.config, createLogger('demo-test', 'silent'));
    try {
      const today = todayInChina();
      await seedDemoData(platform.services, { seed: 11, size: { persons: 600, activitiesPerPerson: 0.2, participantsPerActivity: 20 }, log: createLogger('demo-test', 'silent'), chunk: 200, today });
      const ds = platform.dataSources.activities!;
      const byStatus: Array<{ status: string; n: number }> = await ds.query('SELECT status, COUNT(*) AS n FROM feedback GROUP BY status');
      expect(new Set(byStatus.map((r) => r.status))).toEqual(new Set(['SUBMITTED', 'ACCEPTED', 'FORWARDED', 'ANSWERED', 'CLOSED', 'REJECTED']));
      const [{ n: overdue }] = await ds.query(`SELECT COUNT(*) AS n FROM feedback WHERE status IN ('SUBMITTED', 'ACCEPTED', 'FORWARDED') AND due_on < ?`, [today]);
      expect(Number(overdue)).toBeGreaterThan(0);
      const [{ n: withoutSteps }] = await ds.query('SELECT COUNT(*) AS n FROM feedback f WHERE NOT EXISTS (SELECT 1 FROM feedback_step s WHERE s.feedback_id = f.id)');
      expect(Number(withoutSteps)).toBe(0);
      const [{ n: fromActivities }] = await ds.query('SELECT COUNT(*) AS n FROM feedback WHERE activity_id IS NOT NULL');
      expect(Number(fromActivities)).toBeGreaterThan(0);
      const open: Array<{ n: number }> = await ds.query(`SELECT COUNT(*) AS n FROM activity WHERE status = 'OPEN'`);
      expect(Number(open[0]!.n)).toBeGreaterThan(0);
    } finally {
      await platform.close();
      await db.drop(['persons', 'organizations', 'activities', 'evaluation']);
    }
  });
});
