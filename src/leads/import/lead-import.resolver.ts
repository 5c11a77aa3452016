import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ImportLeadsInput } from './lead-import.inputs';
import { Guard } from '../../platform/auth/guard';
import { principalOf, type RequestContext } from '../../platform/context/context';
import { Connection, ConnectionArgs, connectionComplexity, type ConnectionShape } from '../../platform/pagination/connection';
import { leadsGuard } from '../lead-settings.service';
import { LeadImport, LeadImportProgress, LeadImportRow } from './lead-import.entity';

export const LeadImportRowConnection = Connection(LeadImportRow, 'LeadImportRowResult');

@Resolver(() => LeadImport)
export class LeadImportResolver {
  @Guard(leadsGuard.read)
  @Query(() => LeadImport, {
    description:
      'Any member, or an API key with leads:read (else FORBIDDEN). A lead import (started with POST /imports): status, progress ' +
      'and per-row results; poll it while QUEUED or RUNNING. Seen by the member who started it, MANAGER and above, and API keys ' +
      'of the workspace. Errors: NOT_FOUND for an import outside that reach (another workspace, another member\'s import).',
  })
  leadImport(@Arg('id', () => ID, { description: 'The import id (from POST /imports).' }) id: string, @Ctx() context: RequestContext): Promise<LeadImport> {
    return context.services.leadImports.get(principalOf(context), id);
  }

  @Guard(leadsGuard.write)
  @Mutation(() => LeadImport, {
    description:
      'Requires MEMBER or above, or an API key with leads:write (else FORBIDDEN). Starts a lead import (QUEUED; a background ' +
      'job runs it) of a CSV or XLSX file uploaded with POST /imports without options; POST /imports with options does both ' +
      'in one request. Errors: NOT_FOUND for an upload that is not the caller\'s or was already imported; BAD_USER_INPUT ' +
      '(input.mapping.<i>.column / field: unknown column or field, a field mapped twice; input.defaults.*: unusable source, ' +
      'inactive assignee, foreign team); FORBIDDEN (ROLE_REQUIRED) when a MEMBER names another assignee.',
  })
  importLeads(@Arg('input', { description: 'The upload and the options (see ImportLeadsInput).' }) input: ImportLeadsInput, @Ctx() context: RequestContext): Promise<LeadImport> {
    return context.services.leadImports.startFromUpload(principalOf(context), input);
  }

  @FieldResolver(() => LeadImportProgress, { description: 'Rows read so far and what became of them (committed batches only).' })
  progress(@Root() leadImport: LeadImport): LeadImportProgress {
    return {
      rowsTotal: leadImport.rowsTotal,
      rowsRead: leadImport.rowsRead,
      created: leadImport.createdCount,
      updated: leadImport.updatedCount,
      skipped: leadImport.skippedCount,
      failed: leadImport.failedCount,
    };
  }

  @FieldResolver(() => String, { description: 'Where to download every row\'s result as CSV (GET, same credentials): /imports/<id>/results.csv.' })
  resultsUrl(@Root() leadImport: LeadImport): string {
    return `/imports/${leadImport.id}/results.csv`;
  }

  @FieldResolver(() => LeadImportRowConnection, { description: 'The per-row results so far, by row number.', complexity: connectionComplexity })
  rows(@Root() leadImport: LeadImport, @Args() page: ConnectionArgs, @Ctx() context: RequestContext): Promise<ConnectionShape<LeadImportRow>> {
    return context.services.leadImports.rows(principalOf(context), leadImport, page);
  }
}
