import { makeIdNumber, randomIds, Role, systemContext } from '@tongxin/common';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { tokenFor } from '../../../test/harness/auth';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * The replica of memberships in the persons subgraph (docs/CROSS-DISTRICT.md, "Who runs in an
 * organization"): what the organizations subgraph publishes decides which persons an association
 * administrator reads. Delivered by the real outbox through the gateway: test/association-member-list.test.ts
 * and test/service-identity.test.ts.
 */

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const PERSON = `query($id: ID!) { person(id: $id) { id name } }`;
const APPLY = `mutation($c: [MembershipChangeInput!]!) { applyMembershipChanges(changes: $c) }`;

describe('the replica of memberships in the persons subgraph', () => {
  let sg: TestSubgraph<PersonsServices>;
  let personId: string;
  let association: Record<string, string>;
  const org = randomIds.next();
  const membership = randomIds.next();
  const apply = (changes: Array<{ membershipId: string; personId: string; organizationId: string; active: boolean; version: number }>) =>
    sg.running.services.organizationMembers.apply(systemContext(), changes);
  const change = (active: boolean, version: number) => ({ membershipId: membership, personId, organizationId: org, active, version });
  const reads = async () => (await sg.request(PERSON, { id: personId }, association)).errors?.map((e) => e.extensions?.code) ?? 'ok';
  const stored = async () =>
    (await sg.running.dataSource.query('SELECT active, membership_version AS v FROM organization_member WHERE membership_id = ?', [membership])).map((r: { active: unknown; v: number }) => ({
      active: Boolean(Number(r.active)),
      v: r.v,
    }));

  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
    const input = { name: '林晓', idNumber: makeIdNumber('330302', '1980-03-04', 712), politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode: '330302' };
    personId = expectData(await sg.request(REGISTER, { input })).registerPerson.person.id;
    association = { authorization: `Bearer ${await tokenFor({ role: Role.ASSOCIATION_ADMIN, org })}` };
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('lets an association administrator read a person only while the replica holds a running membership in their organization', async () => {
    expect(await reads()).toEqual(['FORBIDDEN']);
    expect(await apply([change(true, 1)])).toBe(1);
    expect(await reads()).toBe('ok');
    // A running membership in another organization reads nothing for this one.
    const elsewhere = { authorization: `Bearer ${await tokenFor({ role: Role.ASSOCIATION_ADMIN, org: randomIds.next() })}` };
    expect((await sg.request(PERSON, { id: personId }, elsewhere)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await apply([change(false, 2)])).toBe(1);
    expect(await reads()).toEqual(['FORBIDDEN']);
  });

  it('applies only a newer version: a repeated or late delivery changes nothing, and the newest of one delivery wins', async () => {
    expect(await apply([change(true, 1)])).toBe(0);
    expect(await apply([change(false, 2)])).toBe(0);
    expect(await stored()).toEqual([{ active: false, v: 2 }]);
    expect(await reads()).toEqual(['FORBIDDEN']);
    // Out of order within one delivery, for a new membership: the newest (ended) is kept.
    const other = randomIds.next();
    expect(
      await apply([
        { membershipId: other, personId, organizationId: org, active: false, version: 2 },
        { membershipId: other, personId, organizationId: org, active: true, version: 1 },
      ]),
    ).toBe(1);
    expect(await reads()).toEqual(['FORBIDDEN']);
  });

  it('refuses malformed changes with BAD_USER_INPUT naming each, and writes nothing', async () => {
    const before = await sg.running.dataSource.query('SELECT COUNT(*) AS n FROM organization_member');
    const res = await sg.request(APPLY, {
      c: [
        { membershipId: 'x', personId, organizationId: org, active: true, version: 1 },
        { membershipId: randomIds.next(), personId: 'y', organizationId: 'z', active: true, version: 0 },
      ],
    });
    // A city administrator is not the organizations subgraph: refused before the input is read.
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const bad = apply([
      { membershipId: 'x', personId, organizationId: org, active: true, version: 1 },
      { membershipId: randomIds.next(), personId: 'y', organizationId: 'z', active: true, version: 0 },
    ]);
    await expect(bad).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'changes[0].membershipId', message: 'is not an id' },
          { field: 'changes[1].personId', message: 'is not an id' },
          { field: 'changes[1].organizationId', message: 'is not an id' },
          { field: 'changes[1].version', message: 'must be a whole number from 1' },
        ],
      },
    });
    const tooMany = Array.from({ length: 1001 }, () => ({ membershipId: randomIds.next(), personId, organizationId: org, active: true, version: 1 }));
    await expect(apply(tooMany)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await sg.running.dataSource.query('SELECT COUNT(*) AS n FROM organization_member')).toEqual(before);
  });

  it('answers the rule for a batch of persons in one statement', async () => {
    const ids = Array.from({ length: 200 }, () => randomIds.next());
    const { result, statements } = await sg.statements(() => sg.running.services.organizationMembers.runningMembers(systemContext(), org, [...ids, personId]));
    expect([...result]).toEqual([]);
    expect(statements).toBe(1);
  });
});
