import { encodeCursor, randomIds, systemContext } from '@tongxin/common';
import { ActivitiesServices, activitiesSubgraph } from '@tongxin/activities';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const LIST = `query($after: String) { activities(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } } }`;
const CHILDREN = `query($id: ID!, $after: String) { activity(id: $id) { participations(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } } } }`;
const PERSON_PAGE = `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Person { participations(first: 2, after: $after) { edges { node { id } } } } } }`;

describe('activities subgraph: cursors', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  let activityId: string;
  const personId = randomIds.next();
  beforeAll(async () => {
    sg = await startTestSubgraph(activitiesSubgraph);
    const ctx = systemContext({ ids: randomIds });
    const ids = await sg.running.services.activities.createMany(
      ctx,
      Array.from({ length: 5 }, (_, i) => ({ title: `游标活动 ${i}`, kind: 'SOCIAL_SERVICE', districtCode: '330302', startsAt: '2026-05-20T09:00:00+08:00' })) as never,
    );
    activityId = ids[0]!;
    await sg.running.services.participations.recordMany(ctx, [
      { activityId, personId },
      { activityId, personId: randomIds.next() },
      { activityId, personId: randomIds.next() },
    ] as never);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('pages with the cursors it issues', async () => {
    const first = expectData(await sg.request(LIST, { after: null })).activities;
    const second = expectData(await sg.request(LIST, { after: first.pageInfo.endCursor })).activities;
    expect(second.edges).toHaveLength(2);
    expect(second.edges[0].node.id > first.edges[1].node.id).toBe(true);
    const children = expectData(await sg.request(CHILDREN, { id: activityId, after: null })).activity.participations;
    const next = expectData(await sg.request(CHILDREN, { id: activityId, after: children.pageInfo.endCursor })).activity.participations;
    expect(next.edges).toHaveLength(1);
  });

  it.each([
    ['a number', encodeCursor([1])],
    ['a string that is no id', encodeCursor(['zzz'])],
    ['an id and more', encodeCursor([personId, 1])],
    ['an object', encodeCursor([{ id: personId }] as never)],
  ])('refuses a cursor holding %s with BAD_USER_INPUT, for lists and per-parent pages', async (_label, after) => {
    for (const res of [
      await sg.request(LIST, { after }),
      await sg.request(CHILDREN, { id: activityId, after }),
      await sg.request(PERSON_PAGE, { r: [{ __typename: 'Person', id: personId }], after }),
    ]) {
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0]!.message).toMatch(/after: is not a cursor of this list/);
    }
  });
});
