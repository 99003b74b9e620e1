import { systemContext } from '@tongxin/common';
import { ActivitiesServices, activitiesSubgraph, ActivityDraft } from '@tongxin/activities';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const CREATE_ACTIVITY = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id startsAt } } }`;

describe('activities subgraph: date-times must name their offset', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(activitiesSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const input = (startsAt: string) => ({ title: '政策宣讲会', kind: 'SOCIAL_SERVICE', districtCode: '330302', startsAt });

  it('stores a date-time with an offset as its instant', async () => {
    const { activity } = expectData(await sg.request(CREATE_ACTIVITY, { input: input('2026-05-20T09:00:00+08:00') })).createActivity;
    expect(activity.startsAt).toBe('2026-05-20T01:00:00.000Z');
  });

  it('refuses one without an offset, as a variable (BAD_USER_INPUT) or in the query text', async () => {
    const asVariable = await sg.request(CREATE_ACTIVITY, { input: input('2026-05-20T09:00:00') });
    expect(errorCodes(asVariable)).toEqual(['BAD_USER_INPUT']);
    expect(asVariable.errors![0]!.message).toMatch(/no time zone/);
    const inline = await sg.request(`mutation { createActivity(input: { title: "政策宣讲会", kind: SOCIAL_SERVICE, districtCode: "330302", startsAt: "2026-05-20T09:00:00" }) { activity { id } } }`);
    // A literal in the query text fails validation of the document itself.
    expect(errorCodes(inline)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(inline.errors![0]!.message).toMatch(/no time zone/);
    const filter = await sg.request(`query($from: DateTime) { activities(filter: { startsFrom: $from }) { totalCount } }`, { from: '2026-05-20T00:00' });
    expect(errorCodes(filter)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses one without an offset in a bulk import, naming the row', async () => {
    const drafts: ActivityDraft[] = [
      { ...input('2026-05-20T09:00:00+08:00') } as ActivityDraft,
      { ...input('2026-05-21T09:00:00') } as ActivityDraft,
      { ...input('2026-05-22T09:00:00'), endsAt: '2026-05-22T11:00:00Z' } as ActivityDraft,
    ];
    await expect(sg.running.services.activities.createMany(systemContext(), drafts)).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'rows[1].startsAt', message: expect.stringMatching(/no time zone/) },
          { field: 'rows[2].startsAt', message: expect.stringMatching(/no time zone/) },
        ],
      },
    });
  });
});
