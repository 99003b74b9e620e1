import { makeIdNumber, Role } from '@tongxin/common';
import { tokenFor } from './harness/auth';
import { errorCodes, expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * Issue 5, part 2 through the gateway: a person submits feedback, the district handles it step
 * by step (every step kept with who and when, every refused transition a CONFLICT that changes
 * nothing), Person.feedback for the person and the district, the audit log.
 */

const OWN = '330305'; // 洞头区
const OTHER = '330324'; // 永嘉县
let seq = 0;
const form = (districtCode: string) => {
  seq += 1;
  return { name: '陈立', idNumber: makeIdNumber(districtCode, '1985-09-09', 500 + seq * 2), politicalAffiliation: 'MASSES', category: 'SELF_EMPLOYED', districtCode };
};

const Q = {
  register: `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`,
  submit: `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { id status version dueOn overdue person { id name } } } }`,
  handle: `mutation($input: HandleFeedbackInput!) { handleFeedback(input: $input) { feedback { id status version department answer } } }`,
  feedback: `query($id: ID!) { feedback(id: $id) { id status version person { id name } steps { totalCount edges { node { from to actor actorRole note department } } } } }`,
  personFeedback: `query($id: ID!) { person(id: $id) { id name feedback { totalCount edges { node { id title status } } } } }`,
  list: `query($f: FeedbackFilter) { feedbacks(filter: $f, first: 50) { totalCount edges { node { id person { id name } } } } }`,
  audit: `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 50) { edges { node { subgraph action outcome role entityId detail } } } }`,
};

describe('feedback through the gateway: submission, the handling workflow and who sees what', () => {
  let p: TestPlatform;
  let personId: string;
  let person: Record<string, string>;
  let district: Record<string, string>;
  let districtOther: Record<string, string>;

  beforeAll(async () => {
    p = await startTestPlatform();
    personId = expectData(await p.request(Q.register, { input: form(OWN) })).registerPerson.person.id;
    person = { authorization: `Bearer ${await tokenFor({ role: Role.PERSON, person: personId })}` };
    district = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: OWN, sub: 'dongtou-clerk' })}` };
    districtOther = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: OTHER })}` };
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('runs a feedback from submission to closing, refusing every step out of turn', async () => {
    const submitted = expectData(
      await p.request(Q.submit, { input: { kind: 'RIGHTS_PROTECTION', title: '商铺租赁纠纷求助', content: '房东单方面提前解约，请求协调维权。', districtCode: OWN } }, person),
    ).submitFeedback.feedback;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', version: 1, overdue: false, person: { id: personId, name: '陈立' } });
    const id = submitted.id;

    const handle = (input: Record<string, unknown>, h = district) => p.request(Q.handle, { input: { id, ...input } }, h);
    // Out of turn: CONFLICT, nothing changed.
    for (const to of ['FORWARDED', 'ANSWERED', 'CLOSED', 'SUBMITTED']) {
      const res = await handle({ expectedVersion: 1, to, department: to === 'FORWARDED' ? '区市场监管局' : null, answer: to === 'ANSWERED' ? '已答复' : null });
      expect(errorCodes(res)).toEqual(['CONFLICT']);
    }
    // The person and another district may not handle it.
    expect(errorCodes(await handle({ expectedVersion: 1, to: 'ACCEPTED' }, person))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await handle({ expectedVersion: 1, to: 'ACCEPTED' }, districtOther))).toEqual(['FORBIDDEN']);
    expect(expectData(await p.request(Q.feedback, { id })).feedback).toMatchObject({ status: 'SUBMITTED', version: 1, steps: { totalCount: 1 } });

    expectData(await handle({ expectedVersion: 1, to: 'ACCEPTED', note: '已受理' }));
    expect(errorCodes(await handle({ expectedVersion: 1, to: 'FORWARDED', department: '区市场监管局' }))).toEqual(['CONFLICT']); // stale
    expectData(await handle({ expectedVersion: 2, to: 'FORWARDED', department: '区市场监管局' }));
    expect(errorCodes(await handle({ expectedVersion: 3, to: 'REJECTED', note: '太迟了' }))).toEqual(['CONFLICT']);
    expectData(await handle({ expectedVersion: 3, to: 'ANSWERED', answer: '已约谈房东，双方达成和解。' }));
    const closed = expectData(await handle({ expectedVersion: 4, to: 'CLOSED' })).handleFeedback.feedback;
    expect(closed).toMatchObject({ status: 'CLOSED', version: 5, department: '区市场监管局', answer: '已约谈房东，双方达成和解。' });
    expect(errorCodes(await handle({ expectedVersion: 5, to: 'ACCEPTED' }))).toEqual(['CONFLICT']);

    const read = expectData(await p.request(Q.feedback, { id }, district)).feedback;
    expect(read.steps.edges.map((e: any) => [e.node.from, e.node.to, e.node.actorRole, e.node.actor])).toEqual([
      [null, 'SUBMITTED', 'PERSON', expect.any(String)],
      ['SUBMITTED', 'ACCEPTED', 'DISTRICT_ADMIN', 'dongtou-clerk'],
      ['ACCEPTED', 'FORWARDED', 'DISTRICT_ADMIN', 'dongtou-clerk'],
      ['FORWARDED', 'ANSWERED', 'DISTRICT_ADMIN', 'dongtou-clerk'],
      ['ANSWERED', 'CLOSED', 'DISTRICT_ADMIN', 'dongtou-clerk'],
    ]);
    // The person reads the public steps only: where it stands and when, not who handled it or their notes.
    const own = expectData(await p.request(Q.feedback, { id }, person)).feedback;
    expect(own.steps.edges.map((e: any) => [e.node.from, e.node.to, e.node.actorRole, e.node.actor, e.node.note, e.node.department])).toEqual([
      [null, 'SUBMITTED', null, null, null, null],
      ['SUBMITTED', 'ACCEPTED', null, null, null, null],
      ['ACCEPTED', 'FORWARDED', null, null, null, null],
      ['FORWARDED', 'ANSWERED', null, null, null, null],
      ['ANSWERED', 'CLOSED', null, null, null, null],
    ]);

    // Every step audited once; the refusals too.
    const events = expectData(await p.request(Q.audit, { f: { entityId: id } })).auditEvents.edges.map((e: any) => e.node);
    expect(events.filter((e: any) => e.outcome === 'SUCCEEDED').map((e: any) => e.detail)).toEqual(
      expect.arrayContaining(['SUBMITTED → ACCEPTED', 'ACCEPTED → FORWARDED', 'FORWARDED → ANSWERED', 'ANSWERED → CLOSED']),
    );
    expect(events.every((e: any) => e.subgraph === 'activities')).toBe(true);
    expect(events.filter((e: any) => e.outcome === 'REFUSED')).toHaveLength(2);
    expect(events.filter((e: any) => e.outcome === 'FAILED')).toHaveLength(7);
  });

  it('shows Person.feedback to the person and their district, and nothing of it to another district', async () => {
    const own = expectData(await p.request(Q.personFeedback, { id: personId }, person)).person.feedback;
    expect(own.totalCount).toBe(1);
    expect(expectData(await p.request(Q.personFeedback, { id: personId }, district)).person.feedback.totalCount).toBe(1);
    // Another district cannot open the person's record at all; its list of feedback holds none of it.
    expect(errorCodes(await p.request(Q.personFeedback, { id: personId }, districtOther))).toEqual(['FORBIDDEN']);
    expect(expectData(await p.request(Q.list, {}, districtOther)).feedbacks.totalCount).toBe(0);
    expect(errorCodes(await p.request(Q.list, { f: { districtCode: OWN } }, districtOther))).toEqual(['FORBIDDEN']);
    const listed = expectData(await p.request(Q.list, {}, district)).feedbacks;
    expect(listed.edges.map((e: any) => e.node.person)).toEqual([{ id: personId, name: '陈立' }]);
  });
});
