import { Role, todayInChina } from '@tongxin/common';
import { evaluationSubgraph, EvaluationServices } from '@tongxin/evaluation';
import { tokenFor } from '../../../test/harness/auth';
import { errorCodes, expectData, GraphQLResponse } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/** The city's expectations of the districts per year (区县考核, §16): defaults, set and read back, bad input. Roles: roles.test.ts. */

const FIELDS = 'year registrations activitiesPerMonth onTimeRate poolCompliant defaults updatedBy updatedAt version';
const GET = `query($year: Int!) { scorecardExpectations(year: $year) { ${FIELDS} } }`;
const SET = `mutation($input: SetScorecardExpectationsInput!) { setScorecardExpectations(input: $input) { expectations { ${FIELDS} } } }`;
const AUDIT = `query($f: AuditEventFilter) { evaluationAuditEvents(filter: $f, first: 1000) { events { action entityType outcome subject detail } } }`;

const THIS_YEAR = Number(todayInChina().slice(0, 4));
const fieldsOf = (res: GraphQLResponse) => (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);
const DEFAULTS = { registrations: 1, activitiesPerMonth: 1, onTimeRate: 0.9, poolCompliant: true, defaults: true, updatedBy: null, updatedAt: null, version: 0 };

describe('the scorecard expectations', () => {
  let sg: TestSubgraph<EvaluationServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(evaluationSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });
  const get = async (year: number, headers?: Record<string, string>) => expectData(await sg.request(GET, { year }, headers)).scorecardExpectations;
  const set = (input: Record<string, unknown>) => sg.request(SET, { input });
  const rows = () => sg.running.dataSource.query('SELECT * FROM scorecard_expectation ORDER BY year');
  const audited = async (outcome: string) => expectData(await sg.request(AUDIT, { f: { action: 'setScorecardExpectations', outcome } })).evaluationAuditEvents.events;

  it('answers the defaults for a year none are set for, to every role that reads aggregates alike', async () => {
    expect(await get(THIS_YEAR)).toEqual({ year: THIS_YEAR, ...DEFAULTS });
    const district = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: '330302' })}` };
    const analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
    expect(await get(THIS_YEAR, district)).toEqual(await get(THIS_YEAR));
    expect(await get(THIS_YEAR, analyst)).toEqual(await get(THIS_YEAR));
    expect(await rows()).toEqual([]);
  });

  it('sets a year, reads it back the same for everyone, changes it under its version, and audits each change', async () => {
    const year = THIS_YEAR - 1;
    const before = (await audited('SUCCEEDED')).length;
    const first = expectData(await set({ year, registrations: 50, activitiesPerMonth: 1.5, onTimeRate: 0.95, poolCompliant: true, expectedVersion: 0 })).setScorecardExpectations.expectations;
    expect(first).toMatchObject({ year, registrations: 50, activitiesPerMonth: 1.5, onTimeRate: 0.95, poolCompliant: true, defaults: false, updatedBy: 'test-city_admin', version: 1 });
    expect(new Date(first.updatedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
    expect(await get(year, analyst)).toEqual(first);
    // Another year keeps its defaults.
    expect(await get(THIS_YEAR)).toMatchObject(DEFAULTS);

    const second = expectData(await set({ year, registrations: 0, activitiesPerMonth: 0, onTimeRate: 1, poolCompliant: false, expectedVersion: 1 })).setScorecardExpectations.expectations;
    expect(second).toMatchObject({ registrations: 0, activitiesPerMonth: 0, onTimeRate: 1, poolCompliant: false, defaults: false, version: 2 });
    expect(await get(year)).toEqual(second);

    // A stale version is a CONFLICT and changes nothing.
    const stale = await set({ year, registrations: 7, activitiesPerMonth: 2, onTimeRate: 0.5, poolCompliant: true, expectedVersion: 1 });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(await get(year)).toEqual(second);

    const events = await audited('SUCCEEDED');
    expect(events).toHaveLength(before + 2);
    expect(events[0]).toEqual({
      action: 'setScorecardExpectations',
      entityType: 'ScorecardExpectations',
      outcome: 'SUCCEEDED',
      subject: 'test-city_admin',
      detail: `${year}: registrations 0, activities per month 0, on time 1, pool compliant false`,
    });
  });

  const good = { year: THIS_YEAR, registrations: 10, activitiesPerMonth: 2, onTimeRate: 0.8, poolCompliant: true };
  it.each([
    ['a negative registrations', { registrations: -1 }, ['input.registrations']],
    ['negative activities per month', { activitiesPerMonth: -0.5 }, ['input.activitiesPerMonth']],
    ['activities per month with 3 decimals', { activitiesPerMonth: 1.125 }, ['input.activitiesPerMonth']],
    ['a rate over 1', { onTimeRate: 1.01 }, ['input.onTimeRate']],
    ['a negative rate', { onTimeRate: -0.1 }, ['input.onTimeRate']],
    ['a year before 2011', { year: 2010 }, ['input.year']],
    ['a year after next year', { year: THIS_YEAR + 2 }, ['input.year']],
    ['a missing year', { year: undefined }, ['input.year']],
    ['a missing registrations', { registrations: undefined }, ['input.registrations']],
    ['a missing activities per month', { activitiesPerMonth: undefined }, ['input.activitiesPerMonth']],
    ['a missing rate', { onTimeRate: null }, ['input.onTimeRate']],
    ['a missing pool compliance', { poolCompliant: null }, ['input.poolCompliant']],
    [
      'everything wrong at once',
      { year: 1999, registrations: -3, activitiesPerMonth: -1, onTimeRate: 2, poolCompliant: null },
      ['input.year', 'input.registrations', 'input.activitiesPerMonth', 'input.onTimeRate', 'input.poolCompliant'],
    ],
  ])('refuses %s with BAD_USER_INPUT at the field, writing nothing', async (_name, change, fields) => {
    const input: Record<string, unknown> = { ...good, ...change };
    for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
    const before = { rows: await rows(), succeeded: (await audited('SUCCEEDED')).length, failed: (await audited('FAILED')).length };
    const res = await set(input);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(res)).toEqual(fields);
    expect(res.data?.setScorecardExpectations ?? null).toBeNull();
    expect(await rows()).toEqual(before.rows);
    expect((await audited('SUCCEEDED')).length).toBe(before.succeeded);
    // A bad input is in the audit log too (FAILED), naming the fields only, never what was sent.
    const failed = await audited('FAILED');
    expect(failed).toHaveLength(before.failed + 1);
    expect(failed[0].detail).toBe(`BAD_USER_INPUT: invalid ${fields.join(', ')}`);
  });

  it('refuses a year out of range when reading, naming the argument', async () => {
    const res = await sg.request(GET, { year: 1990 });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(res)).toEqual(['year']);
  });
});
