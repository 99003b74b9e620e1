import { PassThrough, Writable } from 'node:stream';
import { AuditLog, ForbiddenError, InputChecker, personListDistricts, RequestContext, streetOf, todayInChina, TransactionalConnection, UserInputError } from '@tongxin/common';
import { PersonEntity } from '../person/person.entity';
import { PersonStatus } from '../person/person.enums';
import type { PersonFilter } from '../person/person.inputs';
import type { PersonService } from '../person/person.service';
import { safeFileName } from './cell-safety';
import { writeCommunityLedger, writePersonSheet } from './person-sheet';

/** The most rows one export holds (a sheet this size opens in any spreadsheet program). */
export const MAX_EXPORT_ROWS = 50_000;
/** Rows read per statement while an export streams. */
const EXPORT_PAGE = 2_000;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportedFile {
  readonly fileName: string;
  readonly rowCount: number;
}

/**
 * Exports of the register to `.xlsx`: any list `persons` can return (same filter, same roles:
 * city administrators and analysts all, district administrators their district, others
 * FORBIDDEN), with the import's Chinese headers, and the community ledger (社区基础台账). ID and
 * mobile numbers are always masked; the birth date only for the roles that may see it (cities,
 * the district's administrators), empty for others. At most MAX_EXPORT_ROWS rows (BAD_USER_INPUT
 * beyond: narrow the filter). Each export is one audit event with its row count.
 */
export class PersonExportService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly persons: PersonService,
    private readonly today: () => string = () => todayInChina(),
    private readonly maxRows: number = MAX_EXPORT_ROWS,
  ) {}

  /** Streams the filtered register into `output` as `.xlsx`. */
  exportPersons(ctx: RequestContext<unknown>, filter: PersonFilter | null | undefined, output: Writable): Promise<ExportedFile> {
    return this.audit.guard(ctx, { action: 'exportPersons', entityType: 'Person' }, async () => {
      const { qb, byNumber } = this.persons.filtered(ctx, filter, (district) => personListDistricts(ctx.viewer, district));
      if (byNumber) await this.persons.admitNumberSearch(ctx, byNumber);
      const total = await qb.clone().getCount();
      if (total > this.maxRows) {
        throw new UserInputError([{ field: 'filter', message: `selects ${total} persons; one export holds at most ${this.maxRows}: narrow the filter (district, street, category …)` }]);
      }
      const pages = async function* (): AsyncGenerator<PersonEntity[]> {
        let after = '';
        for (;;) {
          const page = await qb.clone().andWhere('p.id > :after', { after }).orderBy('p.id', 'ASC').take(EXPORT_PAGE).getMany();
          if (page.length) yield page;
          if (page.length < EXPORT_PAGE) return;
          after = page[page.length - 1]!.id;
        }
      };
      const rowCount = await writePersonSheet(output, pages(), { birthDate: (p) => birthDateOrNull(this.persons.birthDateFor(ctx, p)) });
      if (byNumber) await this.persons.auditNumberSearch(ctx, byNumber, rowCount);
      await this.conn.transaction(ctx, (tx) => this.audit.record(tx, { action: 'exportPersons', entityType: 'Person', detail: `${rowCount} rows` }));
      return { fileName: safeFileName(`登记表-${this.today()}.xlsx`), rowCount };
    });
  }

  /** The community ledger of one community (its street and name), all its persons but the archived. */
  exportCommunityLedger(ctx: RequestContext<unknown>, place: { streetCode: string; community: string }, output: Writable): Promise<ExportedFile> {
    return this.audit.guard(ctx, { action: 'exportCommunityLedger', entityType: 'Person', detail: `${place.streetCode} ${place.community}` }, async () => {
      const check = new InputChecker('');
      const streetCode = check.street('streetCode', place.streetCode, undefined);
      if (!place.streetCode) check.fail('streetCode', 'is required: the street or town of the community');
      const community = check.text('community', place.community, { required: true, max: 50 });
      check.throwIfInvalid();
      const districtCode = streetOf(streetCode!)!.districtCode;
      const { qb } = this.persons.filtered(ctx, { streetCode, community, statuses: [PersonStatus.ACTIVE, PersonStatus.MOVED_AWAY] }, (d) => personListDistricts(ctx.viewer, d));
      const total = await qb.clone().getCount();
      if (total > this.maxRows) throw new UserInputError([{ field: 'community', message: `holds ${total} persons; a ledger holds at most ${this.maxRows}` }]);
      const persons = await qb.orderBy('p.id', 'ASC').getMany();
      const today = this.today();
      const rowCount = await writeCommunityLedger(output, { districtCode, streetCode: streetCode!, community: community!, today }, persons, {
        birthDate: (p) => birthDateOrNull(this.persons.birthDateFor(ctx, p)),
      });
      await this.conn.transaction(ctx, (tx) => this.audit.record(tx, { action: 'exportCommunityLedger', entityType: 'Person', detail: `${streetCode} ${community}: ${rowCount} rows` }));
      return { fileName: safeFileName(`社区基础台账-${community}-${today}.xlsx`), rowCount };
    });
  }

  /** An export as bytes (the API's base64 answer). */
  async toBuffer(write: (output: Writable) => Promise<ExportedFile>): Promise<{ file: ExportedFile; bytes: Buffer }> {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve, reject) => {
      output.on('end', resolve);
      output.on('error', reject);
    });
    const file = await write(output);
    await ended;
    return { file, bytes: Buffer.concat(chunks) };
  }
}

const birthDateOrNull = (read: string | ForbiddenError): string | null => (read instanceof ForbiddenError ? null : read);
