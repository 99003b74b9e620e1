import { Authorization, RequestContext } from '@tongxin/common';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { PersonsServices } from '../services';
import { PersonFilter } from '../person/person.inputs';
import { XLSX_CONTENT_TYPE } from './person-export.service';
import { ExportFile, ImportReport, PersonImportRow } from './person-import.types';

@Resolver()
export class PersonImportResolver {
  constructor(private readonly services: PersonsServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district (other districts' rows are row errors)" } })
  @Mutation(() => ImportReport, {
    description:
      'Imports rows of the registration form (登记表), all or nothing: every row is checked first and every problem reported by row and column; with any, nothing is written. Rows already registered (same ID number) are skipped and counted. dryRun checks and reports without writing.',
  })
  importPersons(
    @Arg('rows', () => [PersonImportRow]) rows: PersonImportRow[],
    @Arg('dryRun', () => Boolean, { nullable: true, defaultValue: false }) dryRun: boolean | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportReport> {
    return this.services.personImport.importRows(ctx, rows, dryRun ?? false);
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'own district', ANALYST: 'all, masked' } })
  @Query(() => ExportFile, {
    description: 'The register as filtered (as persons), as an .xlsx sheet of the registration form with masked ID and mobile numbers; at most 50,000 rows.',
  })
  async exportPersons(@Arg('filter', () => PersonFilter, { nullable: true }) filter: PersonFilter | null, @Ctx() ctx: RequestContext): Promise<ExportFile> {
    const exports = this.services.personExport;
    const { file, bytes } = await exports.toBuffer((out) => exports.exportPersons(ctx, filter, out));
    return Object.assign(new ExportFile(), { fileName: file.fileName, contentType: XLSX_CONTENT_TYPE, base64: bytes.toString('base64'), rowCount: file.rowCount });
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'own district', ANALYST: 'all, masked' } })
  @Query(() => ExportFile, { description: 'The community ledger (社区基础台账) of one community, grouped by category, as .xlsx with masked identifiers.' })
  async exportCommunityLedger(@Arg('streetCode', () => String) streetCode: string, @Arg('community', () => String) community: string, @Ctx() ctx: RequestContext): Promise<ExportFile> {
    const exports = this.services.personExport;
    const { file, bytes } = await exports.toBuffer((out) => exports.exportCommunityLedger(ctx, { streetCode, community }, out));
    return Object.assign(new ExportFile(), { fileName: file.fileName, contentType: XLSX_CONTENT_TYPE, base64: bytes.toString('base64'), rowCount: file.rowCount });
  }
}
