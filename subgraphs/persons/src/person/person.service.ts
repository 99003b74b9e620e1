import {
  ASSOCIATION_MEMBERS_ONLY,
  chunksOf,
  StaleVersionError,
  AuditLog,
  AuditOutcome,
  assertCanWriteAnyDistrict,
  assertCanWriteDistrict,
  assertCanWriteRecordIn,
  ConflictError,
  describeViewer,
  ForbiddenError,
  InputChecker,
  isUniqueViolation,
  keysetPage,
  likeContains,
  Page,
  pageRequest,
  personListDistricts,
  maskIdNumber,
  maskMobile,
  PersonalDataCipher,
  personReadRefusal,
  RequestContext,
  Role,
  sensitiveReadRefusal,
  streetOf,
  todayInChina,
  TransactionalConnection,
  UserInputError,
} from '@tongxin/common';
import { In, SelectQueryBuilder } from 'typeorm';
import { PersonEntity, SEALED } from './person.entity';
import type { OrganizationMembersService } from '../membership/organization-members.service';
import type { PersonOutbox } from '../outbox/outbox';
import { PersonStatus } from './person.enums';
import { ArchivePersonInput, PersonFilter, RegisterPersonInput, UpdatePersonInput } from './person.inputs';
import { checkPersonRecord, PersonDraft, PersonRecord, withRegistrationDefaults } from './person.validation';
import { NumberMatch, OutsideMatchLimiter, REGISTERED_ELSEWHERE } from './number-probes';

const BIRTH_DATE_REFUSED = 'Only the birth year of this person is shown to you: the full birth date is part of the ID number.';

/** The sensitive fields that have a full (audited) read besides their masked one. */
export type SensitiveField = 'idNumber' | 'mobile';

/** The columns a record's ID and mobile numbers are stored in: encrypted, hashed, masked. */
type SealedNumbers = Pick<PersonEntity, 'idNumberEnc' | 'idNumberHash' | 'idNumberMasked' | 'mobileEnc' | 'mobileHash' | 'mobileMasked' | 'birthDateEnc' | 'birthYear'>;
export type SealedRecord = Omit<PersonRecord, 'idNumber' | 'mobile' | 'birthDate'> & SealedNumbers;

/** Fields every record has: `null` in an update cannot clear them. */
const REQUIRED_FIELDS = [
  'name',
  'idNumber',
  'gender',
  'birthDate',
  'ethnicity',
  'politicalAffiliation',
  'category',
  'districtCode',
  'returnee',
  'status',
] as const satisfies readonly (keyof UpdatePersonInput)[];

/**
 * The register: who is in it, and the rules for adding and changing them. Who may read and
 * change which records (docs/SECURITY.md, "1. Roles in the services") is decided here, through
 * the questions of `auth/access.ts`, not in the resolvers: CITY_ADMIN everything; DISTRICT_ADMIN
 * reads and writes their own district; ANALYST reads all and writes nothing; PERSON reads their
 * own record only; ASSOCIATION_ADMIN reads the running members of their organization, as this
 * subgraph's replica of the memberships says (`OrganizationMembersService`, one statement per
 * batch), and writes nothing. Every refusal is checked before anything is written.
 *
 * ID and mobile numbers are stored encrypted, with a keyed hash for exact lookups and the masked
 * form every role sees (`PersonalDataCipher`); the full numbers are read one audited field at a
 * time (`revealMany`). Every mutation is audited, refusals and failures included.
 */
export class PersonService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly cipher: PersonalDataCipher,
    /** Who runs in which organization (the organizations subgraph's published memberships). */
    private readonly organizationMembers: OrganizationMembersService,
    /** Where changes of a person's district are published (docs/CROSS-DISTRICT.md). */
    private readonly outbox: PersonOutbox,
    /** Matches of whole numbers outside the caller's scope: told without the district, and limited per caller. */
    readonly probes: OutsideMatchLimiter,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  /** The rows of these ids, unchecked: the `personById` loader checks each with `readRefusal`. */
  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<PersonEntity[]> {
    return this.conn.findByIds(ctx, PersonEntity, ids);
  }

  /**
   * Why the viewer may not read each of these records (null where they may), in order: the rule
   * of person(id) and `_entities`, applied per row after a batch is loaded (see the `personById`
   * loader). For an association administrator, one statement on the replica of the memberships
   * per batch says which are running members of their organization. Refusals are audited (`readPerson`).
   */
  async readRefusals(ctx: RequestContext<unknown>, persons: readonly PersonEntity[]): Promise<(ForbiddenError | null)[]> {
    const refusals = await this.refusalsOf(ctx, persons);
    // A refused read is an attempt on a record the caller may not see: audited (one write per batch).
    const refused = persons.flatMap((p, i) => {
      const refusal = refusals[i];
      return refusal ? [{ action: 'readPerson', entityType: 'Person', entityId: p.id, detail: `FORBIDDEN: ${refusal.message}` }] : [];
    });
    if (refused.length) await this.conn.transaction(ctx, (tx) => this.audit.record(tx, refused, AuditOutcome.REFUSED));
    return refusals;
  }

  private async refusalsOf(ctx: RequestContext<unknown>, persons: readonly PersonEntity[]): Promise<(ForbiddenError | null)[]> {
    const viewer = ctx.viewer;
    if (viewer.system || viewer.role !== Role.ASSOCIATION_ADMIN) return persons.map((p) => personReadRefusal(viewer, p));
    const members = viewer.organizationId
      ? await this.organizationMembers.runningMembers(
          ctx,
          viewer.organizationId,
          persons.map((p) => p.id),
        )
      : new Set<string>();
    return persons.map((p) => (members.has(p.id) ? null : new ForbiddenError(ASSOCIATION_MEMBERS_ONLY)));
  }

  /**
   * The full ID or mobile numbers of these records, one per request in order: each the plain
   * number (null when none is recorded) or the FORBIDDEN refusal for a viewer who may see it only
   * masked. Every one is audited, allowed or refused, in one transaction for the batch.
   */
  async revealMany(ctx: RequestContext<unknown>, requests: readonly { person: PersonEntity; field: SensitiveField }[]): Promise<(string | null | ForbiddenError)[]> {
    const label = { idNumber: 'ID number', mobile: 'mobile number' } as const;
    const results = requests.map(({ person, field }) => {
      const refusal = sensitiveReadRefusal(ctx.viewer, person, label[field]);
      if (refusal) return refusal;
      const stored = field === 'idNumber' ? person.idNumberEnc : person.mobileEnc;
      return stored === null ? null : this.cipher.decrypt(stored, SEALED[field]);
    });
    const event = (i: number) => ({ action: requests[i]!.field === 'idNumber' ? 'readIdNumber' : 'readMobile', entityType: 'Person', entityId: requests[i]!.person.id });
    const allowed = results.flatMap((r, i) => (r instanceof ForbiddenError ? [] : [event(i)]));
    const refused = results.flatMap((r, i) => (r instanceof ForbiddenError ? [{ ...event(i), detail: `FORBIDDEN: ${r.message}` }] : []));
    await this.conn.transaction(ctx, async (tx) => {
      await this.audit.record(tx, allowed);
      await this.audit.record(tx, refused, AuditOutcome.REFUSED);
    });
    return results;
  }

  /** The full birth date of a record (decrypted): for the roles `sensitiveReadRefusal` lets read it, checked by the caller. */
  birthDateOf(person: PersonEntity): string {
    return this.cipher.decrypt(person.birthDateEnc, SEALED.birthDate);
  }

  /**
   * The full birth date of a record for this viewer, or the refusal: it is the ID number's middle,
   * so it is for the roles that may read the full number (`Person.birthDate` throws the refusal,
   * exports leave the cell to the birth year).
   */
  birthDateFor(ctx: RequestContext<unknown>, person: PersonEntity): string | ForbiddenError {
    return sensitiveReadRefusal(ctx.viewer, person, 'ID number') ? new ForbiddenError(BIRTH_DATE_REFUSED) : this.birthDateOf(person);
  }

  /** The stored form of a checked record: numbers encrypted, hashed and masked. */
  private seal(record: PersonRecord): SealedRecord {
    return sealPersonRecord(this.cipher, record);
  }

  /** One record, unchecked (NOT_FOUND when there is none): for internal use after a check. */
  getById(ctx: RequestContext<unknown>, id: string): Promise<PersonEntity> {
    return this.conn.getEntityOrThrow(ctx, PersonEntity, id, 'Person');
  }

  /**
   * One page of the register, filtered as asked, in the order the records were entered: by id, a
   * UUIDv7 (time first, then a per-process counter), which every filter's index ends with. Not by
   * `registered_on`, a date on the form that may be earlier than the entry (and that no index orders).
   */
  async list(ctx: RequestContext<unknown>, filter: PersonFilter | null | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<PersonEntity>> {
    const page = pageRequest(args);
    const { qb, byNumber } = this.filtered(ctx, filter, (district) => personListDistricts(ctx.viewer, district));
    if (byNumber) await this.admitNumberSearch(ctx, byNumber);
    const result = await keysetPage(qb, [{ expr: 'p.id', valueOf: (p) => p.id }], page);
    if (byNumber) await this.auditNumberSearch(ctx, byNumber, result.nodes, result.hasNextPage);
    return result;
  }

  /**
   * The register as `filter` selects it (alias `p`), limited to the districts `scope` returns for
   * the filter's district (null: no limit; it throws FORBIDDEN for a filter outside the viewer's
   * reach). The filter is checked first (BAD_USER_INPUT naming `filter.<field>`). A whole ID or
   * mobile number in `text` is searched through its hash, by the roles that may, and is to be
   * audited by the caller (`byNumber`).
   */
  filtered(
    ctx: RequestContext<unknown>,
    filter: PersonFilter | null | undefined,
    scope: (filterDistrict: string | null) => readonly string[] | null,
  ): { qb: SelectQueryBuilder<PersonEntity>; byNumber: NumberSearch | null } {
    const checked = this.checkFilter(ctx, filter, scope);
    return { qb: this.select(ctx, checked), byNumber: checked.byNumber };
  }

  /**
   * A filter checked (BAD_USER_INPUT naming `filter.<field>`, FORBIDDEN for a search by number the
   * viewer may not make) and limited to the districts `scope` gives: what `select` turns into a
   * statement over the register, and what personStats may answer from its tally instead.
   */
  checkFilter(ctx: RequestContext<unknown>, filter: PersonFilter | null | undefined, scope: (filterDistrict: string | null) => readonly string[] | null): CheckedPersonFilter {
    const f = filter ?? {};
    const check = new InputChecker('filter');
    check.district('districtCode', f.districtCode);
    check.street('streetCode', f.streetCode, f.districtCode ?? undefined);
    const text = check.text('text', f.text, { max: 50 });
    check.text('community', f.community, { max: 50 });
    const registeredFrom = check.date('registeredFrom', f.registeredFrom);
    const registeredTo = check.date('registeredTo', f.registeredTo);
    if (registeredFrom && registeredTo && registeredTo < registeredFrom) check.fail('registeredTo', `is before registeredFrom (${registeredFrom})`);
    check.throwIfInvalid();
    // A street filter names its district: one outside the viewer's scope is refused as well.
    const filterDistrict = f.districtCode ?? (f.streetCode ? streetOf(f.streetCode)?.districtCode : null) ?? null;
    const districts = scope(filterDistrict);
    const byNumber = text ? numberSearch(text) : null;
    // Whole ID and mobile numbers are found by their keyed hash (they are stored encrypted), by
    // the roles that may read them in full: a match confirms a number, so each search is audited.
    if (byNumber && !ctx.viewer.system && ctx.viewer.role !== Role.CITY_ADMIN && ctx.viewer.role !== Role.DISTRICT_ADMIN) {
      throw new ForbiddenError(`${describeViewer(ctx.viewer)} cannot search the register by ID or mobile number: search by name or employer.`);
    }
    return {
      districts,
      streetCode: f.streetCode ?? null,
      // A blank community still filters (on ''), as it always has.
      community: f.community ? f.community.trim() : null,
      category: f.category ?? null,
      profession: f.profession ?? null,
      politicalAffiliation: f.politicalAffiliation ?? null,
      returnee: f.returnee ?? null,
      registeredFrom: registeredFrom ?? null,
      registeredTo: registeredTo ?? null,
      statuses: f.statuses?.length ? f.statuses : [PersonStatus.ACTIVE, PersonStatus.MOVED_AWAY],
      text: text ?? null,
      byNumber,
    };
  }

  /** The register's rows a checked filter selects, as `p`. */
  select(ctx: RequestContext<unknown>, f: CheckedPersonFilter): SelectQueryBuilder<PersonEntity> {
    const qb = this.conn.repo(ctx, PersonEntity).createQueryBuilder('p');
    if (f.districts) qb.andWhere('p.districtCode IN (:...districts)', { districts: f.districts });
    if (f.streetCode) qb.andWhere('p.streetCode = :streetCode', { streetCode: f.streetCode });
    if (f.community !== null) qb.andWhere('p.community = :community', { community: f.community });
    if (f.category) qb.andWhere('p.category = :category', { category: f.category });
    if (f.profession) qb.andWhere('p.profession = :profession', { profession: f.profession });
    if (f.politicalAffiliation) qb.andWhere('p.politicalAffiliation = :aff', { aff: f.politicalAffiliation });
    if (f.returnee !== null) qb.andWhere('p.returnee = :returnee', { returnee: f.returnee });
    if (f.registeredFrom) qb.andWhere('p.registeredOn >= :registeredFrom', { registeredFrom: f.registeredFrom });
    if (f.registeredTo) qb.andWhere('p.registeredOn <= :registeredTo', { registeredTo: f.registeredTo });
    qb.andWhere('p.status IN (:...statuses)', { statuses: f.statuses });
    if (f.byNumber) qb.andWhere(`p.${f.byNumber.column} = :numberHash`, { numberHash: this.cipher.hash(f.byNumber.normalized) });
    else if (f.text) qb.andWhere("(p.name LIKE :text ESCAPE '!' OR p.employer LIKE :text ESCAPE '!')", { text: likeContains(f.text) });
    return qb;
  }

  /**
   * A search by a whole number that matches records outside the caller's own scope counts against
   * the caller's daily limit of such matches (`OutsideMatchLimiter`), like an import's: past it the
   * search is refused. The answer itself never shows those records (the list is scoped).
   */
  async admitNumberSearch(ctx: RequestContext<unknown>, byNumber: NumberSearch): Promise<void> {
    if (this.probes.coversCity(ctx)) return;
    const rows = await this.conn.repo(ctx, PersonEntity).find({ select: { id: true, districtCode: true }, where: { [byNumber.column]: this.cipher.hash(byNumber.normalized) } });
    await this.probes.admit(
      ctx,
      rows.map((r) => ({ personId: r.id, districtCode: r.districtCode, source: 'search' })),
      byNumber.action,
    );
  }

  /** The audit event of a search by a whole number: how many it found (and which, when one). */
  async auditNumberSearch(ctx: RequestContext<unknown>, byNumber: NumberSearch, found: readonly { id: string }[] | number, more = false): Promise<void> {
    const only = typeof found !== 'number' && found.length === 1 ? found[0]!.id : null;
    const count = typeof found === 'number' ? found : found.length;
    await this.conn.transaction(ctx, (tx) => this.audit.record(tx, { action: byNumber.action, entityType: 'Person', entityId: only, detail: `${count}${more ? '+' : ''} found` }));
  }

  async register(ctx: RequestContext<unknown>, input: RegisterPersonInput): Promise<PersonEntity> {
    // The record is read back after the guard: a failure to read it is no failure of the change.
    const id = await this.audit.guard(ctx, { action: 'registerPerson', entityType: 'Person' }, async () => {
      assertCanWriteAnyDistrict(ctx.viewer);
      const today = this.today();
      const check = new InputChecker('input');
      const record = checkPersonRecord(check, withRegistrationDefaults(input as PersonDraft, today), today);
      if (!record) return check.throwIfInvalid() as never;
      assertCanWriteDistrict(ctx.viewer, record.districtCode);
      // A caller at the limit of numbers met outside their district may not confirm one by registering it either.
      await this.probes.admit(ctx, [], 'registerPerson');
      const sealed = this.seal(record);
      const id = await this.admittingOutsideMatches(ctx, 'registerPerson', () =>
        this.conn.transaction(ctx, async (tx) => {
          await this.assertIdNumberFree(tx, sealed.idNumberHash, null, 'input.idNumber');
          const id = tx.ids.next();
          try {
            await this.conn.repo(tx, PersonEntity).insert({ ...sealed, id, status: PersonStatus.ACTIVE });
          } catch (error) {
            if (isUniqueViolation(error)) throw duplicateIdNumber('input.idNumber');
            throw error;
          }
          await this.outbox.append(tx, [{ personId: id, districtCode: sealed.districtCode, status: PersonStatus.ACTIVE, version: 1 }]);
          await this.audit.record(tx, { action: 'registerPerson', entityType: 'Person', entityId: id });
          return id;
        }),
      );
      return id;
    });
    void this.outbox.nudge();
    return this.getById(ctx, id);
  }

  /**
   * Registers many forms at once, all or nothing: every row is checked first (each problem
   * named `rows[i].field`), duplicates within the batch and against the register are refused,
   * then the rows are inserted in chunks in one transaction.
   */
  async registerMany(ctx: RequestContext<unknown>, drafts: readonly PersonDraft[]): Promise<string[]> {
    const ids = await this.audit.guard(ctx, { action: 'registerPersons', entityType: 'Person', detail: `${drafts.length} records` }, () => this.registerManyUnaudited(ctx, drafts));
    void this.outbox.nudge();
    return ids;
  }

  private async registerManyUnaudited(ctx: RequestContext<unknown>, drafts: readonly PersonDraft[]): Promise<string[]> {
    assertCanWriteAnyDistrict(ctx.viewer);
    const today = this.today();
    const errors: { field: string; message: string }[] = [];
    const records: PersonRecord[] = [];
    const seen = new Map<string, number>();
    drafts.forEach((draft, i) => {
      const check = new InputChecker(`rows[${i}]`);
      const record = checkPersonRecord(check, withRegistrationDefaults(draft, today), today);
      errors.push(...check.errors);
      if (!record) return;
      const first = seen.get(record.idNumber);
      if (first !== undefined) errors.push({ field: `rows[${i}].idNumber`, message: `repeats the ID number of rows[${first}]` });
      else seen.set(record.idNumber, i);
      records.push(record);
    });
    if (errors.length) throw new UserInputError(errors);
    for (const r of records) assertCanWriteDistrict(ctx.viewer, r.districtCode);
    const sealed = records.map((r) => this.seal(r));
    const rowOfHash = new Map(sealed.map((r, i) => [r.idNumberHash, seen.get(records[i]!.idNumber)!]));
    return this.conn.transaction(ctx, async (tx) => {
      const registered = await this.registeredHashes(tx, [...rowOfHash.keys()]);
      if (registered.size) {
        throw new UserInputError(
          [...registered].map(([hash, match]) => ({
            field: `rows[${rowOfHash.get(hash)}].idNumber`,
            message: this.probes.isOutside(tx, match.districtCode) ? REGISTERED_ELSEWHERE : 'is registered already',
          })),
        );
      }
      const ids = await this.insertRecords(tx, sealed);
      await this.audit.record(tx, { action: 'registerPersons', entityType: 'Person', detail: `${ids.length} records` });
      return ids;
    });
  }

  /** Which of these ID-number hashes are registered already, with the record's id and district (one statement per IN_LIST_CHUNK). */
  async registeredHashes(ctx: RequestContext<unknown>, hashes: readonly string[]): Promise<Map<string, { id: string; districtCode: string }>> {
    const found = new Map<string, { id: string; districtCode: string }>();
    const repo = this.conn.repo(ctx, PersonEntity);
    for (const chunk of chunksOf(hashes)) {
      for (const r of await repo.find({ select: { id: true, idNumberHash: true, districtCode: true }, where: { idNumberHash: In(chunk) } })) {
        found.set(r.idNumberHash, { id: r.id, districtCode: r.districtCode });
      }
    }
    return found;
  }

  /**
   * Inserts checked, sealed records inside the caller's transaction (multi-row INSERTs), each
   * with a new id; returns the ids in order. The one insert path of the bulk writes
   * (`registerMany`, `PersonImportService`): what every new record needs besides its row belongs here.
   */
  async insertRecords(tx: RequestContext<unknown>, sealed: readonly SealedRecord[]): Promise<string[]> {
    const rows = sealed.map((r) => ({ ...r, id: tx.ids.next() }));
    await this.conn.insertChunked(tx, PersonEntity, rows);
    // A new record's district and status are published like a change (its first version is 1).
    await this.outbox.append(
      tx,
      rows.map((r) => ({ personId: r.id, districtCode: r.districtCode, status: r.status, version: 1 })),
    );
    return rows.map((r) => r.id);
  }

  /** Asks for the delivery of what the last commits published (after a bulk write's transaction). */
  publishDistricts(): void {
    void this.outbox.nudge();
  }

  /**
   * Applies the given fields if the caller saw the current version; otherwise CONFLICT. A field
   * left out keeps its value; `null` clears an optional field and is refused for a required one
   * (nothing is defaulted here: defaults are for registration). A new ID number brings its
   * gender and birth date unless the change sets them too. An archived person's status stays.
   */
  async update(ctx: RequestContext<unknown>, input: UpdatePersonInput): Promise<PersonEntity> {
    await this.audit.guard(ctx, { action: 'updatePerson', entityType: 'Person', entityId: input.id }, () => this.updateUnaudited(ctx, input));
    return this.getById(ctx, input.id);
  }

  private async updateUnaudited(ctx: RequestContext<unknown>, input: UpdatePersonInput): Promise<void> {
    assertCanWriteAnyDistrict(ctx.viewer);
    const { id, expectedVersion, ...patch } = input;
    const today = this.today();
    const nulls = new InputChecker('input');
    for (const field of REQUIRED_FIELDS) {
      if ((patch as Record<string, unknown>)[field] === null) nulls.fail(field, 'is required: leave it out to keep the current value');
    }
    if (patch.status === PersonStatus.ARCHIVED) nulls.fail('status', 'cannot be set to ARCHIVED here: use archivePerson');
    nulls.throwIfInvalid();
    if (patch.idNumber !== undefined) await this.probes.admit(ctx, [], 'updatePerson');

    const { lost } = await this.admittingOutsideMatches(ctx, 'updatePerson', () =>
      this.conn.transaction(ctx, async (tx) => {
        const current = await this.getById(tx, id);
        assertCanWriteRecordIn(tx.viewer, current.districtCode);
        // Moving a person into another district needs the right to write there too.
        if (patch.districtCode) assertCanWriteDistrict(tx.viewer, patch.districtCode);
        assertVersion(current, expectedVersion);
        if (current.status === PersonStatus.ARCHIVED && patch.status !== undefined) {
          throw new ConflictError(`Person ${current.id} is archived: updatePerson cannot change the status of an archived record.`, {
            field: 'input.status',
            currentVersion: current.version,
          });
        }
        const currentIdNumber = this.cipher.decrypt(current.idNumberEnc, SEALED.idNumber);
        const { idNumberEnc, idNumberHash, idNumberMasked, mobileEnc, mobileHash, mobileMasked, birthDateEnc, birthYear, ...plain } = current;
        const draft: PersonDraft = {
          ...(plain as unknown as PersonDraft),
          idNumber: currentIdNumber,
          mobile: mobileEnc === null ? null : this.cipher.decrypt(mobileEnc, SEALED.mobile),
          birthDate: this.birthDateOf(current),
        };
        for (const [key, value] of Object.entries(patch)) {
          if (value !== undefined) (draft as Record<string, unknown>)[key] = value;
        }
        // Gender and birth date follow a corrected ID number unless the patch sets them too.
        if (patch.idNumber !== undefined && patch.gender === undefined) draft.gender = undefined;
        if (patch.idNumber !== undefined && patch.birthDate === undefined) draft.birthDate = undefined;
        const check = new InputChecker('input');
        const record = checkPersonRecord(check, draft, today);
        if (!record) return check.throwIfInvalid() as never;
        const sealed = this.seal(record);
        if (record.idNumber !== currentIdNumber) await this.assertIdNumberFree(tx, sealed.idNumberHash, current.id, 'input.idNumber');
        try {
          const result = await this.conn
            .repo(tx, PersonEntity)
            .createQueryBuilder()
            .update(PersonEntity)
            .set(sealed)
            .where('id = :id AND version = :version', { id: current.id, version: expectedVersion })
            .execute();
          if (result.affected === 0) return { lost: true };
          // A move or a change of status (moved away, back) is published; an archived person's
          // corrected district is not: they count nowhere, and only a restoration may change that.
          const published = sealed.districtCode !== current.districtCode || sealed.status !== current.status;
          if (published && current.status !== PersonStatus.ARCHIVED) {
            await this.outbox.append(tx, [{ personId: current.id, districtCode: sealed.districtCode, status: sealed.status, version: expectedVersion + 1 }]);
          }
          await this.audit.record(tx, { action: 'updatePerson', entityType: 'Person', entityId: current.id });
          return { lost: false };
        } catch (error) {
          if (isUniqueViolation(error)) throw duplicateIdNumber('input.idNumber');
          throw error;
        }
      }),
    );
    if (lost) await this.raceLost(ctx, id, expectedVersion);
    void this.outbox.nudge();
  }

  async archive(ctx: RequestContext<unknown>, input: ArchivePersonInput): Promise<PersonEntity> {
    await this.audit.guard(ctx, { action: 'archivePerson', entityType: 'Person', entityId: input.id }, () => this.archiveUnaudited(ctx, input));
    return this.getById(ctx, input.id);
  }

  private async archiveUnaudited(ctx: RequestContext<unknown>, input: ArchivePersonInput): Promise<void> {
    assertCanWriteAnyDistrict(ctx.viewer);
    const { lost } = await this.conn.transaction(ctx, async (tx) => {
      const current = await this.getById(tx, input.id);
      assertCanWriteRecordIn(tx.viewer, current.districtCode);
      assertVersion(current, input.expectedVersion);
      if (current.status === PersonStatus.ARCHIVED) throw new ConflictError(`Person ${input.id} is archived already.`);
      const result = await this.conn
        .repo(tx, PersonEntity)
        .createQueryBuilder()
        .update(PersonEntity)
        .set({ status: PersonStatus.ARCHIVED })
        .where('id = :id AND version = :version', { id: current.id, version: input.expectedVersion })
        .execute();
      if (result.affected === 0) return { lost: true };
      // An archived person leaves the register's counts: published as registered nowhere.
      await this.outbox.append(tx, [{ personId: current.id, districtCode: null, status: PersonStatus.ARCHIVED, version: input.expectedVersion + 1 }]);
      await this.audit.record(tx, { action: 'archivePerson', entityType: 'Person', entityId: current.id });
      return { lost: false };
    });
    if (lost) await this.raceLost(ctx, input.id, input.expectedVersion);
    void this.outbox.nudge();
  }

  /**
   * CONFLICT when the number is registered to another record: as it is for one inside the caller's
   * scope, without the district for one outside it (`RegisteredElsewhereError`, which
   * `admittingOutsideMatches` counts against the caller's limit once the transaction is over).
   */
  private async assertIdNumberFree(ctx: RequestContext<unknown>, idNumberHash: string, exceptId: string | null, field: string): Promise<void> {
    const other = await this.conn.repo(ctx, PersonEntity).findOne({ select: { id: true, districtCode: true }, where: { idNumberHash } });
    if (!other || other.id === exceptId) return;
    if (this.probes.isOutside(ctx, other.districtCode)) throw new RegisteredElsewhereError(field, { personId: other.id, districtCode: other.districtCode, source: field });
    throw duplicateIdNumber(field);
  }

  /**
   * Runs a write whose duplicate check may meet a number registered outside the caller's scope;
   * such a match is recorded and counted (`OutsideMatchLimiter.admit`, after the write's
   * transaction was rolled back), and the caller past the limit is refused instead.
   */
  private async admittingOutsideMatches<T>(ctx: RequestContext<unknown>, what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RegisteredElsewhereError) await this.probes.admit(ctx, [error.match], what);
      throw error;
    }
  }

  private async raceLost(ctx: RequestContext<unknown>, id: string, expectedVersion: number): Promise<never> {
    const now = await this.getById(ctx, id);
    throw new StaleVersionError(`Person ${now.id}`, now.version, expectedVersion);
  }
}

/**
 * The stored form of a checked record: ID and mobile numbers encrypted, hashed and masked; the
 * birth date encrypted beside its year (docs/SECURITY.md, "What is stored in plain").
 */
export function sealPersonRecord(cipher: PersonalDataCipher, record: PersonRecord): SealedRecord {
  const { idNumber, mobile, birthDate, ...rest } = record;
  return {
    ...rest,
    birthDateEnc: cipher.encrypt(birthDate, SEALED.birthDate),
    birthYear: Number(birthDate.slice(0, 4)),
    idNumberEnc: cipher.encrypt(idNumber, SEALED.idNumber),
    idNumberHash: cipher.hash(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    mobileEnc: mobile ? cipher.encrypt(mobile, SEALED.mobile) : null,
    mobileHash: mobile ? cipher.hash(mobile) : null,
    mobileMasked: mobile ? maskMobile(mobile) : null,
  };
}

/** A whole ID or mobile number in the text filter: which hash column finds it, and the audited action. */
/** A PersonFilter checked and limited to the viewer's districts (`PersonService.checkFilter`). */
export interface CheckedPersonFilter {
  /** The districts the rows may be of; null: any. */
  readonly districts: readonly string[] | null;
  readonly streetCode: string | null;
  readonly community: string | null;
  readonly category: PersonFilter['category'];
  readonly profession: PersonFilter['profession'];
  readonly politicalAffiliation: PersonFilter['politicalAffiliation'];
  readonly returnee: boolean | null;
  readonly registeredFrom: string | null;
  readonly registeredTo: string | null;
  readonly statuses: readonly PersonStatus[];
  readonly text: string | null;
  readonly byNumber: NumberSearch | null;
}

export interface NumberSearch {
  readonly column: 'idNumberHash' | 'mobileHash';
  readonly normalized: string;
  readonly action: string;
}

function numberSearch(text: string): NumberSearch | null {
  if (/^\d{17}[\dXx]$/.test(text)) return { column: 'idNumberHash', normalized: text.toUpperCase(), action: 'searchIdNumber' };
  if (/^1\d{10}$/.test(text)) return { column: 'mobileHash', normalized: text, action: 'searchMobile' };
  return null;
}

function assertVersion(current: PersonEntity, expectedVersion: number): void {
  if (current.version !== expectedVersion) throw new StaleVersionError(`Person ${current.id}`, current.version, expectedVersion);
}

/** A number registered in a district outside the caller's scope: CONFLICT that says so, without the district. */
class RegisteredElsewhereError extends ConflictError {
  constructor(
    field: string,
    readonly match: NumberMatch,
  ) {
    super(`A person with this ID number ${REGISTERED_ELSEWHERE}.`, { field });
  }
}

function duplicateIdNumber(field: string): ConflictError {
  return new ConflictError('A person with this ID number is registered already.', { field });
}
