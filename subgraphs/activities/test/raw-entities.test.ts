import { entityReader, getEntities, randomIds, systemContext } from '@tongxin/common';
import { activitiesSubgraph, ActivitiesServices, ActivityEntity, FeedbackEntity, FeedbackStepEntity, ParticipationEntity } from '@tongxin/activities';
import type { ObjectLiteral } from 'typeorm';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * getEntities reads rows as getMany() hydrates them, on SQLite and MariaDB: dates as strings,
 * datetimes as Date, decimals, booleans, nulls, versions, and foreign keys of relations that are
 * kept only for their constraint (not loaded by either).
 */
describe('entities read from raw rows equal those getMany() hydrates', () => {
  let sg: TestSubgraph<ActivitiesServices>;

  beforeAll(async () => {
    sg = await startTestSubgraph(activitiesSubgraph);
    const ctx = systemContext();
    const activityIds = await sg.running.services.activities.createMany(ctx, [
      { title: '律师志愿服务日', kind: 'SOCIAL_SERVICE', districtCode: '330302', startsAt: '2026-05-20T09:00:00+08:00', endsAt: '2026-05-20T17:00:00+08:00', capacity: 30 },
      { title: '新阶层人士座谈会', kind: 'STUDY_TRAINING', districtCode: '330303', startsAt: '2026-06-01T14:30:00+08:00' },
    ]);
    await sg.running.services.participations.recordMany(ctx, [
      { activityId: activityIds[0]!, personId: randomIds.next(), role: 'SPEAKER', attendance: 'ATTENDED', hours: 2.5 },
      { activityId: activityIds[0]!, personId: randomIds.next() },
      { activityId: activityIds[1]!, personId: randomIds.next(), attendance: 'ABSENT' },
    ]);
    const submittedAt = new Date(Date.now() - 3600_000);
    await sg.running.services.feedback.submitMany(ctx, [
      { draft: { kind: 'SUGGESTION', title: '建议', content: '建议增加活动场次。', districtCode: '330302', personId: randomIds.next(), activityId: activityIds[0] }, submittedAt, steps: [] },
      {
        draft: { kind: 'RIGHTS_PROTECTION', title: '求助', content: '请求帮助协调。', districtCode: '330303', personId: randomIds.next() },
        submittedAt,
        steps: [{ to: 'REJECTED', at: new Date(submittedAt.getTime() + 60_000), department: null, answer: null, note: '不属于受理范围' }],
      },
    ] as never);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it.each([
    ['activity', ActivityEntity],
    ['participation', ParticipationEntity],
    ['feedback', FeedbackEntity],
    ['feedback step', FeedbackStepEntity],
  ] as const)('%s', async (_name, entity) => {
    const qb = () => sg.running.dataSource.getRepository<ObjectLiteral>(entity).createQueryBuilder('x').orderBy('x.id', 'ASC');
    const hydrated = await qb().getMany();
    const read = await getEntities(qb());
    expect(hydrated.length).toBeGreaterThan(0);
    // The same values, classes and properties (none more, none undefined).
    expect(read).toStrictEqual(hydrated);
    expect(read.map((row) => Object.keys(row).sort())).toEqual(hydrated.map((row) => Object.keys(row).sort()));
    read.forEach((row) => expect(row).toBeInstanceOf(entity));
    // One row alone reads the same (entityReader).
    const raw = await qb().getRawMany();
    const one = entityReader(sg.running.dataSource, sg.running.dataSource.getMetadata(entity), 'x');
    expect(raw.map((r) => one(r))).toStrictEqual(hydrated);
    // A partial selection reads only what was selected, as getMany() does.
    const other = sg.running.dataSource.getMetadata(entity).columns.find((c) => !c.isPrimary)!.propertyPath;
    const partial = await getEntities(qb().select(['x.id', `x.${other}`]));
    expect(partial).toEqual(await qb().select(['x.id', `x.${other}`]).getMany());
    expect(Object.keys(partial[0]!).sort()).toEqual(['id', other].sort());
  });

  it('leaves joined queries to getMany(), and refuses to read an entity it cannot read flat', async () => {
    const joined = () =>
      sg.running.dataSource.getRepository(ParticipationEntity).createQueryBuilder('p').innerJoin(ActivityEntity, 'a', 'a.id = p.activityId').where('a.capacity IS NOT NULL').orderBy('p.id');
    expect(await getEntities(joined())).toEqual(await joined().getMany());
    const metadata = sg.running.dataSource.getMetadata(ParticipationEntity);
    expect(() => entityReader(sg.running.dataSource, { ...metadata, eagerRelations: [metadata.relations[0]!] } as never, 'p')).toThrow('reads flat entities only');
  });
});
