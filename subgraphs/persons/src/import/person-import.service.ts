import {
  AuditLog,
  AuditOutcome,
  assertCanWriteAnyDistrict,
  ConflictError,
  describeViewer,
  InputChecker,
  isUniqueViolation,
  PersonalDataCipher,
  RequestContext,
  todayInChina,
  TransactionalConnection,
  UserInputError,
  writableDistricts,
} from '@tongxin/common';
import type { PersonService } from '../person/person.service';
import { sealPersonRecord } from '../person/person.service';
import { checkPersonRecord, PersonRecord, withRegistrationDefaults } from '../person/person.validation';
import { REGISTERED_ELSEWHERE } from '../person/number-probes';
import { draftOfSheetRow, headerOfField, PersonSheetRow } from './person-columns';
import { ImportReport, ImportRowError } from './person-import.types';

/** The most rows one import takes: 50,000 rows of the form stay well inside memory and one transaction. */
export const MAX_IMPORT_ROWS = 50_000;

/** A sheet row with the spreadsheet's row number. */
export interface NumberedSheetRow extends PersonSheetRow {
  rowNumber?: number | null;
}

/**
 * Bulk import of the registration form (登记表): a department's spreadsheet, parsed into rows of
 * text (`readPersonSheet`, or the `importPersons` mutation's rows). The whole file is checked
 * first, every problem reported by row and Chinese column; with any problem nothing is written.
 * A row whose ID number is registered already is skipped and counted (`alreadyRegistered`), so
 * importing the same file twice creates no duplicates and a file that partly landed can be
 * imported again. The new rows are inserted in one transaction.
 *
 * Roles: city administrators (and the system: the command line) any district; a district
 * administrator the rows of their own district, a row of another district being a row error of
 * 所在区县 (the rest of the file is still checked, nothing is written); others FORBIDDEN before
 * anything is read. One audit event per import with its counts (FAILED when the file had errors).
 */
export class PersonImportService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly cipher: PersonalDataCipher,
    private readonly persons: PersonService,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  importRows(ctx: RequestContext<unknown>, rows: readonly NumberedSheetRow[], dryRun: boolean): Promise<ImportReport> {
    const action = { action: 'importPersons', entityType: 'Person', detail: `${rows.length} rows${dryRun ? ', dry run' : ''}` };
    return this.audit.guard(ctx, action, () => this.importUnaudited(ctx, rows, dryRun));
  }

  private async importUnaudited(ctx: RequestContext<unknown>, rows: readonly NumberedSheetRow[], dryRun: boolean): Promise<ImportReport> {
    assertCanWriteAnyDistrict(ctx.viewer);
    if (rows.length > MAX_IMPORT_ROWS) {
      throw new UserInputError([{ field: 'rows', message: `holds ${rows.length} rows; one import takes at most ${MAX_IMPORT_ROWS}: split the file` }]);
    }
    const today = this.today();
    const scope = writableDistricts(ctx.viewer);
    const errors: ImportRowError[] = [];
    const records: { row: number; record: PersonRecord }[] = [];
    const rowOfIdNumber = new Map<string, number>();
    rows.forEach((sheetRow, i) => {
      const row = sheetRow.rowNumber ?? i + 2;
      const check = new InputChecker('');
      const record = checkPersonRecord(check, withRegistrationDefaults(draftOfSheetRow(check, sheetRow), today), today);
      if (record && scope !== 'ALL' && !(scope !== 'NONE' && scope.includes(record.districtCode))) {
        check.fail('districtCode', `${describeViewer(ctx.viewer)} can register persons of their own district only`);
      }
      if (record) {
        const first = rowOfIdNumber.get(record.idNumber);
        if (first !== undefined) check.fail('idNumber', `repeats the ID number of row ${first}`);
        else rowOfIdNumber.set(record.idNumber, row);
      }
      // One problem per cell: a label that could not be read is also "required" to the checker.
      const columns = new Set<string>();
      for (const e of check.errors) {
        const column = headerOfField(e.field);
        if (columns.has(column)) continue;
        columns.add(column);
        errors.push(Object.assign(new ImportRowError(), { row, column, message: `${column} ${e.message}` }));
      }
      if (check.ok && record) records.push({ row, record });
    });

    // The hashes of all good rows (rows with errors are not looked up: they are not written anyway).
    const hashed = records.map(({ row, record }) => ({ row, record, hash: this.cipher.hash(record.idNumber) }));
    // Looked up before the import's transaction: a number registered outside the caller's scope is
    // told only as "registered in another district", and such matches are counted against the
    // caller's daily limit (recorded on their own, or the request refused) before anything is
    // answered. A record registered meanwhile is caught by the unique index when writing.
    const registered = await this.persons.registeredHashes(
      ctx,
      hashed.map((h) => h.hash),
    );
    const matched = hashed.filter((h) => registered.has(h.hash)).map((h) => ({ ...h, match: registered.get(h.hash)! }));
    await this.persons.probes.admit(
      ctx,
      matched.map((h) => ({ personId: h.match.id, districtCode: h.match.districtCode, source: `row ${h.row}${dryRun ? ', dry run' : ''}` })),
      'importPersons',
    );
    const elsewhere = matched.filter((h) => this.persons.probes.isOutside(ctx, h.match.districtCode));
    for (const h of elsewhere) {
      const column = headerOfField('idNumber');
      errors.push(Object.assign(new ImportRowError(), { row: h.row, column, message: `${column} ${REGISTERED_ELSEWHERE}` }));
    }
    const report = await this.conn.transaction(ctx, async (tx) => {
      const ownMatches = matched.filter((h) => !this.persons.probes.isOutside(ctx, h.match.districtCode));
      const already = ownMatches.map((h) => h.row);
      const fresh = hashed.filter((h) => !registered.has(h.hash));
      const written = !dryRun && errors.length === 0;
      const report = Object.assign(new ImportReport(), {
        dryRun,
        written,
        rowCount: rows.length,
        registered: fresh.length,
        alreadyRegistered: already.length,
        alreadyRegisteredRows: already,
        errors,
      });
      if (written) {
        try {
          await this.persons.insertRecords(
            tx,
            fresh.map((h) => sealPersonRecord(this.cipher, h.record)),
          );
        } catch (error) {
          // Someone registered one of these numbers between the look-up and the insert.
          if (isUniqueViolation(error)) throw new ConflictError('A person of this file was registered by someone else meanwhile: nothing was written; import the file again.');
          throw error;
        }
      }
      const detail = `${rows.length} rows${dryRun ? ', dry run' : ''}: ${fresh.length} ${written ? 'registered' : 'new'}, ${already.length} registered already, ${errors.length} errors${written ? '' : ', nothing written'}`;
      await this.audit.record(tx, { action: 'importPersons', entityType: 'Person', detail }, errors.length ? AuditOutcome.FAILED : AuditOutcome.SUCCEEDED);
      // A row found registered confirms an ID number, as a search by number does: each is audited
      // with the record it matched, so bulk look-ups (dry runs included) leave a trace per person.
      // (Matches outside the caller's scope were recorded by the limiter, as numberMatchElsewhere.)
      await this.audit.record(
        tx,
        ownMatches.map((h) => ({ action: 'importMatch', entityType: 'Person', entityId: h.match.id, detail: `row ${h.row}${dryRun ? ', dry run' : ''}` })),
      );
      return report;
    });
    // The new records' districts go to the organizations subgraph (docs/CROSS-DISTRICT.md).
    if (report.written) this.persons.publishDistricts();
    return report;
  }
}
