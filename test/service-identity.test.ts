import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AnySubgraphDefinition,
  authConfigFromEnv,
  ConfigError,
  createLogger,
  hs256Config,
  makeIdNumber,
  mintServiceToken,
  mintToken,
  Role,
  RunningSubgraph,
  ServiceCredentials,
  startSubgraph,
  TokenVerifier,
  withServiceSecret,
} from '@tongxin/common';
import { activitiesSubgraph } from '@tongxin/activities';
import { organizationsSubgraph } from '@tongxin/organizations';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { evaluationSubgraph } from '@tongxin/evaluation';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { TEST_AUTH, TEST_SERVICE_SECRET, tokenFor } from './harness/auth';
import { freshDatabase } from './harness/database';
import { expectData, GraphQLResponse, postGraphQL } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * The service identity (docs/SECURITY.md, "Internal fields"): the persons subgraph's outbox calls
 * `applyPersonDistricts` on the organizations subgraph with a token of role SERVICE, signed with
 * the service calls' own key. It may do that and nothing else: every other operation of every
 * subgraph refuses it (the wall of `serviceIdentityWall`), and behind the wall the rules of
 * access.ts refuse it the aggregates every role but a person reads.
 */

const OWN = '330302';
const APPLY = `mutation($c: [PersonDistrictChangeInput!]!) { applyPersonDistricts(changes: $c) }`;

/** The aggregates, each as the subgraph that answers it is asked (ids filled in by the test). */
interface Aggregate {
  readonly subgraph: 'persons' | 'organizations' | 'activities';
  readonly query: string;
  readonly variables: (w: World) => Record<string, unknown>;
  /** Root fields the query needs past the wall, to reach the access rule behind it. */
  readonly roots: readonly string[];
}

interface World {
  personId: string;
  orgId: string;
  activityId: string;
}

const AGGREGATES: Record<string, Aggregate> = {
  'Organization.memberCount': { subgraph: 'organizations', query: `query($id: ID!) { organization(id: $id) { id memberCount } }`, variables: (w) => ({ id: w.orgId }), roots: ['organization'] },
  'Organization.memberStats': {
    subgraph: 'organizations',
    query: `query($id: ID!) { organization(id: $id) { id memberStats { running } } }`,
    variables: (w) => ({ id: w.orgId }),
    roots: ['organization'],
  },
  organizationStats: { subgraph: 'organizations', query: `{ organizationStats(groupBy: [DISTRICT]) { count } }`, variables: () => ({}), roots: ['organizationStats'] },
  'Activity.participantCount': { subgraph: 'activities', query: `query($id: ID!) { activity(id: $id) { id participantCount } }`, variables: (w) => ({ id: w.activityId }), roots: ['activity'] },
  activityStats: { subgraph: 'activities', query: `{ activityStats(groupBy: [KIND]) { activities } }`, variables: () => ({}), roots: ['activityStats'] },
  'Person.activitySummary': {
    subgraph: 'activities',
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id activitySummary { joined } } } }`,
    variables: (w) => ({ r: [{ __typename: 'Person', id: w.personId }] }),
    roots: ['_entities'],
  },
  personStats: { subgraph: 'persons', query: `{ personStats(groupBy: [DISTRICT]) { count } }`, variables: () => ({}), roots: ['personStats'] },
};

const DEFINITIONS: Record<Aggregate['subgraph'], AnySubgraphDefinition> = { persons: personsSubgraph, organizations: organizationsSubgraph, activities: activitiesSubgraph };

const serviceHeaders = async () => ({ authorization: `Bearer ${await mintServiceToken(TEST_AUTH, 'persons')}` });
const codes = (res: GraphQLResponse) => (res.errors ?? []).map((e) => e.extensions?.code);

describe('the service identity, through the real subgraphs', () => {
  let p: TestPlatform;
  const w = {} as World;
  beforeAll(async () => {
    p = await startTestPlatform();
    const input = { name: '服务身份', idNumber: makeIdNumber(OWN, '1985-01-02', 902), politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode: OWN };
    w.personId = expectData(await p.request(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, { input })).registerPerson.person.id;
    w.orgId = expectData(
      await p.request(`mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`, {
        input: { name: '服务身份测试联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: OWN },
      }),
    ).createOrganization.organization.id;
    w.activityId = expectData(
      await p.request(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`, {
        input: { title: '服务身份测试活动', kind: 'STUDY_TRAINING', districtCode: OWN, organizerId: w.orgId, startsAt: '2026-03-01T01:00:00Z' },
      }),
    ).createActivity.activity.id;
  });
  afterAll(async () => {
    await p?.stop();
  });

  const replicaRows = async (): Promise<number> => Number((await p.subgraphs.organizations!.dataSource.query('SELECT COUNT(*) AS n FROM member_district'))[0].n);
  const auditEvents = async (subgraph: string): Promise<number> => Number((await p.subgraphs[subgraph]!.dataSource.query('SELECT COUNT(*) AS n FROM audit_event'))[0].n);

  it('delivers the persons outbox with the service key: the registration reached the organizations replica', async () => {
    const persons = p.subgraphs.persons!.services as PersonsServices;
    await persons.outbox.idle();
    expect(await persons.outbox.pending()).toBe(0);
    expect(await replicaRows()).toBeGreaterThanOrEqual(1);
  });

  it('calls applyPersonDistricts, the operation it exists for, with a token signed with its own key', async () => {
    const res = await postGraphQL(p.subgraphs.organizations!.url, APPLY, { c: [{ personId: w.personId, districtCode: OWN, version: 1 }] }, await serviceHeaders());
    expect(expectData(res).applyPersonDistricts).toBe(0); // delivered already by the outbox
  });

  it('calls applyPersonStatuses on the evaluation subgraph, and nothing else there; a user is refused it with a REFUSED event', async () => {
    const url = p.subgraphs.evaluation!.url;
    const statuses = async () => p.subgraphs.evaluation!.dataSource.query('SELECT person_id AS id, status, person_version AS v FROM person_status WHERE person_id = ?', [w.personId]);
    // The outbox delivered the registration there too.
    expect(await statuses()).toEqual([{ id: w.personId, status: 'ACTIVE', v: 1 }]);
    const apply = `mutation($c: [PersonStatusChangeInput!]!) { applyPersonStatuses(changes: $c) }`;
    expect(expectData(await postGraphQL(url, apply, { c: [{ personId: w.personId, status: 'ACTIVE', version: 1 }] }, await serviceHeaders())).applyPersonStatuses).toBe(0);
    const other = await postGraphQL(
      url,
      `mutation($c: [PersonStatusChangeInput!]!) { applyPersonStatuses(changes: $c) setTalentPoolQuota(input: { year: 2025, level: CITY, minimum: 1 }) { compliance { minimum } } }`,
      { c: [] },
      await serviceHeaders(),
    );
    expect({ status: other.status, codes: codes(other) }).toEqual({ status: 403, codes: ['FORBIDDEN'] });
    expect(other.errors![0]!.message).toBe('The persons service identity may call only applyPersonStatuses on the evaluation subgraph, not setTalentPoolQuota.');
    const before = await auditEvents('evaluation');
    const user = await postGraphQL(url, apply, { c: [{ personId: w.personId, status: 'ARCHIVED', version: 9 }] }, { authorization: `Bearer ${await tokenFor({ role: Role.CITY_ADMIN })}` });
    expect(codes(user)).toEqual(['FORBIDDEN']);
    expect(await auditEvents('evaluation')).toBe(before + 1);
    expect(await statuses()).toEqual([{ id: w.personId, status: 'ACTIVE', v: 1 }]);
  });

  it('delivers the organizations outbox to the persons replica of memberships; only the organizations identity may apply it', async () => {
    const url = p.subgraphs.persons!.url;
    const membershipId = expectData(
      await p.request(`mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }`, {
        input: { personId: w.personId, organizationId: w.orgId, role: 'MEMBER', startDate: '2026-01-05' },
      }),
    ).addMembership.membership.id as string;
    const replica = async () =>
      p.subgraphs.persons!.dataSource.query('SELECT membership_id AS id, organization_id AS org, person_id AS person, active, membership_version AS v FROM organization_member WHERE person_id = ?', [
        w.personId,
      ]);
    const delivered = [{ id: membershipId, org: w.orgId, person: w.personId, active: 1, v: 1 }];
    expect((await replica()).map((r: { active: unknown }) => ({ ...r, active: Number(r.active) }))).toEqual(delivered);
    const apply = `mutation($c: [MembershipChangeInput!]!) { applyMembershipChanges(changes: $c) }`;
    const ended = [{ membershipId, personId: w.personId, organizationId: w.orgId, active: false, version: 2 }];
    // Its own identity: the same change again is nothing new.
    const organizationsHeaders = { authorization: `Bearer ${await mintServiceToken(TEST_AUTH, 'organizations')}` };
    expect(expectData(await postGraphQL(url, apply, { c: [{ ...ended[0], active: true, version: 1 }] }, organizationsHeaders)).applyMembershipChanges).toBe(0);
    // Another subgraph's identity passes the wall (an internal operation) but not the service's rule; a user neither: REFUSED events, nothing written.
    const before = await auditEvents('persons');
    const byPersons = await postGraphQL(url, apply, { c: ended }, await serviceHeaders());
    expect(codes(byPersons)).toEqual(['FORBIDDEN']);
    expect(byPersons.errors![0]!.message).toBe('Only the organizations subgraph publishes who belongs to which organization.');
    expect(codes(await postGraphQL(url, apply, { c: ended }, { authorization: `Bearer ${await tokenFor({ role: Role.CITY_ADMIN })}` }))).toEqual(['FORBIDDEN']);
    expect(await auditEvents('persons')).toBe(before + 2);
    expect((await replica()).map((r: { active: unknown }) => ({ ...r, active: Number(r.active) }))).toEqual(delivered);
    // And nothing else there: a mutation beside it is refused whole.
    const other = await postGraphQL(
      url,
      `mutation($c: [MembershipChangeInput!]!) { applyMembershipChanges(changes: $c) archivePerson(input: { id: "${w.personId}", expectedVersion: 1 }) { person { id } } }`,
      { c: [] },
      organizationsHeaders,
    );
    expect({ status: other.status, codes: codes(other) }).toEqual({ status: 403, codes: ['FORBIDDEN'] });
    expect(other.errors![0]!.message).toBe('The organizations service identity may call only applyMembershipChanges on the persons subgraph, not archivePerson.');
  });

  it('is refused at the gateway outright (401), even signed with the service key', async () => {
    const res = await postGraphQL(p.url, '{ districts { code } }', {}, await serviceHeaders());
    expect(res.status).toBe(401);
    expect(res.errors![0]!.message).toBe('A service token cannot be used here: sign in as a user.');
  });

  it.each(Object.entries(AGGREGATES))('cannot read %s: FORBIDDEN, no data', async (_name, a) => {
    const res = await postGraphQL(p.subgraphs[a.subgraph]!.url, a.query, a.variables(w), await serviceHeaders());
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors![0]!.message).toMatch(/^The persons service identity may call (only applyPersonDistricts|only applyMembershipChanges|nothing) on the \w+ subgraph, not /);
    expect({ status: res.status, extensions: res.errors![0]!.extensions }).toEqual({ status: 403, extensions: { code: 'FORBIDDEN' } });
    expect(res.data ?? null).toBeNull();
  });

  it.each([
    ['persons', '{ persons(first: 1) { totalCount } }'],
    ['persons', `query($id: ID!) { person(id: $id) { id name } }`],
    ['organizations', `query($id: ID!) { organization(id: $id) { id name } }`],
    ['organizations', '{ organizations(first: 1) { totalCount edges { node { id name } } } }'],
    ['organizations', '{ organizationsAuditEvents(first: 1) { hasMore } }'],
    ['activities', '{ activities(first: 1) { edges { node { id title } } } }'],
    ['evaluation', '{ evaluationSchemes { year name } }'],
    ['evaluation', '{ __schema { queryType { name } } }'],
    ['persons', '{ districts { code } }'],
  ])('cannot read anything else either: %s %s', async (subgraph, query) => {
    const res = await postGraphQL(p.subgraphs[subgraph]!.url, query, { id: subgraph === 'persons' ? w.personId : w.orgId }, await serviceHeaders());
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.status).toBe(403);
    expect(res.data ?? null).toBeNull();
  });

  it('cannot change anything else, alone, beside applyPersonDistricts or through a fragment: nothing written', async () => {
    const url = p.subgraphs.organizations!.url;
    const create = `createOrganization(input: { name: "服务身份不可建", kind: FRIENDSHIP_ASSOCIATION, level: DISTRICT, districtCode: "${OWN}" }) { organization { id } }`;
    const change = [{ personId: w.personId, districtCode: '330303', version: 99 }];
    const organizations = async () => Number((await p.subgraphs.organizations!.dataSource.query('SELECT COUNT(*) AS n FROM organization'))[0].n);
    const before = { organizations: await organizations(), replica: await p.subgraphs.organizations!.dataSource.query('SELECT * FROM member_district') };
    for (const query of [
      `mutation { ${create} }`,
      `mutation($c: [PersonDistrictChangeInput!]!) { applyPersonDistricts(changes: $c) ${create} }`,
      `mutation($c: [PersonDistrictChangeInput!]!) { applyPersonDistricts(changes: $c) ...M } fragment M on Mutation { ${create} }`,
      `mutation($c: [PersonDistrictChangeInput!]!) { applyPersonDistricts(changes: $c) ... on Mutation { ${create} } }`,
    ]) {
      const res = await postGraphQL(url, query, query.includes('$c') ? { c: change } : {}, await serviceHeaders());
      expect({ query, codes: codes(res) }).toEqual({ query, codes: ['FORBIDDEN'] });
    }
    const persons = `mutation { registerPerson(input: { name: "服务身份", idNumber: "${makeIdNumber(OWN, '1985-01-02', 904)}", politicalAffiliation: MASSES, category: FREELANCER, districtCode: "${OWN}" }) { person { id } } }`;
    const personsBefore = Number((await p.subgraphs.persons!.dataSource.query('SELECT COUNT(*) AS n FROM person'))[0].n);
    expect(codes(await postGraphQL(p.subgraphs.persons!.url, persons, {}, await serviceHeaders()))).toEqual(['FORBIDDEN']);
    expect(Number((await p.subgraphs.persons!.dataSource.query('SELECT COUNT(*) AS n FROM person'))[0].n)).toBe(personsBefore);
    expect(await organizations()).toBe(before.organizations);
    expect(await p.subgraphs.organizations!.dataSource.query('SELECT * FROM member_district')).toEqual(before.replica);
  });

  it("leaves a user's own requests untouched, and refuses a user applyPersonDistricts with a REFUSED event", async () => {
    const before = await auditEvents('organizations');
    const res = await postGraphQL(p.subgraphs.organizations!.url, APPLY, { c: [] }, { authorization: `Bearer ${await tokenFor({ role: Role.CITY_ADMIN })}` });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(await auditEvents('organizations')).toBe(before + 1);
    expect(expectData(await p.request(`{ organizationStats(groupBy: [DISTRICT]) { count } }`)).organizationStats.length).toBeGreaterThan(0);
  });

  describe('behind the wall, the rules of access.ts refuse it each aggregate too', () => {
    // The same subgraphs over the same data, with the wall opened for the aggregates' root fields.
    const opened: Record<string, RunningSubgraph<unknown>> = {};
    beforeAll(async () => {
      for (const [name, a] of Object.entries(AGGREGATES)) {
        opened[name] = await startSubgraph(
          { ...DEFINITIONS[a.subgraph], serviceOperations: a.roots },
          {
            db: p.db,
            auth: TEST_AUTH,
            port: 0,
            migrate: false,
            log: createLogger(a.subgraph, 'silent'),
            peerUrls: p.peerUrls,
          },
        );
      }
    });
    afterAll(async () => {
      for (const s of Object.values(opened)) await s.stop();
    });

    it.each(Object.entries(AGGREGATES))('%s: FORBIDDEN, as for a person; a city administrator reads it there', async (name, a) => {
      const res = await postGraphQL(opened[name]!.url, a.query, a.variables(w), await serviceHeaders());
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(res.errors![0]!.message).toBe('The persons service identity cannot read statistics of the register.');
      const city = await postGraphQL(opened[name]!.url, a.query, a.variables(w), { authorization: `Bearer ${await tokenFor({ role: Role.CITY_ADMIN })}` });
      expect(city.errors).toBeUndefined();
    });
  });
});

describe("the service calls' own key", () => {
  const rsa = generateKeyPair('RS256');
  const rs256 = async () => withServiceSecret({ kind: 'rs256-pem', publicKeyPem: await exportSPKI((await rsa).publicKey), issuer: 'https://idp.example', audience: 'tongxin' }, TEST_SERVICE_SECRET);

  it("signs service tokens, verified only with that key, whatever the users' key is (HS256 or RS256)", async () => {
    for (const config of [TEST_AUTH, await rs256()]) {
      const token = await mintServiceToken(config, 'persons');
      await expect(new TokenVerifier(config).verify(`Bearer ${token}`)).resolves.toMatchObject({ service: 'persons', role: null, system: false, subject: 'service:persons' });
      // The same configuration with another service key refuses it.
      const other = withServiceSecret(config, 'another-service-secret-of-enough-length-0123');
      await expect(new TokenVerifier(other).verify(`Bearer ${token}`)).rejects.toMatchObject({
        message: 'A service token must be signed with the key of service calls (TONGXIN_SERVICE_SECRET).',
        extensions: { code: 'UNAUTHENTICATED' },
      });
      // Without the key (the gateway) every service token is refused.
      await expect(new TokenVerifier({ ...config, serviceSecret: undefined }).verify(`Bearer ${token}`)).rejects.toMatchObject({
        message: 'A service token cannot be used here: sign in as a user.',
      });
    }
  });

  it("never carries a user's role, and a user's key never signs role SERVICE (RS256 users)", async () => {
    const config = await rs256();
    const verifier = new TokenVerifier(config);
    const { privateKey } = await rsa;
    const user = (role: string, extra: Record<string, unknown> = {}) =>
      new SignJWT({ role, ...extra }).setProtectedHeader({ alg: 'RS256' }).setSubject('u').setIssuer('https://idp.example').setAudience('tongxin').setIssuedAt().setExpirationTime('5m');
    await expect(verifier.verify(`Bearer ${await user('ANALYST').sign(privateKey)}`)).resolves.toMatchObject({ role: Role.ANALYST });
    // The identity provider's key cannot make a service token...
    await expect(verifier.verify(`Bearer ${await user('SERVICE', { svc: 'persons' }).sign(privateKey)}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    // ... and the service key cannot make a user's (HS256 is not the users' algorithm here).
    const serviceKey = new TextEncoder().encode(TEST_SERVICE_SECRET);
    const forged = await new SignJWT({ role: 'CITY_ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer('https://idp.example')
      .setAudience('tongxin')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(serviceKey);
    await expect(verifier.verify(`Bearer ${forged}`)).rejects.toMatchObject({ message: 'The token is signed with an algorithm this platform does not accept.' });
    // HS256 users: a city administrator token signed with the service key is a bad signature.
    const hsForged = await mintToken({ ...hs256Config(TEST_SERVICE_SECRET), serviceSecret: undefined }, { sub: 'u', role: Role.CITY_ADMIN });
    await expect(new TokenVerifier(TEST_AUTH).verify(`Bearer ${hsForged}`)).rejects.toMatchObject({ message: 'The token signature is not valid.' });
  });

  it("mints the persons subgraph's credentials with it and renews them; refuses the old TONGXIN_SERVICE_TOKEN", async () => {
    for (const config of [TEST_AUTH, await rs256()]) {
      const credentials = new ServiceCredentials(config, 'persons');
      const first = await credentials.authorization(0);
      expect(await credentials.authorization(60_000)).toBe(first);
      await expect(new TokenVerifier(config).verify(first)).resolves.toMatchObject({ service: 'persons' });
    }
    expect(() => new ServiceCredentials({ ...TEST_AUTH, serviceSecret: undefined }, 'persons')).toThrow(
      new ConfigError('Set TONGXIN_SERVICE_SECRET (32 bytes or more, not TONGXIN_JWT_SECRET): the persons subgraph calls others for the platform and signs those calls with it'),
    );
    expect(() => new ServiceCredentials(TEST_AUTH, 'persons', { TONGXIN_SERVICE_TOKEN: 'issued.by.idp' })).toThrow(/TONGXIN_SERVICE_TOKEN is no longer read.*TONGXIN_SERVICE_SECRET/);
  });
});

describe("configuration of the service calls' key", () => {
  const SECRET = 'users-secret-of-enough-length-0123456789';
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-service-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads TONGXIN_SERVICE_SECRET, 32 bytes or more and not the users' secret", () => {
    const service = 'service-secret-of-enough-length-0123456789';
    expect(Buffer.from(authConfigFromEnv({ TONGXIN_JWT_SECRET: SECRET, TONGXIN_SERVICE_SECRET: service, NODE_ENV: 'production' }).serviceSecret!).toString()).toBe(service);
    expect(() => authConfigFromEnv({ TONGXIN_JWT_SECRET: SECRET, TONGXIN_SERVICE_SECRET: 'short' })).toThrow(new ConfigError('TONGXIN_SERVICE_SECRET must be at least 32 bytes long'));
    expect(() => authConfigFromEnv({ TONGXIN_JWT_SECRET: SECRET, TONGXIN_SERVICE_SECRET: SECRET })).toThrow(
      new ConfigError('TONGXIN_SERVICE_SECRET must differ from TONGXIN_JWT_SECRET: service calls are signed with a key of their own'),
    );
  });

  it('outside production, makes one in data/service-secret on first start (0600) and reuses it; the gateway makes none', () => {
    const gateway = authConfigFromEnv({ TONGXIN_DATA_DIR: dir }, { serviceIdentity: false });
    expect(gateway.serviceSecret).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'service-secret'))).toBe(false);
    const first = authConfigFromEnv({ TONGXIN_DATA_DIR: dir });
    expect(fs.statSync(path.join(dir, 'service-secret')).mode & 0o777).toBe(0o600);
    expect(authConfigFromEnv({ TONGXIN_DATA_DIR: dir }).serviceSecret).toEqual(first.serviceSecret);
    expect(first.serviceSecret!.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(first.serviceSecret!).equals(Buffer.from((first as { secret: Uint8Array }).secret))).toBe(false);
  });

  it('in production without it: no key; the persons, organizations and evaluation subgraphs refuse to start, activities starts', async () => {
    const production = authConfigFromEnv({ NODE_ENV: 'production', TONGXIN_JWT_SECRET: SECRET, TONGXIN_DATA_DIR: dir });
    expect(production.serviceSecret).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'service-secret'))).toBe(false);
    const db = freshDatabase();
    const log = createLogger('test', 'silent');
    try {
      const refusals = new Map<AnySubgraphDefinition, string>([
        [personsSubgraph, "the persons subgraph takes applyMembershipChanges from other subgraphs' service identity, signed with it"],
        [organizationsSubgraph, "the organizations subgraph takes applyPersonDistricts from other subgraphs' service identity, signed with it"],
        [evaluationSubgraph, "the evaluation subgraph takes applyPersonStatuses from other subgraphs' service identity, signed with it"],
      ] as Array<[AnySubgraphDefinition, string]>);
      for (const [def, why] of refusals) {
        await expect(startSubgraph(def, { db: db.config, auth: production, port: 0, log })).rejects.toThrow(
          new ConfigError(`Set TONGXIN_SERVICE_SECRET (32 bytes or more, not TONGXIN_JWT_SECRET): ${why}`),
        );
      }
      for (const def of [activitiesSubgraph] as AnySubgraphDefinition[]) {
        const running = await startSubgraph(def, { db: db.config, auth: production, port: 0, log });
        // It takes no service token at all.
        const res = await postGraphQL(running.url, '{ __typename }', {}, await serviceHeaders());
        expect({ status: res.status, message: res.errors?.[0]?.message }).toEqual({ status: 401, message: 'A service token cannot be used here: sign in as a user.' });
        await running.stop();
      }
    } finally {
      await db.drop(['persons', 'organizations', 'activities', 'evaluation']);
    }
  });
});
