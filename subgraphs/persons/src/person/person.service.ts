import {
  assertCanWriteAnyDistrict,
  assertCanWriteDistrict,
  ConflictError,
  ForbiddenError,
  InputChecker,
  isUniqueViolation,
  keysetPage,
  likeContains,
  Page,
  pageRequest,
  personListDistricts,
  personReadRefusal,
  RequestContext,
  streetOf,
  todayInChina,
  TransactionalConnection,
  UserInputError,
} from '@tongxin/common';
import { In } from 'typeorm';
import { PersonEntity } from './person.entity';
import { PersonStatus } from './person.enums';
import { ArchivePersonInput, PersonFilter, RegisterPersonInput, UpdatePersonInput } from './person.inputs';
import { checkPersonRecord, PersonDraft, PersonRecord, withRegistrationDefaults } from './person.validation';

const LOOKUP_CHUNK = 500;

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
 * own record only; ASSOCIATION_ADMIN nothing yet (their access to their organization's members
 * needs memberships, which this subgraph will ask the organizations subgraph for through the
 * gateway in a later change). Every refusal is checked before anything is written.
 */
export class PersonService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  /** The rows of these ids, unchecked: the `personById` loader checks each with `readRefusal`. */
  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<PersonEntity[]> {
    return this.conn.findByIds(ctx, PersonEntity, ids);
  }

  /**
   * Why the viewer may not read this record, or null when they may: the rule of person(id) and
   * `_entities`, applied per row after a batch is loaded (see the `personById` loader).
   */
  readRefusal(ctx: RequestContext<unknown>, person: PersonEntity): ForbiddenError | null {
    return personReadRefusal(ctx.viewer, person);
  }

  /** One record, unchecked (NOT_FOUND when there is none): for internal use after a check. */
  getById(ctx: RequestContext<unknown>, id: string): Promise<PersonEntity> {
    return this.conn.getEntityOrThrow(ctx, PersonEntity, id, 'Person');
  }

  /** One page of the register, newest registrations last, filtered as asked. */
  list(ctx: RequestContext<unknown>, filter: PersonFilter | null | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<PersonEntity>> {
    const page = pageRequest(args);
    const f = filter ?? {};
    const check = new InputChecker('filter');
    check.district('districtCode', f.districtCode);
    check.street('streetCode', f.streetCode, f.districtCode ?? undefined);
    const text = check.text('text', f.text, { max: 50 });
    check.text('community', f.community, { max: 50 });
    check.throwIfInvalid();
    // A street filter names its district: one outside the viewer's scope is refused as well.
    const filterDistrict = f.districtCode ?? (f.streetCode ? streetOf(f.streetCode)?.districtCode : null);
    const districts = personListDistricts(ctx.viewer, filterDistrict);

    const qb = this.conn.repo(ctx, PersonEntity).createQueryBuilder('p');
    if (districts) qb.andWhere('p.districtCode IN (:...districts)', { districts });
    if (f.streetCode) qb.andWhere('p.streetCode = :streetCode', { streetCode: f.streetCode });
    if (f.community) qb.andWhere('p.community = :community', { community: f.community.trim() });
    if (f.category) qb.andWhere('p.category = :category', { category: f.category });
    if (f.profession) qb.andWhere('p.profession = :profession', { profession: f.profession });
    if (f.politicalAffiliation) qb.andWhere('p.politicalAffiliation = :aff', { aff: f.politicalAffiliation });
    if (f.returnee !== undefined && f.returnee !== null) qb.andWhere('p.returnee = :returnee', { returnee: f.returnee });
    const statuses = f.statuses?.length ? f.statuses : [PersonStatus.ACTIVE, PersonStatus.MOVED_AWAY];
    qb.andWhere('p.status IN (:...statuses)', { statuses });
    if (text) {
      if (/^\d{17}[\dXx]$/.test(text)) qb.andWhere('p.idNumber = :idNumber', { idNumber: text.toUpperCase() });
      else if (/^1\d{10}$/.test(text)) qb.andWhere('p.mobile = :mobile', { mobile: text });
      else qb.andWhere("(p.name LIKE :text ESCAPE '!' OR p.employer LIKE :text ESCAPE '!')", { text: likeContains(text) });
    }
    return keysetPage(qb, [{ expr: 'p.id', valueOf: (p) => p.id }], page);
  }

  async register(ctx: RequestContext<unknown>, input: RegisterPersonInput): Promise<PersonEntity> {
    assertCanWriteAnyDistrict(ctx.viewer);
    const today = this.today();
    const check = new InputChecker('input');
    const record = checkPersonRecord(check, withRegistrationDefaults(input as PersonDraft, today), today);
    if (!record) return check.throwIfInvalid() as never;
    assertCanWriteDistrict(ctx.viewer, record.districtCode);
    const id = await this.conn.transaction(ctx, async (tx) => {
      await this.assertIdNumberFree(tx, record.idNumber, null, 'input.idNumber');
      const entity = this.conn.repo(tx, PersonEntity).create({ ...record, id: tx.ids.next(), status: PersonStatus.ACTIVE });
      try {
        await this.conn.repo(tx, PersonEntity).insert(entity);
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateIdNumber('input.idNumber');
        throw error;
      }
      return entity.id;
    });
    return this.getById(ctx, id);
  }

  /**
   * Registers many forms at once, all or nothing: every row is checked first (each problem
   * named `rows[i].field`), duplicates within the batch and against the register are refused,
   * then the rows are inserted in chunks in one transaction.
   */
  async registerMany(ctx: RequestContext<unknown>, drafts: readonly PersonDraft[]): Promise<string[]> {
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
    return this.conn.transaction(ctx, async (tx) => {
      const repo = this.conn.repo(tx, PersonEntity);
      const numbers = [...seen.keys()];
      for (let i = 0; i < numbers.length; i += LOOKUP_CHUNK) {
        const existing = await repo.find({ select: { idNumber: true }, where: { idNumber: In(numbers.slice(i, i + LOOKUP_CHUNK)) } });
        if (existing.length) {
          throw new UserInputError(
            existing.map((e) => ({ field: `rows[${seen.get(e.idNumber)}].idNumber`, message: 'is registered already' })),
          );
        }
      }
      const rows = records.map((r) => ({ ...r, id: tx.ids.next() }));
      await this.conn.insertChunked(tx, PersonEntity, rows);
      return rows.map((r) => r.id);
    });
  }

  /**
   * Applies the given fields if the caller saw the current version; otherwise CONFLICT. A field
   * left out keeps its value; `null` clears an optional field and is refused for a required one
   * (nothing is defaulted here: defaults are for registration). A new ID number brings its
   * gender and birth date unless the change sets them too. An archived person's status stays.
   */
  async update(ctx: RequestContext<unknown>, input: UpdatePersonInput): Promise<PersonEntity> {
    assertCanWriteAnyDistrict(ctx.viewer);
    const { id, expectedVersion, ...patch } = input;
    const today = this.today();
    const nulls = new InputChecker('input');
    for (const field of REQUIRED_FIELDS) {
      if ((patch as Record<string, unknown>)[field] === null) nulls.fail(field, 'is required: leave it out to keep the current value');
    }
    if (patch.status === PersonStatus.ARCHIVED) nulls.fail('status', 'cannot be set to ARCHIVED here: use archivePerson');
    nulls.throwIfInvalid();

    const { lost } = await this.conn.transaction(ctx, async (tx) => {
      const current = await this.getById(tx, id);
      assertCanWriteDistrict(tx.viewer, current.districtCode);
      // Moving a person into another district needs the right to write there too.
      if (patch.districtCode) assertCanWriteDistrict(tx.viewer, patch.districtCode);
      assertVersion(current, expectedVersion);
      if (current.status === PersonStatus.ARCHIVED && patch.status !== undefined) {
        throw new ConflictError(`Person ${current.id} is archived: updatePerson cannot change the status of an archived record.`, {
          field: 'input.status',
          currentVersion: current.version,
        });
      }
      const draft: PersonDraft = { ...(current as unknown as PersonDraft) };
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) (draft as Record<string, unknown>)[key] = value;
      }
      // Gender and birth date follow a corrected ID number unless the patch sets them too.
      if (patch.idNumber !== undefined && patch.gender === undefined) draft.gender = undefined;
      if (patch.idNumber !== undefined && patch.birthDate === undefined) draft.birthDate = undefined;
      const check = new InputChecker('input');
      const record = checkPersonRecord(check, draft, today);
      if (!record) return check.throwIfInvalid() as never;
      if (record.idNumber !== current.idNumber) await this.assertIdNumberFree(tx, record.idNumber, current.id, 'input.idNumber');
      try {
        const result = await this.conn
          .repo(tx, PersonEntity)
          .createQueryBuilder()
          .update(PersonEntity)
          .set(record)
          .where('id = :id AND version = :version', { id: current.id, version: expectedVersion })
          .execute();
        return { lost: result.affected === 0 };
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateIdNumber('input.idNumber');
        throw error;
      }
    });
    if (lost) return this.raceLost(ctx, id, expectedVersion);
    return this.getById(ctx, id);
  }

  async archive(ctx: RequestContext<unknown>, input: ArchivePersonInput): Promise<PersonEntity> {
    assertCanWriteAnyDistrict(ctx.viewer);
    const { lost } = await this.conn.transaction(ctx, async (tx) => {
      const current = await this.getById(tx, input.id);
      assertCanWriteDistrict(tx.viewer, current.districtCode);
      assertVersion(current, input.expectedVersion);
      if (current.status === PersonStatus.ARCHIVED) throw new ConflictError(`Person ${input.id} is archived already.`);
      const result = await this.conn
        .repo(tx, PersonEntity)
        .createQueryBuilder()
        .update(PersonEntity)
        .set({ status: PersonStatus.ARCHIVED })
        .where('id = :id AND version = :version', { id: current.id, version: input.expectedVersion })
        .execute();
      return { lost: result.affected === 0 };
    });
    if (lost) return this.raceLost(ctx, input.id, input.expectedVersion);
    return this.getById(ctx, input.id);
  }

  private async assertIdNumberFree(ctx: RequestContext<unknown>, idNumber: string, exceptId: string | null, field: string): Promise<void> {
    const other = await this.conn.repo(ctx, PersonEntity).findOne({ select: { id: true }, where: { idNumber } });
    if (other && other.id !== exceptId) throw duplicateIdNumber(field);
  }

  private async raceLost(ctx: RequestContext<unknown>, id: string, expectedVersion: number): Promise<never> {
    const now = await this.getById(ctx, id);
    throw staleVersion(now, expectedVersion);
  }
}

function assertVersion(current: PersonEntity, expectedVersion: number): void {
  if (current.version !== expectedVersion) throw staleVersion(current, expectedVersion);
}

function staleVersion(current: PersonEntity, expectedVersion: number): ConflictError {
  return new ConflictError(
    `Person ${current.id} was changed by someone else: you edited version ${expectedVersion}, the register holds version ${current.version}. Reload it and apply your change again.`,
    { currentVersion: current.version },
  );
}

function duplicateIdNumber(field: string): ConflictError {
  return new ConflictError('A person with this ID number is registered already.', { field });
}
