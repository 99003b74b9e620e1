import {
  AuditLog,
  describeViewer,
  ForbiddenError,
  InputChecker,
  isId,
  keysetPage,
  likeContains,
  maskPhone,
  NotFoundError,
  organizationWriteRefusal,
  Page,
  pageRequest,
  PersonalDataCipher,
  RequestContext,
  Role,
  todayInChina,
  TransactionalConnection,
  Viewer,
} from '@tongxin/common';
import { In, SelectQueryBuilder } from 'typeorm';
import { checkRows, distinctIds, refuseFirstRow } from '../bulk';
import { contactPhoneHash, OrganizationEntity, SEALED_CONTACT_PHONE } from './organization.entity';
import { CreateOrganizationInput, OrganizationFilter } from './organization.inputs';
import { checkOrganizationRecord, OrganizationDraft, OrganizationRecord } from './organization.validation';

/**
 * The associations and working bodies, and the rules for where each may sit and who may set them
 * up (docs/SECURITY.md, "1. Roles in the services"). Profiles are not personal data: every role
 * reads them. City administrators set up any organization, district administrators those of
 * their district below city level (`organizationWriteRefusal`); the other roles none, refused
 * before their input is even looked at. Every change is audited (`AuditLog`).
 */
export class OrganizationService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly cipher: PersonalDataCipher,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  /** The stored form of a checked record: the contact phone encrypted, hashed and masked, never in plain. */
  private seal(record: OrganizationRecord): Omit<OrganizationRecord, 'contactPhone'> & Pick<OrganizationEntity, 'contactPhoneEnc' | 'contactPhoneHash' | 'contactPhoneMasked'> {
    const { contactPhone, ...rest } = record;
    return {
      ...rest,
      contactPhoneEnc: contactPhone ? this.cipher.encrypt(contactPhone, SEALED_CONTACT_PHONE) : null,
      contactPhoneHash: contactPhone ? contactPhoneHash(this.cipher, contactPhone) : null,
      contactPhoneMasked: contactPhone ? maskPhone(contactPhone) : null,
    };
  }

  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<OrganizationEntity[]> {
    return this.conn.findByIds(ctx, OrganizationEntity, ids);
  }

  /** The children of many parents at once, each parent's in creation order. */
  findByParentIds(ctx: RequestContext<unknown>, parentIds: readonly string[]): Promise<OrganizationEntity[]> {
    return this.conn.repo(ctx, OrganizationEntity).find({ where: { parentId: In([...parentIds]) }, order: { id: 'ASC' } });
  }

  getById(ctx: RequestContext<unknown>, id: string): Promise<OrganizationEntity> {
    return this.conn.getEntityOrThrow(ctx, OrganizationEntity, id, 'Organization');
  }

  /** One page of organizations, in creation order, filtered as asked. */
  list(ctx: RequestContext<unknown>, filter: OrganizationFilter | null | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<OrganizationEntity>> {
    const page = pageRequest(args);
    return keysetPage(this.filtered(ctx, filter), [{ expr: 'o.id', valueOf: (o) => o.id }], page);
  }

  /**
   * The organizations of a filter, as a query (alias `o`) to page or group: the filter's fields
   * are checked first (BAD_USER_INPUT names each, `filter.parentId`). Profiles are read by every
   * role, so the filter is not limited by the viewer.
   */
  filtered(ctx: RequestContext<unknown>, filter: OrganizationFilter | null | undefined): SelectQueryBuilder<OrganizationEntity> {
    const f = filter ?? {};
    const check = new InputChecker('filter');
    check.district('districtCode', f.districtCode);
    const parentId = check.id('parentId', f.parentId, { required: false });
    const text = check.text('text', f.text, { max: 100 });
    check.throwIfInvalid();

    const qb = this.conn.repo(ctx, OrganizationEntity).createQueryBuilder('o');
    if (f.districtCode) qb.andWhere('o.districtCode = :districtCode', { districtCode: f.districtCode });
    if (f.kind) qb.andWhere('o.kind = :kind', { kind: f.kind });
    if (f.level) qb.andWhere('o.level = :level', { level: f.level });
    if (parentId) qb.andWhere('o.parentId = :parentId', { parentId });
    if (text) qb.andWhere("o.name LIKE :text ESCAPE '!'", { text: likeContains(text) });
    return qb;
  }

  /**
   * Member units' contact phones as this viewer may see them, one per unit in order: whole for
   * city administrators and the administrators of the unit's district (who keep the work
   * structure), masked for every other role. Every whole read is an audit event
   * (`readContactPhone`), all of one batch in one transaction; masked reads are not audited.
   */
  async contactPhones(
    ctx: RequestContext<unknown>,
    units: readonly { readonly id: string; readonly districtCode: string; readonly contactPhoneEnc: string | null; readonly contactPhoneMasked: string | null }[],
  ): Promise<(string | null)[]> {
    const v = ctx.viewer;
    const whole = (districtCode: string) => v.system || v.role === Role.CITY_ADMIN || (v.role === Role.DISTRICT_ADMIN && v.districtCode === districtCode);
    const reads = units.filter((u) => u.contactPhoneEnc && whole(u.districtCode));
    if (reads.length && !v.system) {
      await this.conn.transaction(ctx, (tx) =>
        this.audit.record(
          tx,
          reads.map((u) => ({ action: 'readContactPhone', entityType: 'Organization', entityId: u.id })),
        ),
      );
    }
    return units.map((u) => (u.contactPhoneEnc === null ? null : whole(u.districtCode) ? this.cipher.decrypt(u.contactPhoneEnc, SEALED_CONTACT_PHONE) : u.contactPhoneMasked));
  }

  async create(ctx: RequestContext<unknown>, input: CreateOrganizationInput): Promise<OrganizationEntity> {
    const id = await this.audit.guard(ctx, { action: 'createOrganization', entityType: 'Organization', entityId: null }, async () => {
      // Roles that can never set up an organization learn nothing from validation messages.
      assertMaySetUpOrganizations(ctx.viewer);
      const today = this.today();
      return this.conn.transaction(ctx, async (tx) => {
        let parent: OrganizationEntity | null = null;
        if (input.parentId && isId(input.parentId)) {
          parent = await this.conn.repo(tx, OrganizationEntity).findOneBy({ id: input.parentId.toLowerCase() });
          if (!parent) throw new NotFoundError('Organization', input.parentId);
        }
        const check = new InputChecker('input');
        const record = checkOrganizationRecord(check, input as OrganizationDraft, today, () => parent ?? undefined);
        if (!record) return check.throwIfInvalid() as never;
        const refusal = organizationWriteRefusal(tx.viewer, record);
        if (refusal) throw refusal;
        const newId = tx.ids.next();
        await this.conn.repo(tx, OrganizationEntity).insert({ ...this.seal(record), id: newId, version: 1 });
        await this.audit.record(tx, { action: 'createOrganization', entityType: 'Organization', entityId: newId });
        return newId;
      });
    });
    return this.getById(ctx, id);
  }

  /**
   * Creates many organizations at once, all or nothing (demo data). Parents must exist already:
   * create them in an earlier call. Every row is checked first (problems named
   * `rows[i].field`), then each row against the caller's right to set it up (the rule of
   * createOrganization), then the rows are inserted in chunks in one transaction, which also
   * records one audit event for the batch.
   */
  async createMany(ctx: RequestContext<unknown>, drafts: readonly OrganizationDraft[]): Promise<string[]> {
    return this.audit.guard(ctx, { action: 'createMany', entityType: 'Organization', entityId: null }, async () => {
      assertMaySetUpOrganizations(ctx.viewer);
      const today = this.today();
      return this.conn.transaction(ctx, async (tx) => {
        const parentIds = distinctIds(drafts.map((d) => d.parentId));
        const parents = await this.conn.mapByIds(tx, OrganizationEntity, parentIds);
        const records = checkRows(drafts, (check, draft) => {
          const record = checkOrganizationRecord(check, draft, today, (id) => parents.get(id));
          return record && { record };
        });
        // The rule of createOrganization, row by row.
        refuseFirstRow(records, ({ record }) => organizationWriteRefusal(tx.viewer, record));
        const rows = records.map(({ record }) => ({ ...this.seal(record), id: tx.ids.next() }));
        await this.conn.insertChunked(tx, OrganizationEntity, rows);
        await this.audit.record(tx, { action: 'createMany', entityType: 'Organization', entityId: null, detail: `${rows.length} records` });
        return rows.map((r) => r.id);
      });
    });
  }
}

/**
 * Refuses, before any input is read, the roles that may never set up an organization: analysts,
 * persons and association administrators (who manage their organization's members, not the
 * structure). Which organizations a city or district administrator may set up is decided on
 * the checked record by `organizationWriteRefusal`.
 */
function assertMaySetUpOrganizations(viewer: Viewer): void {
  if (viewer.system || viewer.role === Role.CITY_ADMIN || viewer.role === Role.DISTRICT_ADMIN) return;
  throw new ForbiddenError(`${describeViewer(viewer)} cannot set up or change organizations.`);
}
