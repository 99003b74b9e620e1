import {
  InputChecker,
  isId,
  keysetPage,
  likeContains,
  NotFoundError,
  Page,
  pageRequest,
  RequestContext,
  todayInChina,
  TransactionalConnection,
  UserInputError,
} from '@tongxin/common';
import { In } from 'typeorm';
import { OrganizationEntity } from './organization.entity';
import { CreateOrganizationInput, OrganizationFilter } from './organization.inputs';
import { checkOrganizationRecord, OrganizationDraft, OrganizationRecord } from './organization.validation';

const LOOKUP_CHUNK = 500;

/** The associations and working bodies, and the rules for where each may sit. */
export class OrganizationService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly today: () => string = () => todayInChina(),
  ) {}

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
    return keysetPage(qb, [{ expr: 'o.id', valueOf: (o) => o.id }], page);
  }

  async create(ctx: RequestContext<unknown>, input: CreateOrganizationInput): Promise<OrganizationEntity> {
    const today = this.today();
    const id = await this.conn.transaction(ctx, async (tx) => {
      let parent: OrganizationEntity | null = null;
      if (input.parentId && isId(input.parentId)) {
        parent = await this.conn.repo(tx, OrganizationEntity).findOneBy({ id: input.parentId.toLowerCase() });
        if (!parent) throw new NotFoundError('Organization', input.parentId);
      }
      const check = new InputChecker('input');
      const record = checkOrganizationRecord(check, input as OrganizationDraft, today, () => parent ?? undefined);
      if (!record) return check.throwIfInvalid() as never;
      const newId = tx.ids.next();
      await this.conn.repo(tx, OrganizationEntity).insert({ ...record, id: newId, version: 1 });
      return newId;
    });
    return this.getById(ctx, id);
  }

  /**
   * Creates many organizations at once, all or nothing (demo data). Parents must exist already:
   * create them in an earlier call. Every row is checked first (problems named
   * `rows[i].field`), then the rows are inserted in chunks in one transaction.
   */
  async createMany(ctx: RequestContext<unknown>, drafts: readonly OrganizationDraft[]): Promise<string[]> {
    const today = this.today();
    return this.conn.transaction(ctx, async (tx) => {
      const repo = this.conn.repo(tx, OrganizationEntity);
      const parentIds = [
        ...new Set(drafts.map((d) => d.parentId).filter((p): p is string => typeof p === 'string' && isId(p)).map((p) => p.toLowerCase())),
      ];
      const parents = new Map<string, OrganizationEntity>();
      for (let i = 0; i < parentIds.length; i += LOOKUP_CHUNK) {
        for (const p of await repo.findBy({ id: In(parentIds.slice(i, i + LOOKUP_CHUNK)) })) parents.set(p.id, p);
      }
      const errors: { field: string; message: string }[] = [];
      const records: OrganizationRecord[] = [];
      drafts.forEach((draft, i) => {
        const check = new InputChecker(`rows[${i}]`);
        const record = checkOrganizationRecord(check, draft, today, (id) => parents.get(id));
        errors.push(...check.errors);
        if (record) records.push(record);
      });
      if (errors.length) throw new UserInputError(errors);
      const rows = records.map((r) => ({ ...r, id: tx.ids.next() }));
      await this.conn.insertChunked(tx, OrganizationEntity, rows);
      return rows.map((r) => r.id);
    });
  }
}
